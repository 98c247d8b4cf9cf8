// FHIR's groups as the format's pages. A top-level group is a page and keeps its condition; a group
// inside it is flattened into the page: its heading becomes a text, and its condition (with its
// enableBehavior) is added to each of its items', since the format has no groups inside groups.
// A repeating group ("add another") is not in the format yet: its items are asked once, and said so.
import { leaveOut, localised, sourceIdentity, uniqueId, type Context, type OurItem } from './import-context.js';
import { leaf, withHelpNested } from './import-items.js';
import { readLocalised } from './text.js';
import type { QuestionnaireItem } from './types.js';

function reportRepeating(context: Context, group: QuestionnaireItem): void {
  context.report.push(
    `the group "${group.linkId}" repeats in FHIR (answered once per thing listed); repeating groups are not in the format yet: its items are asked once`,
  );
  const questions = (items: readonly QuestionnaireItem[]): QuestionnaireItem[] =>
    items.flatMap((i) => (i.type === 'group' ? questions(i.item ?? []) : i.type === 'display' ? [] : [i]));
  for (const question of questions(group.item ?? []))
    context.report.push(`"${question.linkId}" is in the repeating group "${group.linkId}": here it takes one answer, not one per repeat`);
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
  if (item.repeats) reportRepeating(context, item);
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
      return [...heading(context, child, within), ...group(context, child, false, within)];
    });
  if (!isTop) return children;
  if (children.length === 0) {
    leaveOut(context, item, 'has no item that could be carried over');
    return [];
  }
  const id = uniqueId(context, item.linkId);
  const result: OurItem = {
    id,
    kind: 'group',
    ...(item.text !== undefined ? { title: readLocalised(item.text, item._text, context.language) } : {}),
    ...(intro ? { text: readLocalised(intro.text, intro._text, context.language) } : {}),
    ...sourceIdentity(id, item),
    items: children,
  };
  context.pendingConditions.push({ owner: result, item });
  return [result];
}
