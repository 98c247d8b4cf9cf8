// The started and completed times against the register's clock and the order (issue 14, item 7).
// The app stamps them in the register's time (its own clock plus the offset it learnt when it
// claimed), so an honest device is within the tolerance. But a device can still be honest and off:
// its clock changed after the claim, or an older app stamped its own clock. A refusal would lose
// those answers for ever (the device keeps a refused submission, but nobody receives it), so times
// outside the tolerance are flagged on the stored submission, for staff to weigh, rather than refused.
// Refused is only what no clock can explain: completed before started (receive-checks.ts).
import type { OrderRecord } from './store/store.js';

/** How far the device's idea of the register's time may be off: its clock drifts after the claim. */
export const clockToleranceMs = 10 * 60_000;

export const TimeFlag = {
  /** completedAt is later than the register received it, beyond the tolerance. */
  completedAfterReceived: 'completedAtAfterReceived',
  /** startedAt is before the order was valid from, beyond the tolerance. */
  startedBeforeValidFrom: 'startedAtBeforeValidFrom',
} as const;
export type TimeFlag = (typeof TimeFlag)[keyof typeof TimeFlag];

/** The time checks that do not hold; empty when the times fit. */
export function timeFlags(
  times: { startedAt: string; completedAt: string },
  order: Pick<OrderRecord, 'validFrom'>,
  receivedAt: Date,
): TimeFlag[] {
  const flags: TimeFlag[] = [];
  if (Date.parse(times.completedAt) > receivedAt.getTime() + clockToleranceMs) flags.push(TimeFlag.completedAfterReceived);
  if (Date.parse(times.startedAt) < Date.parse(order.validFrom) - clockToleranceMs) flags.push(TimeFlag.startedBeforeValidFrom);
  return flags;
}
