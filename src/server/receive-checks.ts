// What the payload says beside its answers, checked against the definition the order pinned (issue
// 14, item 7): the notices shown are the definition's, each once; the language is one it is written
// in; the person started before completing. Times are the device's clock, which may be days off
// (README, faults-clock), so they are not checked against the register's.
import type { ParsedDefinition, SubmissionPayload } from '../core/index.js';

/** Field names and problem codes, never values. */
export function payloadProblems({ definition }: ParsedDefinition, payload: SubmissionPayload): string[] {
  const problems: string[] = [];
  const noticeIds = new Set((definition.notices ?? []).map((notice) => notice.id));
  const shown = payload.noticesShown ?? [];
  if (shown.some((id) => !noticeIds.has(id))) problems.push('noticesShown: unknownNotice');
  if (new Set(shown).size !== shown.length) problems.push('noticesShown: duplicate');
  if (!definition.languages.includes(payload.language)) problems.push('language: notInDefinition');
  if (Date.parse(payload.startedAt) > Date.parse(payload.completedAt)) problems.push('completedAt: beforeStartedAt');
  return problems;
}
