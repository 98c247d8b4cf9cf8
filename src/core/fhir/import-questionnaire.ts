// A FHIR R4 Questionnaire as a definition, for the item kinds the format has. Everything that
// cannot be carried over is named in `report`, so the author knows what to write by hand.
import { z } from 'zod';
import type { AnswerOption as OurOption, Condition, DefinitionInput, LocalisedText } from '../definition.js';
import { parseDefinition } from '../parse-definition.js';
import { formatPath, type Problem } from '../problems.js';
import { optionSetFromSystem, questionnaireIdFromUrl } from './naming.js';
import { baseLanguage, extensionOf, readLocalised, translatedLanguages } from './text.js';
import { Url, type AnswerOption, type EnableWhen, type PrimitiveElement, type Questionnaire, type QuestionnaireItem } from './types.js';

export interface QuestionnaireImport {
  /** The definition as far as it could be carried over; absent when nothing could. */
  definition?: DefinitionInput;
  /** What was not carried over, or was changed on the way, in plain words. */
  report: string[];
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

const identifierPattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function toIdentifier(raw: string, fallback: string): string {
  const cleaned = raw
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[^A-Za-z]+/, '')
    .slice(0, 64);
  return identifierPattern.test(cleaned) ? cleaned : fallback;
}

function toCode(raw: string): string {
  const cleaned = raw
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return codePattern.test(cleaned) ? cleaned : 'code';
}

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

const itemControlOf = (item: QuestionnaireItem) => extensionOf(item, Url.itemControl)?.valueCodeableConcept?.coding?.[0]?.code;
const ordinalOf = (option: AnswerOption) => extensionOf(option, Url.ordinalValue)?.valueDecimal;

type OurItem = Record<string, unknown> & { id: string; kind: string };

interface Context {
  language: string;
  report: string[];
  /** FHIR linkId → our item id, for the items carried over. */
  ids: Map<string, string>;
  /** What each item carried over is: its kind, and a scale's range. */
  kinds: Map<string, { kind: string; min?: number; max?: number }>;
  optionSets: Record<string, OurOption[]>;
  usedIds: Set<string>;
  pendingConditions: { owner: OurItem; item: QuestionnaireItem }[];
}

function localised(
  context: Context,
  text: string | undefined,
  twin: PrimitiveElement | undefined,
  what: string,
  fallback: string,
): LocalisedText {
  const found = readLocalised(text, twin, context.language);
  if (Object.keys(found).length > 0) return found;
  context.report.push(`${what} has no text: "${fallback}" is used instead`);
  return { [context.language]: fallback };
}

function uniqueId(context: Context, linkId: string): string {
  let id = toIdentifier(linkId, 'item');
  for (let n = 2; context.usedIds.has(id); n++) id = `${toIdentifier(linkId, 'item').slice(0, 60)}-${n}`;
  if (id !== linkId)
    context.report.push(`the item "${linkId}" is called "${id}": an id has only letters, digits, "_" and "-" and starts with a letter`);
  context.usedIds.add(id);
  context.ids.set(linkId, id);
  return id;
}

