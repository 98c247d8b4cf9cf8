// The items of a FHIR Questionnaire as the format's items: groups as pages, leaves by their type.
import type { AnswerOption as OurOption } from '../definition.js';
import { localised, toCode, uniqueId, type Context, type OurItem } from './import-context.js';
import { helpLinkId, optionSetFromSystem } from './naming.js';
import { extensionOf, readLocalised } from './text.js';
import { Url, type AnswerOption, type QuestionnaireItem } from './types.js';

const itemControlOf = (item: QuestionnaireItem) => extensionOf(item, Url.itemControl)?.valueCodeableConcept?.coding?.[0]?.code;
const ordinalOf = (option: AnswerOption) => extensionOf(option, Url.ordinalValue)?.valueDecimal;

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

/** The kind of a leaf item and what goes with it; undefined (reported) when the format has no such kind. */
function typedOf(context: Context, item: QuestionnaireItem, id: string): Record<string, unknown> | undefined {
  switch (item.type) {
    case 'choice':
    case 'open-choice':
      return choiceOf(context, item, id);
    case 'boolean':
      return { kind: 'yes-no' };
    case 'integer':
    case 'decimal': {
      const unit = extensionOf(item, Url.unit)?.valueCoding;
      const places = extensionOf(item, Url.maxDecimalPlaces)?.valueInteger;
      return {
        kind: item.type,
        ...numberLimits(item, item.type === 'integer' ? 'valueInteger' : 'valueDecimal'),
        ...(item.type === 'decimal' && places !== undefined && places >= 1 && places <= 6 ? { decimals: places } : {}),
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
      context.report.push(`"${item.linkId}" is a ${item.type} item, which the format does not have: left out`);
      return undefined;
  }
}

function choiceOf(context: Context, item: QuestionnaireItem, id: string): Record<string, unknown> | undefined {
  if (item.answerValueSet) {
    context.report.push(
      `"${item.linkId}" takes its options from the value set ${item.answerValueSet}: left out (write its options in the file)`,
    );
    return undefined;
  }
  if (item.type === 'open-choice') context.report.push(`"${item.linkId}" also takes a free-text answer: only its options are carried over`);
  const typed = optionsFrom(context, item, id);
  if (typed?.kind !== 'multiple-choice') return typed;
  const min = extensionOf(item, Url.minOccurs)?.valueInteger;
  const max = extensionOf(item, Url.maxOccurs)?.valueInteger;
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

export function leaf(context: Context, item: QuestionnaireItem): OurItem | undefined {
  if (extensionOf(item, Url.calculatedExpression)) {
    context.report.push(`"${item.linkId}" is calculated (a score): calculated items are not carried over; write the score in "scores"`);
    return undefined;
  }
  const helpItem = item.item?.find((child) => child.type === 'display' && itemControlOf(child) === 'help');
  const others = (item.item ?? []).filter((child) => child !== helpItem);
  if (others.length > 0) context.report.push(`the items under "${item.linkId}" are left out: only a group holds items`);
  const id = context.ids.get(item.linkId) ?? uniqueId(context, item.linkId);
  const typed = typedOf(context, item, id);
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

export function group(context: Context, item: QuestionnaireItem, isTop: boolean): OurItem[] {
  const intro = item.item?.find((child) => child.type === 'display' && child.linkId === `${item.linkId}.text`);
  const children = withHelpNested(item.item ?? [])
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
