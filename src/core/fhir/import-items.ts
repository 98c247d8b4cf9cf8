// The items of a FHIR Questionnaire as the format's items: groups as pages, leaves by their type.
// Each keeps its source's identity (linkId, codes, option systems) so that an export gives it back.
import type { AnswerOption as OurOption } from '../definition.js';
import { isOurSystem, leaveOut, localised, sourceIdentity, toCode, uniqueId, type Context, type OurItem } from './import-context.js';
import { isCalculated } from './import-scores.js';
import { findValueSet, optionsOfValueSet } from './import-value-sets.js';
import { helpLinkId, optionSetFromSystem } from './naming.js';
import { extensionOf, readLocalised } from './text.js';
import { Url, type AnswerOption, type QuestionnaireItem } from './types.js';

const itemControlOf = (item: QuestionnaireItem) => extensionOf(item, Url.itemControl)?.valueCodeableConcept?.coding?.[0]?.code;

/** An option's weight: ordinalValue or itemWeight, on the option or on its Coding. */
export function ordinalOf(option: AnswerOption): number | undefined {
  for (const holder of [option, option.valueCoding])
    for (const url of [Url.ordinalValue, Url.itemWeight]) {
      const found = extensionOf(holder, url);
      const value = found?.valueDecimal ?? found?.valueInteger;
      if (value !== undefined) return value;
    }
  return undefined;
}

function scaleOf(
  context: Context,
  item: QuestionnaireItem,
  id: string,
  options: readonly AnswerOption[],
): Record<string, unknown> | undefined {
  // A scale: every option an integer code with that number as its ordinal value, one step apart, in one code system.
  const steps = options.map((o) => ({ ordinal: ordinalOf(o), code: o.valueCoding?.code, system: o.valueCoding?.system }));
  const system = steps[0]?.system;
  const isScale =
    item.repeats !== true &&
    steps.length >= 2 &&
    system !== undefined &&
    steps.every(
      (s, i) =>
        s.system === system &&
        s.ordinal !== undefined &&
        String(s.ordinal) === s.code &&
        Number.isInteger(s.ordinal) &&
        (i === 0 || s.ordinal === (steps[i - 1]?.ordinal ?? 0) + 1),
    );
  if (!isScale) return undefined;
  const labels = options.flatMap((o) => {
    const display = o.valueCoding?.display;
    return display === undefined
      ? []
      : [{ value: ordinalOf(o) ?? 0, text: localised(context, display, o.valueCoding?._display, `a step of "${item.linkId}"`, display) }];
  });
  const min = steps[0]?.ordinal ?? 0;
  const max = steps.at(-1)?.ordinal ?? 0;
  context.kinds.set(id, { kind: 'scale', min, max });
  return {
    kind: 'scale',
    min,
    max,
    labels: labels.length > 0 ? labels : [{ value: min, text: { [context.language]: String(min) } }],
    ...(isOurSystem(system) ? {} : { system }),
  };
}