function optionsFrom(context: Context, item: QuestionnaireItem, id: string): Record<string, unknown> | undefined {
  const options = item.answerOption ?? [];
  const codings = options.map((o) => o.valueCoding);
  // A scale: every option an integer code with that number as its ordinal value, one step apart.
  const steps = options.map((o) => ({ ordinal: ordinalOf(o), code: o.valueCoding?.code }));
  const isScale =
    item.repeats !== true &&
    steps.length >= 2 &&
    steps.every(
      (s, i) =>
        s.ordinal !== undefined &&
        String(s.ordinal) === s.code &&
        Number.isInteger(s.ordinal) &&
        (i === 0 || s.ordinal === (steps[i - 1]?.ordinal ?? 0) + 1),
    );
  if (isScale) {
    const labels = options.flatMap((o) => {
      const display = o.valueCoding?.display;
      return display === undefined
        ? []
        : [{ value: ordinalOf(o) ?? 0, text: localised(context, display, o.valueCoding?._display, `a step of "${item.linkId}"`, display) }];
    });
    const min = steps[0]?.ordinal ?? 0;
    const max = steps.at(-1)?.ordinal ?? 0;
    context.kinds.set(id, { kind: 'scale', min, max });
    return { kind: 'scale', min, max, labels: labels.length > 0 ? labels : [{ value: min, text: { [context.language]: String(min) } }] };
  }
  const ours: OurOption[] = [];
  options.forEach((option, i) => {
    const raw = option.valueCoding?.code ?? (option.valueString ?? option.valueInteger ?? option.valueDate)?.toString();
    if (raw === undefined) {
      context.report.push(`option ${i + 1} of "${item.linkId}" has no code or value: left out`);
      return;
    }
    const code = toCode(raw);
    if (code !== raw) context.report.push(`the option "${raw}" of "${item.linkId}" has the code "${code}"`);
    if (option.valueCoding === undefined)
      context.report.push(
        `the option "${raw}" of "${item.linkId}" is stored as the code "${code}", not as a ${option.valueInteger !== undefined ? 'number' : 'value'}`,
      );
    const display = option.valueCoding?.display ?? option.valueString ?? raw;
    ours.push({
      code,
      text: localised(context, display, option.valueCoding?._display, `the option "${raw}" of "${item.linkId}"`, display),
    });
  });
  if (ours.length < 2) {
    context.report.push(`"${item.linkId}" has fewer than two options it could carry over: left out`);
    return undefined;
  }
  const kind = item.repeats ? 'multiple-choice' : 'single-choice';
  context.kinds.set(id, { kind });
  const sets = new Set(codings.map((c) => optionSetFromSystem(c?.system)));
  const [set] = sets;
  if (sets.size === 1 && set !== undefined) {
    context.optionSets[set] ??= ours;
    return { kind, optionSet: set };
  }
  return { kind, options: ours };
}

