// Which items and pages a person sees, given their answers so far. Conditions only look at earlier
// answers, and an answer to an item that is hidden counts as no answer.
import { answerTo, hasValue, validateAnswer, type AnswerProblem, type Answers, type AnswerValue } from './answers.js';
import type { AnswerableItem, Condition, Definition, GroupItem, LeafItem } from './definition.js';
import { instanceKey, instancesOf, isRepeating, type RepeatingGroup } from './repeats.js';

/** One entry of a repeating group as shown: its number while it lives, and its visible items. */
export interface PageInstance {
  instance: string;
  items: LeafItem[];
}

export interface Page {
  /** The group's id, or the id of the single item that forms the page. */
  id: string;
  group?: GroupItem;
  items: LeafItem[];
  /** A repeating group's entries, in order; `items` then holds the items visible in any of them. */
  instances?: PageInstance[];
}

/** Each top-level group is a page; each top-level item outside a group is a page of its own. */
export function pagesOf(definition: Definition): Page[] {
  return definition.items.map((item) =>
    item.kind === 'group' ? { id: item.id, group: item, items: item.items } : { id: item.id, items: [item] },
  );
}

/** Every leaf item in the order a person meets it. */
export function leafItems(definition: Definition): LeafItem[] {
  return definition.items.flatMap((item) => (item.kind === 'group' ? item.items : [item]));
}

export function isAnswerable(item: LeafItem): item is AnswerableItem {
  return item.kind !== 'display';
}

function matches(actual: AnswerValue, expected: string | number | boolean): boolean {
  return Array.isArray(actual) ? actual.includes(String(expected)) : actual === expected;
}

/**
 * Evaluates a condition against answers. A multiple-choice answer "equals" a code when that code is
 * among those chosen. Comparisons with an unanswered (or declined) item are false.
 */
export function evaluate(condition: Condition, answers: Answers): boolean {
  switch (condition.op) {
    case 'all':
      return condition.conditions.every((c) => evaluate(c, answers));
    case 'any':
      return condition.conditions.some((c) => evaluate(c, answers));
    case 'not':
      return !evaluate(condition.condition, answers);
    case 'answered':
      return hasValue(answerTo(answers, condition.item));
  }
  const entry = answerTo(answers, condition.item);
  if (!hasValue(entry)) return false;
  const actual = entry.value;
  switch (condition.op) {
    case 'equals':
      return matches(actual, condition.value);
    case 'notEquals':
      return !matches(actual, condition.value);
    case 'oneOf':
      return condition.values.some((v) => matches(actual, v));
    case 'greaterThan':
      return typeof actual === 'number' && actual > condition.value;
    case 'lessThan':
      return typeof actual === 'number' && actual < condition.value;
  }
}

export interface Visibility {
  /**
   * Ids of the visible items, groups included. An item of a repeating group is there by its id when
   * it is visible in any entry, and by its answer key (`<group>.<entry>.<item>`) for each entry it is visible in.
   */
  visible: ReadonlySet<string>;
  /**
   * The answers of visible items only: what counts, and what is submitted. A visible repeating group
   * has its list of entries here, and its entries' answers numbered 1, 2, 3… in order.
   */
  effective: Answers;
}

export function visibility(definition: Definition, answers: Answers): Visibility {
  const visible = new Set<string>();
  const effective: Answers = {};
  const visit = (item: LeafItem, isParentVisible: boolean) => {
    if (!isParentVisible || (item.visibleWhen && !evaluate(item.visibleWhen, effective))) return;
    visible.add(item.id);
    const entry = answerTo(answers, item.id);
    if (isAnswerable(item) && entry !== undefined) effective[item.id] = entry;
  };
  for (const item of definition.items) {
    if (item.kind === 'group') {
      const isGroupVisible = !item.visibleWhen || evaluate(item.visibleWhen, effective);
      if (isGroupVisible) visible.add(item.id);
      if (isRepeating(item)) {
        if (isGroupVisible) visitInstances(item, answers, visible, effective);
      } else for (const child of item.items) visit(child, isGroupVisible);
    } else {
      visit(item, true);
    }
  }
  return { visible, effective };
}

/** A visible repeating group: each entry's items seen with that entry's answers, numbered in order in `effective`. */
function visitInstances(group: RepeatingGroup, answers: Answers, visible: Set<string>, effective: Answers) {
  const instances = instancesOf(group, answers);
  effective[group.id] = { value: instances.map((_instance, i) => String(i + 1)) };
  instances.forEach((instance, i) => {
    // what a condition in this entry sees: the answers before the group, and this entry's so far
    const seen: Answers = { ...effective };
    for (const item of group.items) {
      if (item.visibleWhen && !evaluate(item.visibleWhen, seen)) continue;
      visible.add(item.id);
      visible.add(instanceKey(group.id, instance, item.id));
      const entry = answerTo(answers, instanceKey(group.id, instance, item.id));
      if (!isAnswerable(item) || entry === undefined) continue;
      seen[item.id] = entry;
      effective[instanceKey(group.id, String(i + 1), item.id)] = entry;
    }
  });
}

/** The pages with at least one visible item, each holding only its visible items (and a repeating group's, each entry's). */
export function visiblePages(definition: Definition, answers: Answers): Page[] {
  const { visible } = visibility(definition, answers);
  return pagesOf(definition)
    .filter((page) => visible.has(page.id))
    .map((page) => {
      const shown = { ...page, items: page.items.filter((item) => visible.has(item.id)) };
      if (!page.group || !isRepeating(page.group)) return shown;
      const group = page.group;
      const instances = instancesOf(group, answers).map((instance) => ({
        instance,
        items: group.items.filter((item) => visible.has(instanceKey(group.id, instance, item.id))),
      }));
      // a repeating group's page stays while it is visible, even with no entries: it is where one is added
      return { ...shown, instances };
    })
    .filter((page) => page.items.length > 0 || page.instances !== undefined);
}

export interface ItemProblem {
  item: AnswerableItem;
  pageIndex: number;
  problem: AnswerProblem;
  /** Where the answer is stored: the item's id, or for an entry of a repeating group its answer key. */
  key: string;
  /** In a repeating group, the entry's place counting from 1, for the message. */
  position?: number;
}

/** Every visible item whose answer is missing (when required) or does not fit, with its page. */
export function reviewProblems(definition: Definition, answers: Answers): ItemProblem[] {
  const problems: ItemProblem[] = [];
  const check = (item: LeafItem, pageIndex: number, key: string, position?: number) => {
    if (!isAnswerable(item)) return;
    const problem = validateAnswer(definition, item, answerTo(answers, key));
    if (problem) problems.push({ item, pageIndex, problem, key, ...(position === undefined ? {} : { position }) });
  };
  visiblePages(definition, answers).forEach((page, pageIndex) => {
    const group = page.group;
    if (!page.instances || !group) for (const item of page.items) check(item, pageIndex, item.id);
    else
      page.instances.forEach(({ instance, items }, i) => {
        for (const item of items) check(item, pageIndex, instanceKey(group.id, instance, item.id), i + 1);
      });
  });
  return problems;
}
