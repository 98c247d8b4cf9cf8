// An item's answerValueSet as answer options: a ValueSet contained in the Questionnaire ("#id"), or
// a canonical one (url, or url|version) from those the person gave (`fhir import --valuesets <dir>`).
// Only what lists its codes is read: an expansion, or a compose with concepts; a filter or an
// included value set needs a terminology server, and is reported.
import { z } from 'zod';
import type { AnswerOption, Extension } from './types.js';

interface Concept {
  system?: string;
  code?: string;
  display?: string;
  extension?: Extension[];
  abstract?: boolean;
  inactive?: boolean;
  contains?: Concept[];
}

export interface ValueSet {
  resourceType: 'ValueSet';
  id?: string;
  url?: string;
  version?: string;
  expansion?: { contains?: Concept[] };
  compose?: {
    include?: { system?: string; concept?: Concept[]; filter?: unknown[]; valueSet?: string[] }[];
    exclude?: unknown[];
  };
}

const valueSetShape = z.looseObject({ resourceType: z.literal('ValueSet') });

/** The ValueSets in a parsed JSON file: the resource itself, or a Bundle's entries. */
export function valueSetsIn(value: unknown): ValueSet[] {
  if (valueSetShape.safeParse(value).success) return [value as ValueSet];
  const bundle = z
    .looseObject({ resourceType: z.literal('Bundle'), entry: z.array(z.looseObject({ resource: z.unknown() })) })
    .safeParse(value);
  return bundle.success ? bundle.data.entry.flatMap((e) => valueSetsIn(e.resource)) : [];
}

const flatten = (concepts: readonly Concept[]): Concept[] =>
  concepts.flatMap((c) => [...(c.abstract === true || c.inactive === true || !c.code ? [] : [c]), ...flatten(c.contains ?? [])]);

const asOption = (concept: Concept, system: string | undefined): AnswerOption => ({
  valueCoding: {
    ...(system ? { system } : {}),
    ...(concept.code ? { code: concept.code } : {}),
    ...(concept.display ? { display: concept.display } : {}),
    ...(concept.extension ? { extension: concept.extension } : {}),
  },
});

/** The value set's codes as answer options, or why they cannot be read from it. */
export function optionsOfValueSet(valueSet: ValueSet): { options: AnswerOption[] } | { reason: string } {
  const expanded = flatten(valueSet.expansion?.contains ?? []);
  if (expanded.length > 0) return { options: expanded.map((c) => asOption(c, c.system)) };
  const includes = valueSet.compose?.include ?? [];
  if (includes.length === 0) return { reason: 'it has neither an expansion nor codes in its compose' };
  if (valueSet.compose?.exclude?.length || includes.some((i) => i.filter?.length || i.valueSet?.length || !i.concept?.length))
    return {
      reason: 'its compose uses filters, other value sets or whole code systems, which need a terminology server: give it expanded',
    };
  return { options: includes.flatMap((i) => (i.concept ?? []).filter((c) => c.code).map((c) => asOption(c, i.system))) };
}

/** The ValueSet an answerValueSet names, or why it is not at hand. */
export function findValueSet(
  reference: string,
  contained: readonly unknown[],
  given: readonly ValueSet[],
): { valueSet: ValueSet } | { reason: string } {
  if (reference.startsWith('#')) {
    const found = contained.flatMap(valueSetsIn).find((v) => v.id === reference.slice(1));
    return found ? { valueSet: found } : { reason: `the contained value set ${reference} is not in the Questionnaire` };
  }
  const [url, version] = reference.split('|');
  const found = given.find((v) => v.url === url && (version === undefined || v.version === version));
  if (found) return { valueSet: found };
  return {
    reason:
      given.length === 0
        ? `its value set ${reference} is not contained in the Questionnaire: give it with --valuesets <folder>`
        : `its value set ${reference} is not among those given with --valuesets`,
  };
}
