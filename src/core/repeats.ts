// Repeating groups ("list each medicine"): a group the person fills in as many times as they need,
// between the group's `repeats.min` and `repeats.max`. Each answer is stored on its own, as every
// other answer is, under a key of its instance: `<group>.<instance>.<item>` (an id has no dots, so
// the key cannot be mistaken for an item's). The group's own answer is the list of its instances in
// order, by a number each keeps while it lives, so that removing one moves no other's answers. What
// is submitted numbers them 1, 2, 3… in order (see `visibility`), the same key the exports show.
import { answerTo, hasValue, type Answer, type Answers, type AnswerValue } from './answers.js';
import type { GroupItem } from './definition.js';

export type RepeatingGroup = GroupItem & { repeats: NonNullable<GroupItem['repeats']> };

export function isRepeating(group: GroupItem): group is RepeatingGroup {
  return group.repeats !== undefined;
}

/** The most instances a repeating group can have, whatever a definition says (the CSV has a column for each). */
export const maxRepeatsLimit = 50;

/** Where the answer to `itemId` in one instance of `groupId` is stored. */
export function instanceKey(groupId: string, instance: string, itemId: string): string {
  return `${groupId}.${instance}.${itemId}`;
}

/** The group, the instance and the item of an instance's answer key; undefined for any other key. */
export function parseInstanceKey(key: string): { group: string; instance: string; item: string } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9_-]*)\.([1-9][0-9]{0,3})\.([A-Za-z][A-Za-z0-9_-]*)$/.exec(key);
  return match ? { group: match[1] ?? '', instance: match[2] ?? '', item: match[3] ?? '' } : undefined;
}

const instanceNumber = /^[1-9][0-9]{0,3}$/;

/** Whether a value is a list of instances: distinct numbers written as text, at most the group's maximum. */
export function isInstanceList(group: RepeatingGroup, value: AnswerValue): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= group.repeats.max &&
    value.every((instance) => instanceNumber.test(instance)) &&
    new Set(value).size === value.length
  );
}

/** The smallest number of instances: the group's `min`, or 0. */
export function minInstances(group: RepeatingGroup): number {
  return group.repeats.min ?? 0;
}

/**
 * The group's instances, in order. Before the person has added or removed one, the group shows as
 * many as it must have, and one when it may have none, so there is something to fill in.
 */
export function instancesOf(group: RepeatingGroup, answers: Answers): string[] {
  const entry = answerTo(answers, group.id);
  if (hasValue(entry) && isInstanceList(group, entry.value)) return entry.value;
  const count = Math.min(Math.max(minInstances(group), 1), group.repeats.max);
  return Array.from({ length: count }, (_v, i) => String(i + 1));
}

/** The instances with a new one at the end, numbered after the highest so far; the same list at the maximum. */
export function withInstanceAdded(group: RepeatingGroup, instances: readonly string[]): string[] {
  if (instances.length >= group.repeats.max) return [...instances];
  const next = instances.reduce((highest, instance) => Math.max(highest, Number(instance)), 0) + 1;
  return [...instances, String(next)];
}

/** The group's answer that lists these instances. */
export function instanceListAnswer(instances: readonly string[]): Answer {
  return { value: [...instances] };
}

/**
 * Why a submitted list of entries cannot stand, or null: what a device submits numbers its entries
 * 1, 2, 3… in order, within the group's minimum and maximum.
 */
export function submittedInstancesProblem(group: RepeatingGroup, entry: Answer | undefined): string | null {
  if (!hasValue(entry) || !isInstanceList(group, entry.value)) return `"${group.id}" does not list its entries`;
  if (entry.value.some((instance, i) => instance !== String(i + 1)))
    return `the entries of "${group.id}" are not numbered 1, 2, 3… in order`;
  if (entry.value.length < minInstances(group))
    return `"${group.id}" has ${entry.value.length} entries, fewer than its minimum ${minInstances(group)}`;
  return null;
}
