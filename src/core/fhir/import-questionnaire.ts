// A FHIR R4 Questionnaire as a definition, for the item kinds the format has. Everything that
// cannot be carried over is named in `report`, so the author knows what to write by hand.
import { z } from 'zod';
import type { DefinitionInput } from '../definition.js';
import { parseDefinition } from '../parse-definition.js';
import { formatPath, type Problem } from '../problems.js';
import { conditionWithin } from './import-conditions.js';
import { codesOf, localised, toIdentifier, type Context, type LeftOut } from './import-context.js';
import { group, topLevelLeaf } from './import-groups.js';
import { withHelpNested } from './import-items.js';
import { scoresOf } from './import-scores.js';
import type { ValueSet } from './import-value-sets.js';
import { questionnaireIdFromUrl } from './naming.js';
import { baseLanguage, readLocalised, translatedLanguages } from './text.js';
import type { PrimitiveElement, Questionnaire } from './types.js';

export interface ImportOptions {
  /** ValueSets for the canonical answerValueSets (`fhir import --valuesets <folder>`). */
  valueSets?: readonly ValueSet[];
}

export interface QuestionnaireImport {
  /** The definition as far as it could be carried over; absent when nothing could. */
  definition?: DefinitionInput;
  /** What was not carried over, or was changed on the way, in plain words. */
  report: string[];
  /** The questions (items that take answers) that could not be carried over, each with why: the import is partial. */
  leftOut: LeftOut[];
  /** What `check` would find in the definition (e.g. a condition on a later item, which FHIR allows). */
  problems: Problem[];
}

// Only the shape the mapping reads is checked here; the rest of the resource is left alone.
const element = z.looseObject({ extension: z.array(z.looseObject({ url: z.string() })).optional() });
const itemShape: z.ZodType<unknown> = z.lazy(() =>
  z.looseObject({
    linkId: z.string().min(1),
    type: z.string(),
    text: z.string().optional(),
    item: z.array(itemShape).optional(),
    answerOption: z.array(element).optional(),
    enableWhen: z.array(z.looseObject({ question: z.string(), operator: z.string() })).optional(),
  }),
);
const questionnaireShape = z.looseObject({
  resourceType: z.literal('Questionnaire'),
  item: z.array(itemShape).optional(),
  language: z.string().optional(),
});

/** Every language named anywhere in the resource's translations, in the order met. */
function languagesIn(value: unknown, found: string[]): string[] {
  if (Array.isArray(value)) value.forEach((v) => languagesIn(v, found));
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('_'))
        for (const language of translatedLanguages(child as PrimitiveElement)) if (!found.includes(language)) found.push(language);
      languagesIn(child, found);
    }
  return found;
}

/**
 * A translation that misses texts (some items translated, others not) would fail `check`: such a
 * language is left out of the definition, and said so. The first language always stays.
 */
function withoutIncompleteLanguages(definition: DefinitionInput, report: string[]): DefinitionInput {
  const parsed = parseDefinition(definition);
  if (parsed.ok) return definition;
  const missing = new Set(parsed.problems.flatMap((p) => /^the "([a-z]{2,3})" text is missing/.exec(p.message)?.[1] ?? []));
  const [first] = definition.languages;
  missing.delete(first ?? '');
  if (missing.size === 0) return definition;
  const strip = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(strip);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      const isText = keys.length > 0 && keys.every((k) => definition.languages.includes(k) && typeof record[k] === 'string');
      if (isText) for (const language of missing) Reflect.deleteProperty(record, language);
      else Object.values(record).forEach(strip);
    }
  };
  strip(definition.items);
  strip(definition.title);
  strip(definition.introduction);
  strip(definition.optionSets);
  strip(definition.scores);
  definition.languages = definition.languages.filter((l) => !missing.has(l));
  for (const language of missing) report.push(`the translation into "${language}" leaves texts untranslated: the language is left out`);
  return definition;
}

export function fromFhirQuestionnaire(input: unknown, options: ImportOptions = {}): QuestionnaireImport {
  const report: string[] = [];
  const shape = questionnaireShape.safeParse(input);
  if (!shape.success)
    return {
      report: [
        `this is not a FHIR Questionnaire: ${shape.error.issues.map((i) => `${formatPath(i.path.filter((k) => typeof k !== 'symbol'))} ${i.message}`).join('; ')}`,
      ],
      problems: [],
      leftOut: [],
    };
  const questionnaire = shape.data as unknown as Questionnaire;
  const language = baseLanguage(questionnaire.language) ?? 'en';
  if (!questionnaire.language) report.push('the Questionnaire names no language: its texts are taken to be English ("en")');
  const languages = [language, ...languagesIn(questionnaire, []).filter((l) => l !== language)];
  const context: Context = {
    language,
    report,
    ids: new Map(),
    kinds: new Map(),
    optionSets: {},
    usedIds: new Set(),
    pendingConditions: [],
    contained: Array.isArray(questionnaire.contained) ? questionnaire.contained : [],
    valueSets: options.valueSets ?? [],
    weights: new Map(),
    pendingScores: [],
    leftOut: [],
    repeated: new Map(),
  };

  const fromUrl = questionnaireIdFromUrl(questionnaire.url);
  const id = fromUrl ?? toIdentifier(questionnaire.name ?? questionnaire.id ?? 'imported', 'imported');
  const version = /^\d+(\.\d+){0,2}$/.test(questionnaire.version ?? '') ? (questionnaire.version as string) : '1';
  if (version !== questionnaire.version)
    report.push(`the version ${JSON.stringify(questionnaire.version ?? null)} is not one to three numbers: it is "1" here`);

  const items = withHelpNested(questionnaire.item ?? []).flatMap((item) =>
    item.type === 'group' ? group(context, item, true) : topLevelLeaf(context, item),
  );
  for (const { owner, item, within } of context.pendingConditions) {
    const condition = conditionWithin(context, item, within ?? [], context.repeated.get(owner.id));
    if (condition) owner.visibleWhen = condition;
  }
  const scores = scoresOf(context, questionnaire);
  const { leftOut } = context;
  if (items.length === 0) {
    report.push('no item could be carried over');
    return { report, problems: [], leftOut };
  }
  const codes = codesOf(questionnaire.code);
  report.push('the source of the instrument is not in a Questionnaire: fill in "source" and check "license"');
  const definition = {
    $schema: './schema/definition.schema.json',
    id,
    version,
    languages,
    title: localised(context, questionnaire.title, questionnaire._title, 'the Questionnaire', questionnaire.name ?? id),
    ...(questionnaire.description ? { introduction: readLocalised(questionnaire.description, questionnaire._description, language) } : {}),
    license: questionnaire.copyright ?? 'Not stated in the FHIR Questionnaire: find out who may use this text, and how',
    source: {
      citation: `Imported from the FHIR Questionnaire ${questionnaire.url ?? questionnaire.id ?? id}${questionnaire.version ? ` (version ${questionnaire.version})` : ''}`,
    },
    ...(codes ? { codes } : {}),
    ...(Object.keys(context.optionSets).length > 0 ? { optionSets: context.optionSets } : {}),
    items,
    ...(scores.length > 0 ? { scores } : {}),
  } as DefinitionInput;
  const parsed = parseDefinition(withoutIncompleteLanguages(definition, report));
  return { definition, report, problems: parsed.ok ? [] : parsed.problems, leftOut };
}
