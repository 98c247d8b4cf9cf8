// Claiming an order: the one step that needs network. The device sends the access code and its
// public key; the register answers with the order, the exact definitions and its keys, all of
// which are kept so that everything after this works offline.
import { ApiError, parseDefinition, type ApiErrorBody, type ClaimResponse, type ParsedDefinition } from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import { storeDefinition } from './definitions.js';
import { getDeviceKey } from './device-key.js';
import type { Outcome, RegisterClient } from './register-client.js';
import { isSurelyExpired, registerClockOffsetMs } from './register-time.js';
import { orderRow, parseStoredRow, readRows, WaitReason, type OrderRow } from './rows.js';

export type ClaimResult =
  | { kind: 'claimed'; order: OrderRow }
  | { kind: 'refused'; error: ApiErrorBody }
  | { kind: 'unreachable'; reason: WaitReason; retryAfterMs: number | null };

export async function claimOrder(db: DeviceDatabase, client: RegisterClient, code: string): Promise<ClaimResult> {
  const deviceKey = await getDeviceKey(db);
  return keepClaim(db, await client.claim({ code: code.trim(), deviceKey: deviceKey.publicJwk }));
}

/** On a shared tablet: the clinician picks the order; the answer carries the secret the draft key comes from. */
export async function claimOrderOnTablet(
  db: DeviceDatabase,
  client: RegisterClient,
  tabletToken: string,
  orderId: string,
): Promise<ClaimResult & { resumeSecret?: string }> {
  const deviceKey = await getDeviceKey(db);
  const outcome = await client.claimForTablet(tabletToken, orderId, deviceKey.publicJwk);
  const result = await keepClaim(db, outcome);
  return outcome.kind === 'ok' && outcome.value.resumeSecret ? { ...result, resumeSecret: outcome.value.resumeSecret } : result;
}

async function keepClaim(db: DeviceDatabase, outcome: Outcome<ClaimResponse>): Promise<ClaimResult> {
  if (outcome.kind === 'retry') return { kind: 'unreachable', reason: outcome.reason, retryAfterMs: outcome.retryAfterMs };
  if (outcome.kind === 'refused') return { kind: 'refused', error: outcome.error };

  const { order, definitions, encryptionKey, receiptKey } = outcome.value;
  const parsed: ParsedDefinition[] = [];
  for (const [index, json] of definitions.entries()) {
    const result = parseDefinition(json);
    const expected = order.questionnaires[index];
    if (!result.ok || !expected || result.key !== expected.key || result.hash !== expected.hash) {
      const error = {
        error: ApiError.internal,
        message: `The register sent a questionnaire that does not match the order (${expected?.key ?? index})`,
      };
      return { kind: 'refused', error };
    }
    parsed.push(result);
  }
  const { serverTime } = outcome.value;
  const deviceNow = Date.now();
  const offset = registerClockOffsetMs(serverTime, deviceNow);
  const claimed = { ...order, encryptionKey, receiptKey, claimedAt: new Date(deviceNow).toISOString() };
  const row = orderRow.parse((offset === undefined ? claimed : { ...claimed, registerClockOffsetMs: offset }) satisfies OrderRow);
  await db.transaction('rw', db.orders, db.definitions, async () => {
    for (const definition of parsed) await storeDefinition(db, definition);
    await db.orders.put(row);
  });
  return { kind: 'claimed', order: row };
}

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
