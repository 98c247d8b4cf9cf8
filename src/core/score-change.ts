// Clinically meaningful change between two values of a score, from the thresholds its definition
// declares ("change"): the course chart marks it, and indicators can count it.
import type { ChangeThreshold, RemissionLevel, ScoreChange } from './definition.js';

export const ChangeMark = { improved: 'improved', deteriorated: 'deteriorated', unchanged: 'unchanged' } as const;
export type ChangeMark = (typeof ChangeMark)[keyof typeof ChangeMark];

/** Scores are sums and means of small numbers: 2.9 − 2.0 must count as a change of 0.9. */
const tolerance = 1e-9;

/**
 * Whether moving from `from` to `to` in the direction `sign` (+1 up, −1 down) reaches the threshold.
 * A relative threshold is a share of `from`, so a change from 0 never reaches one.
 */
function reaches(threshold: ChangeThreshold, from: number, to: number, sign: 1 | -1): boolean {
  const moved = (to - from) * sign;
  if (moved <= 0) return false;
  if (threshold.by !== undefined) return moved >= threshold.by - tolerance;
  if (threshold.relative !== undefined) {
    if (from === 0) return false;
    return moved >= threshold.relative * Math.abs(from) - tolerance;
  }
  return false;
}

/** How the score changed from an earlier value to a later one, judged by the definition's thresholds. */
export function classifyChange(change: ScoreChange, from: number, to: number): ChangeMark {
  const better: 1 | -1 = change.better === 'higher' ? 1 : -1;
  if (change.improvement && reaches(change.improvement, from, to, better)) return ChangeMark.improved;
  if (change.deterioration && reaches(change.deterioration, from, to, better === 1 ? -1 : 1)) return ChangeMark.deteriorated;
  return ChangeMark.unchanged;
}

/** Whether a value is at the score's remission (target) level; false when the score declares none. */
export function isInRemission(remission: RemissionLevel | undefined, value: number): boolean {
  if (!remission || (remission.atMost === undefined && remission.atLeast === undefined)) return false;
  return (remission.atMost === undefined || value <= remission.atMost) && (remission.atLeast === undefined || value >= remission.atLeast);
}
