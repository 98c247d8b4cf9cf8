// The orders this device has claimed (claim.ts claims them): read back, listed, and their
// unfinished drafts discarded once they are surely past their validity.
import type { DeviceDatabase } from './database.js';
import { isSurelyExpired } from './register-time.js';
import { orderRow, parseStoredRow, readRows, type OrderRow } from './rows.js';

export async function getOrder(db: DeviceDatabase, id: string): Promise<OrderRow | undefined> {
  const row = await db.orders.get(id);
  return row === undefined ? undefined : parseStoredRow(orderRow, row, 'orders', id);
}

/** Every order on this device, the one claimed last first. */
export async function listOrders(db: DeviceDatabase): Promise<OrderRow[]> {
  const orders = await readRows(db.orders.toCollection(), orderRow, 'orders');
  return orders.sort((a, b) => b.claimedAt.localeCompare(a.claimedAt));
}

/**
 * An order past its validity keeps nothing the patient cannot send: unfinished responses to it are
 * deleted with their answers. Sealed submissions stay in the outbox; the register still takes them.
 * Validity is judged by the register's time; a draft the device is unsure about is kept.
 */
export async function discardExpiredDrafts(db: DeviceDatabase, deviceNow = Date.now()): Promise<number> {
  const expired = (await listOrders(db)).filter((order) => isSurelyExpired(order, deviceNow)).map((order) => order.id);
  if (expired.length === 0) return 0;
  return db.transaction('rw', db.responses, db.answers, async () => {
    const drafts = await db.responses
      .where('orderId')
      .anyOf(expired)
      .filter((r) => r.status === 'in-progress')
      .toArray();
    for (const draft of drafts) {
      await db.answers.where('responseId').equals(draft.id).delete();
      await db.responses.delete(draft.id);
    }
    return drafts.length;
  });
}
