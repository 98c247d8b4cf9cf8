// The register's time as the device can tell it: its own clock corrected by the offset learnt when
// the order was claimed. A phone whose clock is days off must not end (or stretch) an order.
import type { OrderRow } from './rows.js';

type OrderClock = Pick<OrderRow, 'validUntil' | 'registerClockOffsetMs'>;

/**
 * A time the device stamped with its own clock, said in the register's time: how the started and
 * completed times of a submission are sent, so that the register can check them against its own
 * clock and the order although the device was offline and its clock is off.
 */
export function inRegisterTime(order: Pick<OrderRow, 'registerClockOffsetMs'>, deviceTime: string): string {
  return new Date(Date.parse(deviceTime) + (order.registerClockOffsetMs ?? 0)).toISOString();
}

/** The register's clock minus the device's, from the register's time in an answer that just arrived. */
export function registerClockOffsetMs(serverTime: string | undefined, deviceNow: number): number | undefined {
  const registerNow = serverTime === undefined ? Number.NaN : Date.parse(serverTime);
  return Number.isFinite(registerNow) ? registerNow - deviceNow : undefined;
}

/** The register's time now; the device's own when the register never said its time. */
export function registerNow(order: OrderClock, deviceNow: number): number {
  return deviceNow + (order.registerClockOffsetMs ?? 0);
}

/** Whether the time for answering has run out, by the register's clock. */
export function isOrderExpired(order: OrderClock, deviceNow: number): boolean {
  return Date.parse(order.validUntil) < registerNow(order, deviceNow);
}

/**
 * Whether unfinished answers to the order may be deleted: only when the register's time is known and
 * both clocks say it ran out. When unsure, they are kept.
 */
export function isSurelyExpired(order: OrderClock, deviceNow: number): boolean {
  if (order.registerClockOffsetMs === undefined) return false;
  return Date.parse(order.validUntil) < Math.min(deviceNow, registerNow(order, deviceNow));
}
