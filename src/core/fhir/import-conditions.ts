// FHIR's enableWhen as the format's conditions, read back into its own shapes where FHIR spelled
// them out (oneOf, a range of a scale).
import type { Condition } from '../definition.js';
import { toCode, type Context } from './import-context.js';
import { extensionOf } from './text.js';
import { Url, type EnableWhen, type QuestionnaireItem } from './types.js';

/**
 * One enableWhen entry as a condition; undefined (reported) when it cannot be. `ownerGroup` is the
 * repeating group the condition's owner is in, if any: only its own items can look at that group's.
 */
function atom(context: Context, entry: EnableWhen, owner: string, ownerGroup: string | undefined): Condition | undefined {
  const target = context.ids.get(entry.question);
  const kind = target ? context.kinds.get(target) : undefined;
  if (!target || !kind) {
    context.report.push(`the condition of "${owner}" refers to "${entry.question}", which was not carried over: the condition is left out`);
    return undefined;
  }
  const targetGroup = context.repeated.get(target);
  if (targetGroup !== undefined && targetGroup !== ownerGroup) {
    // FHIR would look at any entry; the format cannot say which entry it means, and check refuses it
    context.report.push(
      `the condition of "${owner}" refers to "${entry.question}", which is in the repeating group "${targetGroup}" (an answer for each entry): only items of that group can refer to it, so the condition is left out`,
    );
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

/** An item's condition together with those of the nested groups around it, which apply to it too. */
export function conditionWithin(
  context: Context,
  item: QuestionnaireItem,
  within: readonly QuestionnaireItem[],
  ownerGroup?: string,
): Condition | undefined {
  const conditions = [...within, item].flatMap((holder) => {
    const owner = holder === item ? item.linkId : `${item.linkId}" (in the group "${holder.linkId})`;
    const condition = conditionOf(context, holder, owner, ownerGroup);
    if (!condition) return [];
    return condition.op === 'all' ? condition.conditions : [condition];
  });
  if (conditions.length <= 1) return conditions[0];
  return { op: 'all', conditions };
}

export function conditionOf(context: Context, item: QuestionnaireItem, owner: string, ownerGroup?: string): Condition | undefined {
  if (extensionOf(item, Url.enableWhenExpression))
    context.report.push(
      `the condition of "${owner}" is written in FHIRPath (enableWhenExpression), which is not carried over: write it in "visibleWhen"`,
    );
  const entries = item.enableWhen ?? [];
  if (entries.length === 0) return undefined;
  const atoms = entries.map((entry) => atom(context, entry, owner, ownerGroup));
  if (atoms.some((a) => a === undefined)) return undefined;
  const conditions = atoms as Condition[];
  if (conditions.length === 1) return conditions[0];
  return item.enableBehavior === 'any' ? simplifyAny(context, conditions) : { op: 'all', conditions };
}