function optionsFrom(
  context: Context,
  item: QuestionnaireItem,
  id: string,
  options: readonly AnswerOption[],
): Record<string, unknown> | undefined {
  const scale = scaleOf(context, item, id, options);
  if (scale) return scale;
  const ours: OurOption[] = [];
  const weights: Record<string, number | null> = {};
  options.forEach((option, i) => {
    const coding = option.valueCoding;
    const raw = coding?.code ?? (option.valueString ?? option.valueInteger ?? option.valueDate)?.toString();
    if (raw === undefined) {
      context.report.push(`option ${i + 1} of "${item.linkId}" has no code or value: left out`);
      return;
    }
    const code = toCode(raw);
    if (code !== raw) context.report.push(`the option "${raw}" of "${item.linkId}" has the code "${code}" (its own is kept for FHIR)`);
    if (coding === undefined)
      context.report.push(
        `the option "${raw}" of "${item.linkId}" is stored as the code "${code}", not as a ${option.valueInteger !== undefined ? 'number' : 'value'}`,
      );
    const display = coding?.display ?? option.valueString ?? raw;
    // the Coding as the source has it, unless it is one of ours; an empty one says the source named no system
    const kept =
      coding && !isOurSystem(coding.system)
        ? { ...(coding.system ? { system: coding.system } : {}), ...(code !== raw ? { code: raw } : {}) }
        : undefined;
    ours.push({
      code,
      text: localised(context, display, coding?._display, `the option "${raw}" of "${item.linkId}"`, display),
      ...(kept ? { coding: kept } : {}),
    });
    weights[code] = ordinalOf(option) ?? null;
  });
  if (ours.length < 2) return leaveOut(context, item, 'has fewer than two options that could be carried over');
  if (Object.values(weights).some((w) => w !== null)) context.weights.set(id, weights);
  const kind = item.repeats ? 'multiple-choice' : 'single-choice';
  context.kinds.set(id, { kind });
  const sets = new Set(options.map((o) => optionSetFromSystem(o.valueCoding?.system)));
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

/** The kind of a leaf item and what goes with it; undefined (reported) when the format has no such kind. */
function typedOf(context: Context, item: QuestionnaireItem, id: string): Record<string, unknown> | undefined {
  switch (item.type) {
    case 'choice':
    case 'open-choice':
      return choiceOf(context, item, id);
    case 'boolean':
      return { kind: 'yes-no' };
    case 'quantity':
    case 'integer':
    case 'decimal': {
      const unit = extensionOf(item, Url.unit)?.valueCoding;
      const places = extensionOf(item, Url.maxDecimalPlaces)?.valueInteger;
      const kind = item.type === 'integer' ? 'integer' : 'decimal';
      if (item.type === 'quantity')
        context.report.push(
          `"${item.linkId}" is a quantity: here it is a decimal number${unit?.display ? ` in ${unit.display}` : ''}, answered as a number`,
        );
      return {
        kind,
        ...numberLimits(item, kind === 'integer' ? 'valueInteger' : 'valueDecimal'),
        ...(kind === 'decimal' && places !== undefined && places >= 1 && places <= 6 ? { decimals: places } : {}),
        ...(unit?.display ? { unit: readLocalised(unit.display, unit._display, context.language) } : {}),
      };
    }
    case 'date':
      return { kind: 'date', ...numberLimits(item, 'valueDate') };
    case 'string':
    case 'text': {
      const isLong = item.type === 'text' || (item.maxLength ?? 0) > 500;
      const limit = isLong ? 10000 : 500;
      return {
        kind: isLong ? 'long-text' : 'text',
        ...(item.maxLength !== undefined ? { maxLength: Math.min(item.maxLength, limit) } : {}),
      };
    }
    case 'display':
      return { kind: 'display' };
    default:
      return leaveOut(context, item, `is a ${item.type} item, which the format does not have`);
  }
}

function choiceOf(context: Context, item: QuestionnaireItem, id: string): Record<string, unknown> | undefined {
  let options = item.answerOption ?? [];
  if (item.answerValueSet) {
    const found = findValueSet(item.answerValueSet, context.contained, context.valueSets);
    if ('reason' in found) return leaveOut(context, item, `cannot have its options: ${found.reason}`);
    const read = optionsOfValueSet(found.valueSet);
    if ('reason' in read)
      return leaveOut(context, item, `cannot have its options from the value set ${item.answerValueSet}: ${read.reason}`);
    options = read.options;
  }
  if (item.type === 'open-choice') context.report.push(`"${item.linkId}" also takes a free-text answer: only its options are carried over`);
  const typed = optionsFrom(context, item, id, options);
  if (typed?.kind !== 'multiple-choice') return typed;
  const min = extensionOf(item, Url.minOccurs)?.valueInteger;
  const given = extensionOf(item, Url.maxOccurs)?.valueInteger;
  const count = Array.isArray(typed.options) ? typed.options.length : (context.optionSets[String(typed.optionSet)]?.length ?? 0);
  const max = given !== undefined && given < count ? given : undefined;
  if (given !== undefined && max === undefined)
    context.report.push(`"${item.linkId}" allows ${given} answers, as many as it has options or more: here any number may be chosen`);
  return {
    ...typed,
    ...(min !== undefined && min >= 1 ? { minSelected: min } : {}),
    ...(max !== undefined ? { maxSelected: max } : {}),
  };
}

/**
 * A display item's help written as the display item after it (`<id>.help`, as our export writes it,
 * since a display item holds no items in R4), put back under the item it explains.
 */
export function withHelpNested(items: readonly QuestionnaireItem[]): QuestionnaireItem[] {
  const result: QuestionnaireItem[] = [];
  for (const item of items) {
    const previous = result.at(-1);
    if (previous?.type === 'display' && item.type === 'display' && item.linkId === helpLinkId(previous.linkId) && !previous.item)
      result[result.length - 1] = {
        ...previous,
        item: [
          {
            ...item,
            extension: [{ url: Url.itemControl, valueCodeableConcept: { coding: [{ system: Url.itemControlSystem, code: 'help' }] } }],
          },
        ],
      };
    else result.push(item);
  }
  return result;
}

/** A leaf item, under the nested groups `within` (whose conditions apply to it) and in the group `parent`. */
export function leaf(
  context: Context,
  item: QuestionnaireItem,
  within: readonly QuestionnaireItem[] = [],
  parent?: QuestionnaireItem,
): OurItem | undefined {
  if (isCalculated(item)) {
    // a calculated item is a score, never a question the patient must answer
    context.pendingScores.push({ item, ...(parent ? { parent } : {}) });
    return undefined;
  }
  const helpItem = item.item?.find((child) => child.type === 'display' && itemControlOf(child) === 'help');
  const others = (item.item ?? []).filter((child) => child !== helpItem);
  if (others.length > 0) context.report.push(`the items under "${item.linkId}" are left out: only a group holds items`);
  for (const other of others) if (other.type !== 'display') leaveOut(context, other, `is under the question "${item.linkId}"`);
  const id = context.ids.get(item.linkId) ?? uniqueId(context, item.linkId);
  const typed = typedOf(context, item, id);
  if (!typed) return undefined;
  if (item.repeats && typed.kind !== 'multiple-choice')
    context.report.push(
      `"${item.linkId}" takes several answers in FHIR: here it takes one (only a number, date or text question of the top level becomes a repeating group)`,
    );
  if (item.readOnly && typed.kind !== 'display') context.report.push(`"${item.linkId}" is read-only in FHIR: here it can be answered`);
  if (!context.kinds.has(id)) context.kinds.set(id, { kind: String(typed.kind) });
  const identity = sourceIdentity(id, item);
  const result: OurItem = {
    id,
    kind: String(typed.kind),
    text: localised(context, item.text, item._text, `"${item.linkId}"`, item.linkId),
    ...(helpItem ? { help: localised(context, helpItem.text, helpItem._text, `the help of "${item.linkId}"`, '') } : {}),
    ...typed,
    ...(typed.kind !== 'display' && item.required !== true ? { required: false } : {}),
    ...(typed.kind === 'display' ? (identity.linkId ? { linkId: identity.linkId } : {}) : identity),
  };
  context.pendingConditions.push({ owner: result, item, within });
  return result;
}
