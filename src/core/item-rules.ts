// Rules between items, as data: "item 14 is at most item 13". A broken rule does not block: the
// review page asks the patient to check, and the register flags the submission.
import { answerTo, hasValue, type Answers } from './answers.js';
import type { Definition, ItemRule, RuleOperator } from './definition.js';
import { visibility } from './visibility.js';

export interface RuleProblem {
  rule: ItemRule;
  left: number;
  right: number;
}

const holds: Record<RuleOperator, (left: number, right: number) => boolean> = {
  '<=': (left, right) => left <= right,
  '<': (left, right) => left < right,
  '>=': (left, right) => left >= right,
  '>': (left, right) => left > right,
};

function numberOf(answers: Answers, id: string): number | undefined {
  const entry = answerTo(answers, id);
  return hasValue(entry) && typeof entry.value === 'number' ? entry.value : undefined;
}

/**
 * The rules the answers break, in the definition's order. A rule is only judged when both its
 * items were shown and answered with a number: an unanswered or declined item breaks no rule.
 */
export function ruleProblems(definition: Definition, answers: Answers): RuleProblem[] {
  if (!definition.rules) return [];
  const { effective } = visibility(definition, answers);
  return definition.rules.flatMap((rule) => {
    const left = numberOf(effective, rule.left);
    const right = numberOf(effective, rule.right);
    if (left === undefined || right === undefined || holds[rule.op](left, right)) return [];
    return [{ rule, left, right }];
  });
}
