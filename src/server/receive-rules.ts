// Rules between items (issue 17): the register flags a submission whose answers break one of its
// definition's rules. The patient was asked to check on the review page and may have confirmed the
// answers, so they are kept as given; the flag is for staff to weigh. Flags are stored with the
// submission beside the time flags (receive-times.ts), as "rule:<rule id>".
import { ruleProblems, type Answers, type Definition } from '../core/index.js';

export const ruleFlagPrefix = 'rule:';

/** The flags of the rules the answers break, in the definition's order; empty when all hold. */
export function ruleFlags(definition: Definition, answers: Answers): string[] {
  return ruleProblems(definition, answers).map(({ rule }) => `${ruleFlagPrefix}${rule.id}`);
}
