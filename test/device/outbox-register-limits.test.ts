// The device against the register's limits on receiving (issue 14, items 2 and 7): a questionnaire
// already answered is a final refusal (the submission stays on the device, marked refused, and is not
// sent again); the per-device limit is waited out as the register asks; and the times a submission
// carries are in the register's time, whatever the device's clock says.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import {
  claimOrder,
  completeAndSeal,
  createSyncEngine,
  httpRegisterClient,
  listOutbox,
  setAnswer,
  startResponse,
} from '../../src/device/index.js';
import { createFakeRegister } from './fake-register.js';
import { freshDatabase, parsed } from './fixture.js';
import { appVersion, clock, sealedOnce } from './outbox-fixture.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** The device's real HTTP client, against a register that answers each request with `answer`. */
function answering(answer: () => Response) {
  let requests = 0;
  const fetcher: typeof fetch = async () => {
    requests++;
    return answer();
  };
  return { client: httpRegisterClient({ baseUrl: 'https://register.example', fetcher }), requests: () => requests };
}

test('questionnaireAlreadyAnswered is final: the submission stays on the device, marked refused, and is never sent again', async () => {
  const { db, sealed } = await sealedOnce();
  const register = answering(() => json(409, { error: 'questionnaireAlreadyAnswered', message: 'answered' }));
  const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
  expect(await engine.sendDue()).toMatchObject({ rejected: 1, waiting: 0 });
  await engine.sendNow();
  await engine.sendOnReconnect();
  const [row] = await listOutbox(db);
  expect(row).toMatchObject({ status: 'rejected', lastError: { error: 'questionnaireAlreadyAnswered' }, token: sealed.token });
  expect(register.requests()).toBe(1);
});

test('rateLimited is waited out for as long as the register asks, then sent again', async () => {
  const { db } = await sealedOnce();
  const time = clock();
  const register = answering(() => json(429, { error: 'rateLimited', message: 'later', retryAfterSeconds: 40 }, { 'retry-after': '40' }));
  const engine = createSyncEngine({
    db,
    client: register.client,
    now: time.now,
    random: () => 0,
    isOnline: () => true,
    exclusive: (t) => t(),
  });
  expect(await engine.sendDue()).toMatchObject({ rejected: 0, waiting: 1 });
  const [waiting] = await listOutbox(db);
  expect(waiting).toMatchObject({ status: 'queued', waitingFor: 'failure', retryAfterAt: new Date(time.now() + 40_000).toISOString() });
  expect(Date.parse(waiting?.nextAttemptAt ?? '')).toBeGreaterThanOrEqual(time.now() + 40_000);
  time.advance(39_000);
  await engine.sendDue();
  await engine.sendOnReconnect();
  expect(register.requests()).toBe(1);
  time.advance(1_000);
  await engine.sendDue();
  expect(register.requests()).toBe(2);
});

test("a device whose clock is three days ahead sends its times in the register's time", async () => {
  const definition = parsed();
  const db = freshDatabase();
  const aheadMs = 3 * 86_400_000;
  const register = await createFakeRegister(definition, { now: () => Date.now() - aheadMs });
  const claimed = await claimOrder(db, register.client, 'ABCD-EFGH-JKMN');
  if (claimed.kind !== 'claimed') throw new Error('claim failed');
  const response = await startResponse(db, definition, 'en', claimed.order.id);
  await setAnswer(db, response.id, 'mood', { value: 'good' });
  await setAnswer(db, response.id, 'age', { value: 41 });
  const sealed = await completeAndSeal(db, response.id, { appVersion });
  await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendDue();

  const payload = register.stored.get(sealed.submissionId)?.payload;
  const registerNow = Date.now() - aheadMs;
  for (const time of [payload?.startedAt, payload?.completedAt]) {
    expect(Math.abs(Date.parse(time ?? '') - registerNow)).toBeLessThan(60_000);
  }
  expect(Date.parse(payload?.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(payload?.completedAt ?? ''));
  // The device's own rows keep its own clock, which schedules the sending.
  expect(Math.abs(Date.parse(sealed.createdAt) - Date.now())).toBeLessThan(60_000);
});
