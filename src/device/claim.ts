// Claiming an order: the one step that needs network. The device sends the access code and its
// public key; the register answers with the order, the exact definitions and its keys, all of
// which are kept so that everything after this works offline. Only the claim and tablet screens
// (loaded when needed) import this, so the patient's route does not carry it.
import { ApiError, type ApiErrorBody, type ClaimResponse, type ParsedDefinition } from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import { storeDefinition } from './definitions.js';
import { getDeviceKey } from './device-key.js';
import type { Outcome, RegisterClient } from './register-client.js';
import { registerClockOffsetMs } from './register-time.js';
import { orderRow, WaitReason, type OrderRow } from './rows.js';

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
  // Checked in full here, where a definition enters the device (later reads check its shape and hash):
  // loaded only now, so that the patient's first screen does not carry the checks' code.
  const { parseDefinition } = await import('../core/parse-definition.js');
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
