// Shared by the claiming, sealing and outbox tests: a device that has claimed an order from a fake
// register, a response answered on it, one sealed submission, and a clock the test moves.
import type { ParsedDefinition } from '../../src/core/index.js';
import { claimOrder, completeAndSeal, createSyncEngine, setAnswer, startResponse, type DeviceDatabase } from '../../src/device/index.js';
import { createFakeRegister, type FakeRegister } from './fake-register.js';
import { freshDatabase, parsed as parseFixture } from './fixture.js';

export const appVersion = 'test';

export async function claimedDevice(definition: ParsedDefinition = parseFixture()) {
  const db = freshDatabase();
  const register = await createFakeRegister(definition);
  const result = await claimOrder(db, register.client, 'ABCD-EFGH-JKMN');
  if (result.kind !== 'claimed') throw new Error('claim failed');
  return { db, register, order: result.order, definition };
}

export async function answeredResponse(db: DeviceDatabase, definition: ParsedDefinition, orderId: string, age = 41) {
  const response = await startResponse(db, definition, 'en', orderId);
  await setAnswer(db, response.id, 'mood', { value: 'good' });
  await setAnswer(db, response.id, 'age', { value: age });
  return response;
}

/** A claimed device with one response sealed into its outbox. */
export async function sealedOnce() {
  const device = await claimedDevice();
  const response = await answeredResponse(device.db, device.definition, device.order.id);
  const sealed = await completeAndSeal(device.db, response.id, { appVersion });
  return { ...device, sealed };
}

export function clock(start = Date.now() + 1000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

/** A sync engine for the device's register on the test's clock, its backoff without jitter (random 1). */
export function timedEngine(
  { db, register }: { db: DeviceDatabase; register: FakeRegister },
  now: () => number,
  isOnline: () => boolean = () => true,
) {
  return createSyncEngine({ db, client: register.client, now, random: () => 1, isOnline, exclusive: (t) => t() });
}
