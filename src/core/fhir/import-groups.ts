// FHIR's groups as the format's pages. A top-level group is a page and keeps its condition; a group
// inside it is flattened into the page: its heading becomes a text, and its condition (with its
// enableBehavior) is added to each of its items', since the format has no groups inside groups.
// A top-level group that repeats ("add another") is a repeating group, between its minOccurs and
// maxOccurs; a repeating group inside another is flattened like any other, and said so, since only
// a top-level group can repeat here. A top-level question that repeats (a number, a date, a text)
// becomes a repeating group of that one question.
import { maxRepeatsLimit } from '../repeats.js';
import { leaveOut, localised, sourceIdentity, uniqueId, type Context, type OurItem } from './import-context.js';
import { leaf, withHelpNested } from './import-items.js';
import { extensionOf, readLocalised } from './text.js';
import { Url, type QuestionnaireItem } from './types.js';

/** The most entries of a repeating group whose source names no maxOccurs. */
const defaultMaxRepeats = 10;

/** How often a repeating group or question may be answered: its minOccurs and maxOccurs, within the format's limits. */
function repeatsOf(context: Context, item: QuestionnaireItem): { min: number; max: number } {
  const givenMax = extensionOf(item, Url.maxOccurs)?.valueInteger;
  const givenMin = extensionOf(item, Url.minOccurs)?.valueInteger;
  if (givenMax === undefined)
    context.report.push(
      `"${item.linkId}" repeats with no maxOccurs: here it is answered at most ${defaultMaxRepeats} times; change "max" if more are needed`,
    );
  else if (givenMax > maxRepeatsLimit)
    context.report.push(`"${item.linkId}" may repeat ${givenMax} times: here at most ${maxRepeatsLimit}, the format's limit`);
  const max = Math.min(Math.max(givenMax ?? defaultMaxRepeats, 1), maxRepeatsLimit);
  // FHIR's "required" on a repeating item means at least one of it
  const min = Math.max(givenMin ?? (item.required === true ? 1 : 0), 0);
  if (min > max) context.report.push(`"${item.linkId}" must be answered at least ${min} times: here at most ${max}, its maximum`);
  return { min: Math.min(min, max), max };
}

/** A group that repeats in FHIR but cannot here (it is inside another group): its items are asked once. */
function reportNestedRepeating(context: Context, group: QuestionnaireItem, parent: QuestionnaireItem): void {
  context.report.push(
    `the group "${group.linkId}" repeats in FHIR (answered once per thing listed), but it is inside "${parent.linkId}": only a group of the top level can repeat here, so its items are asked once`,
  );
  const questions = (items: readonly QuestionnaireItem[]): QuestionnaireItem[] =>
    items.flatMap((i) => (i.type === 'group' ? questions(i.item ?? []) : i.type === 'display' ? [] : [i]));
  for (const question of questions(group.item ?? []))
    context.report.push(`"${question.linkId}" is in the repeating group "${group.linkId}": here it takes one answer, not one per repeat`);
}

/** Types whose repeating question becomes a repeating group of one question; a repeating choice is a multiple choice. */
const repeatableTypes = new Set(['string', 'text', 'integer', 'decimal', 'date', 'quantity']);

/** A question at the top level: a repeating one becomes a repeating group that holds it. */
export function topLevelLeaf(context: Context, item: QuestionnaireItem): OurItem[] {
  if (item.repeats !== true || !repeatableTypes.has(item.type)) {
    const converted = leaf(context, item);
    return converted ? [converted] : [];
  }
  const { repeats: _several, ...single } = item;
  const question = leaf(context, single);
  if (!question) return [];
  const id = uniqueId(context, `${question.id}-entries`, true);
  const repeats = repeatsOf(context, item);
  context.report.push(
    `"${item.linkId}" takes several answers in FHIR: here it is the one question of the repeating group "${id}", answered in each of its entries`,
  );
  const result: OurItem = { id, kind: 'group', repeats, items: [question] };
  // its condition moves to the group: the question, one per entry, could not look at itself
  const pending = context.pendingConditions.find((p) => p.owner === question);
  if (pending) pending.owner = result;
  context.repeated.set(question.id, id);
  return [result];
}

/** A nested group's heading as a text of the page, shown under the group's conditions. */
function heading(context: Context, group: QuestionnaireItem, within: readonly QuestionnaireItem[]): OurItem[] {
  if (!group.text) return [];
  const id = uniqueId(context, group.linkId);
  context.kinds.set(id, { kind: 'display' });
  const identity = sourceIdentity(id, group);
  const result: OurItem = {
    id,
    kind: 'display',
    text: localised(context, group.text, group._text, `the group "${group.linkId}"`, group.linkId),
    ...(identity.linkId ? { linkId: identity.linkId } : {}),
  };
  context.pendingConditions.push({ owner: result, item: { ...group, enableWhen: [] }, within: [...within, group] });
  return [result];
}

/**
 * A group's items; `outer` are the nested groups around it (none for a page). A top-level group is a
 * page of its own: one item of ours.
 */
export function group(context: Context, item: QuestionnaireItem, isTop: boolean, outer: readonly QuestionnaireItem[] = []): OurItem[] {
  const within = isTop ? [] : [...outer, item];
  const intro = item.item?.find((child) => child.type === 'display' && child.linkId === `${item.linkId}.text`);
  const children = withHelpNested(item.item ?? [])
    .filter((child) => child !== intro)
    .flatMap((child): OurItem[] => {
      if (child.type !== 'group') {
        const converted = leaf(context, child, within, item);
        return converted ? [converted] : [];
      }
      context.report.push(
        `the group "${child.linkId}" inside "${item.linkId}" is flattened: its items join the page${child.enableWhen?.length ? ', each with its condition' : ''}`,
      );
      if (child.repeats) reportNestedRepeating(context, child, item);
      return [...heading(context, child, within), ...group(context, child, false, within)];
    });
  if (!isTop) return children;
  if (children.length === 0) {
    leaveOut(context, item, 'has no item that could be carried over');
    return [];
  }
  const id = uniqueId(context, item.linkId);
  const repeats = item.repeats === true ? repeatsOf(context, item) : undefined;
  const result: OurItem = {
    id,
    kind: 'group',
    ...(repeats ? { repeats } : {}),
    ...(item.text !== undefined ? { title: readLocalised(item.text, item._text, context.language) } : {}),
    ...(intro ? { text: readLocalised(intro.text, intro._text, context.language) } : {}),
    ...sourceIdentity(id, item),
    items: children,
  };
  if (repeats) for (const child of children) context.repeated.set(child.id, id);
  context.pendingConditions.push({ owner: result, item });
  return [result];
}