function numberLimits(item: QuestionnaireItem, key: 'valueInteger' | 'valueDecimal' | 'valueDate') {
  const min = extensionOf(item, Url.minValue)?.[key];
  const max = extensionOf(item, Url.maxValue)?.[key];
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function leaf(context: Context, item: QuestionnaireItem): OurItem | undefined {
  if (extensionOf(item, Url.calculatedExpression)) {
    context.report.push(`"${item.linkId}" is calculated (a score): calculated items are not carried over; write the score in "scores"`);
    return undefined;
  }
  const helpItem = item.item?.find((child) => child.type === 'display' && itemControlOf(child) === 'help');
  const others = (item.item ?? []).filter((child) => child !== helpItem);
  if (others.length > 0) context.report.push(`the items under "${item.linkId}" are left out: only a group holds items`);
  let typed: Record<string, unknown> | undefined;
  const id = context.ids.get(item.linkId) ?? uniqueId(context, item.linkId);
  switch (item.type) {
    case 'choice':
    case 'open-choice':
      if (item.answerValueSet) {
        context.report.push(
          `"${item.linkId}" takes its options from the value set ${item.answerValueSet}: left out (write its options in the file)`,
        );
        return undefined;
      }
      if (item.type === 'open-choice')
        context.report.push(`"${item.linkId}" also takes a free-text answer: only its options are carried over`);
      typed = optionsFrom(context, item, id);
      if (typed?.kind === 'multiple-choice') {
        const min = extensionOf(item, Url.minOccurs)?.valueInteger;
        const max = extensionOf(item, Url.maxOccurs)?.valueInteger;
        typed = {
          ...typed,
          ...(min !== undefined && min >= 1 ? { minSelected: min } : {}),
          ...(max !== undefined ? { maxSelected: max } : {}),
        };
      }
      break;
    case 'boolean':
      typed = { kind: 'yes-no' };
      break;
    case 'integer':
    case 'decimal': {
      const unit = extensionOf(item, Url.unit)?.valueCoding;
      const places = extensionOf(item, Url.maxDecimalPlaces)?.valueInteger;
      typed = {
        kind: item.type,
        ...numberLimits(item, item.type === 'integer' ? 'valueInteger' : 'valueDecimal'),
        ...(item.type === 'decimal' && places !== undefined && places >= 1 && places <= 6 ? { decimals: places } : {}),
        ...(unit?.display ? { unit: readLocalised(unit.display, unit._display, context.language) } : {}),
      };
      break;
    }
    case 'date':
      typed = { kind: 'date', ...numberLimits(item, 'valueDate') };
      break;
    case 'string':
    case 'text': {
      const isLong = item.type === 'text' || (item.maxLength ?? 0) > 500;
      const limit = isLong ? 10000 : 500;
      typed = {
        kind: isLong ? 'long-text' : 'text',
        ...(item.maxLength !== undefined ? { maxLength: Math.min(item.maxLength, limit) } : {}),
      };
      break;
    }
    case 'display':
      typed = { kind: 'display' };
      break;
    default:
      context.report.push(`"${item.linkId}" is a ${item.type} item, which the format does not have: left out`);
      return undefined;
  }
  if (!typed) return undefined;
  if (item.repeats && typed.kind !== 'multiple-choice')
    context.report.push(`"${item.linkId}" takes several answers in FHIR: here it takes one`);
  if (item.readOnly && typed.kind !== 'display') context.report.push(`"${item.linkId}" is read-only in FHIR: here it can be answered`);
  if (!context.kinds.has(id)) context.kinds.set(id, { kind: String(typed.kind) });
  const result: OurItem = {
    id,
    kind: String(typed.kind),
    text: localised(context, item.text, item._text, `"${item.linkId}"`, item.linkId),
    ...(helpItem ? { help: localised(context, helpItem.text, helpItem._text, `the help of "${item.linkId}"`, '') } : {}),
    ...typed,
    ...(typed.kind !== 'display' && item.required !== true ? { required: false } : {}),
  };
  context.pendingConditions.push({ owner: result, item });
  return result;
}

function group(context: Context, item: QuestionnaireItem, isTop: boolean): OurItem[] {
  const intro = item.item?.find((child) => child.type === 'display' && child.linkId === `${item.linkId}.text`);
  const children = (item.item ?? [])
    .filter((child) => child !== intro)
    .flatMap((child): OurItem[] => {
      if (child.type !== 'group') {
        const converted = leaf(context, child);
        return converted ? [converted] : [];
      }
      context.report.push(`the group "${child.linkId}" inside "${item.linkId}" is flattened: its items join the page of "${item.linkId}"`);
      return group(context, child, false);
    });
  if (!isTop) return children;
  if (children.length === 0) {
    context.report.push(`the group "${item.linkId}" has no item that could be carried over: left out`);
    return [];
  }
  const id = uniqueId(context, item.linkId);
  const result: OurItem = {
    id,
    kind: 'group',
    ...(item.text !== undefined ? { title: readLocalised(item.text, item._text, context.language) } : {}),
    ...(intro ? { text: readLocalised(intro.text, intro._text, context.language) } : {}),
    items: children,
  };
  context.pendingConditions.push({ owner: result, item });
  return [result];
}

/** One enableWhen entry as a condition; undefined (reported) when it cannot be. */
function atom(context: Context, entry: EnableWhen, owner: string): Condition | undefined {
  const target = context.ids.get(entry.question);
  const kind = target ? context.kinds.get(target) : undefined;
  if (!target || !kind) {
    context.report.push(`the condition of "${owner}" refers to "${entry.question}", which was not carried over: the condition is left out`);
    return undefined;
  }
  if (entry.operator === 'exists')
    return entry.answerBoolean === false ? { op: 'not', condition: { op: 'answered', item: target } } : { op: 'answered', item: target };
  const coded = entry.answerCoding?.code;
  const value =
    coded !== undefined
      ? kind.kind === 'scale'
        ? Number(coded)
        : toCode(coded)
      : (entry.answerBoolean ?? entry.answerInteger ?? entry.answerDecimal ?? entry.answerDate ?? entry.answerString);
  if (value === undefined) {
    context.report.push(
      `the condition of "${owner}" compares "${entry.question}" with a kind of value the format does not have: the condition is left out`,
    );
    return undefined;
  }
  const isNumber = typeof value === 'number';
  switch (entry.operator) {
    case '=':
      return { op: 'equals', item: target, value };
    case '!=':
      return { op: 'notEquals', item: target, value };
    case '>':
      if (isNumber) return { op: 'greaterThan', item: target, value };
      break;
    case '<':
      if (isNumber) return { op: 'lessThan', item: target, value };
      break;
    case '>=':
    case '<=':
      if (isNumber)
        return {
          op: 'any',
          conditions: [
            { op: entry.operator === '>=' ? 'greaterThan' : 'lessThan', item: target, value },
            { op: 'equals', item: target, value },
          ],
        };
      break;
  }
  context.report.push(
    `the condition of "${owner}" compares "${entry.question}" with "${entry.operator}", which the format has only for numbers: the condition is left out`,
  );
  return undefined;
}

/** "any" of equals on one item, as FHIR writes oneOf and a range of a scale: read back as such. */
function simplifyAny(context: Context, conditions: Condition[]): Condition {
  const equals = conditions.filter((c): c is Extract<Condition, { op: 'equals' }> => c.op === 'equals');
  const item = equals[0]?.item;
  if (equals.length !== conditions.length || item === undefined || equals.some((c) => c.item !== item)) return { op: 'any', conditions };
  const values = equals.map((c) => c.value);
  const kind = context.kinds.get(item);
  if (kind?.kind === 'scale' && kind.min !== undefined && kind.max !== undefined && values.every((v) => typeof v === 'number')) {
    const sorted = [...(values as number[])].sort((a, b) => a - b);
    const isRun = sorted.every((v, i) => i === 0 || v === (sorted[i - 1] ?? 0) + 1);
    if (isRun && sorted.at(-1) === kind.max && (sorted[0] ?? 0) > kind.min) return { op: 'greaterThan', item, value: (sorted[0] ?? 0) - 1 };
    if (isRun && sorted[0] === kind.min && (sorted.at(-1) ?? 0) < kind.max)
      return { op: 'lessThan', item, value: (sorted.at(-1) ?? 0) + 1 };
  }
  return { op: 'oneOf', item, values };
}

function conditionOf(context: Context, item: QuestionnaireItem, owner: string): Condition | undefined {
  if (extensionOf(item, Url.enableWhenExpression))
    context.report.push(
      `the condition of "${owner}" is written in FHIRPath (enableWhenExpression), which is not carried over: write it in "visibleWhen"`,
    );
  const entries = item.enableWhen ?? [];
  if (entries.length === 0) return undefined;
  const atoms = entries.map((entry) => atom(context, entry, owner));
  if (atoms.some((a) => a === undefined)) return undefined;
  const conditions = atoms as Condition[];
  if (conditions.length === 1) return conditions[0];
  return item.enableBehavior === 'any' ? simplifyAny(context, conditions) : { op: 'all', conditions };
}

export function fromFhirQuestionnaire(input: unknown): QuestionnaireImport {
  const report: string[] = [];
  const shape = questionnaireShape.safeParse(input);
  if (!shape.success)
    return {
      report: [
        `this is not a FHIR Questionnaire: ${shape.error.issues.map((i) => `${formatPath(i.path.filter((k) => typeof k !== 'symbol'))} ${i.message}`).join('; ')}`,
      ],
      problems: [],
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
  };

  const fromUrl = questionnaireIdFromUrl(questionnaire.url);
  const id = fromUrl ?? toIdentifier(questionnaire.name ?? questionnaire.id ?? 'imported', 'imported');
  const version = /^\d+(\.\d+){0,2}$/.test(questionnaire.version ?? '') ? (questionnaire.version as string) : '1';
  if (version !== questionnaire.version)
    report.push(`the version ${JSON.stringify(questionnaire.version ?? null)} is not one to three numbers: it is "1" here`);

  const items = (questionnaire.item ?? []).flatMap((item) =>
    item.type === 'group' ? group(context, item, true) : (leaf(context, item) ?? []),
  );
  for (const { owner, item } of context.pendingConditions) {
    const condition = conditionOf(context, item, item.linkId);
    if (condition) owner.visibleWhen = condition;
  }
  if (items.length === 0) {
    report.push('no item could be carried over');
    return { report, problems: [] };
  }
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
    ...(Object.keys(context.optionSets).length > 0 ? { optionSets: context.optionSets } : {}),
    items,
  } as DefinitionInput;
  const parsed = parseDefinition(definition);
  return { definition, report, problems: parsed.ok ? [] : parsed.problems };
}
