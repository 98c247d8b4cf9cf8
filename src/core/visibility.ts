// Which items and pages a person sees, given their answers so far. Conditions only look at earlier
// answers, and an answer to an item that is hidden counts as no answer.
import { answerTo, hasValue, validateAnswer, type AnswerProblem, type Answers, type AnswerValue } from './answers.js';
import type { AnswerableItem, Condition, Definition, GroupItem, LeafItem } from './definition.js';

export interface Page {
  /** The group's id, or the id of the single item that forms the page. */
  id: string;
  group?: GroupItem;
  items: LeafItem[];
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
  /** Ids of the visible items, groups included. */
  visible: ReadonlySet<string>;
  /** The answers of visible items only: what counts, and what is submitted. */
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
      for (const child of item.items) visit(child, isGroupVisible);
    } else {
      visit(item, true);
    }
  }
  return { visible, effective };
}

/** The pages with at least one visible item, each holding only its visible items. */
export function visiblePages(definition: Definition, answers: Answers): Page[] {
  const { visible } = visibility(definition, answers);
  return pagesOf(definition)
    .filter((page) => visible.has(page.id))
    .map((page) => ({ ...page, items: page.items.filter((item) => visible.has(item.id)) }))
    .filter((page) => page.items.length > 0);
}

export interface ItemProblem {
  item: AnswerableItem;
  pageIndex: number;
  problem: AnswerProblem;
}

/** Every visible item whose answer is missing (when required) or does not fit, with its page. */
export function reviewProblems(definition: Definition, answers: Answers): ItemProblem[] {
  const problems: ItemProblem[] = [];
  visiblePages(definition, answers).forEach((page, pageIndex) => {
    for (const item of page.items) {
      if (!isAnswerable(item)) continue;
      const problem = validateAnswer(definition, item, answerTo(answers, item.id));
      if (problem) problems.push({ item, pageIndex, problem });
    }
  });
  return problems;
}
