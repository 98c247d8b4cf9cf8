// Claiming, sealing and the outbox: every sealed submission reaches the register exactly once,
// whatever the network does on the way.
import 'fake-indexeddb/auto';
import { compactDecrypt } from 'jose';
import { describe, expect, test } from 'vitest';
import type { ParsedDefinition } from '../../src/core/index.js';
import {
  claimOrder,
  completeAndSeal,
  createSyncEngine,
  discardExpiredDrafts,
  getAnswers,
  getDeviceKey,
  getResponse,
  IncompleteResponseError,
  listOutbox,
  setAnswer,
  startResponse,
  type DeviceDatabase,
} from '../../src/device/index.js';
import { lazySyncEngine } from '../../src/device/lazy-sync-engine.js';
import { createFakeRegister, type Behaviour } from './fake-register.js';
import { freshDatabase, parsed as parseFixture, testDefinitionInput } from './fixture.js';

const appVersion = 'test';

async function claimedDevice(definition: ParsedDefinition = parseFixture()) {
  const db = freshDatabase();
  const register = await createFakeRegister(definition);
  const result = await claimOrder(db, register.client, 'ABCD-EFGH-JKMN');
  if (result.kind !== 'claimed') throw new Error('claim failed');
  return { db, register, order: result.order, definition };
}

async function answeredResponse(db: DeviceDatabase, definition: ParsedDefinition, orderId: string, age = 41) {
  const response = await startResponse(db, definition, 'en', orderId);
  await setAnswer(db, response.id, 'mood', { value: 'good' });
  await setAnswer(db, response.id, 'age', { value: age });
  return response;
}

function clock(start = Date.now() + 1000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('claiming an order', () => {
  test('stores the order, its definitions and the register keys, with a device key that cannot be exported', async () => {
    const { db, order, definition } = await claimedDevice();
    expect(order.questionnaires).toEqual([{ key: definition.key, hash: definition.hash }]);
    expect((await db.definitions.get(definition.key))?.hash).toBe(definition.hash);
    const key = await getDeviceKey(db);
    expect(key.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
    expect(key.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The same key on every later call.
    expect((await getDeviceKey(db)).thumbprint).toBe(key.thumbprint);
  });
});

describe('sealing', () => {
  test('a completed response is sealed into the outbox and its readable answers are gone from the device', async () => {
    const { db, register, order, definition } = await claimedDevice();
    const response = await answeredResponse(db, definition, order.id);
    const sealed = await completeAndSeal(db, response.id, { appVersion });

    expect(sealed.status).toBe('queued');
    expect(sealed.token?.split('.')).toHaveLength(5); // a JWE compact serialisation
    expect(sealed.token).not.toContain('good');
    expect(await getAnswers(db, response.id)).toEqual({});
    expect((await getResponse(db, response.id))?.status).toBe('completed');

    // Only the register's private key opens it; inside is the device-signed payload.
    const { plaintext } = await compactDecrypt(sealed.token ?? '', register.encryptionPrivateKey);
    expect(new TextDecoder().decode(plaintext).split('.')).toHaveLength(3);
    const report = await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendDue();
    expect(report.acknowledged).toBe(1);
    const [stored] = [...register.stored.values()];
    expect(stored?.payload).toMatchObject({
      orderId: order.id,
      questionnaire: { id: definition.definition.id, version: definition.definition.version, hash: definition.hash },
      answers: { mood: { value: 'good' }, age: { value: 41 } },
      language: 'en',
      appVersion,
    });
  });

  test('an answer to an item that is hidden by the time of completion is not submitted', async () => {
    const { db, register, order, definition } = await claimedDevice();
    const response = await startResponse(db, definition, 'en', order.id);
    await setAnswer(db, response.id, 'mood', { value: 'bad' });
    await setAnswer(db, response.id, 'worse', { value: true });
    await setAnswer(db, response.id, 'age', { value: 30 });
    await setAnswer(db, response.id, 'mood', { value: 'good' }); // hides "worse"
    await completeAndSeal(db, response.id, { appVersion });
    await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendDue();
    expect([...register.stored.values()][0]?.payload.answers).toEqual({ mood: { value: 'good' }, age: { value: 30 } });
  });

  test('the device includes its own scores in the submission', async () => {
    const scored = parseFixture({
      ...testDefinitionInput(),
      scores: [{ id: 'age_score', kind: 'sum', title: { nb: 'Alder', en: 'Age' }, items: ['age'] }],
    });
    const { db, register, order } = await claimedDevice(scored);
    const response = await answeredResponse(db, scored, order.id, 52);
    await completeAndSeal(db, response.id, { appVersion });
    await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendDue();
    expect([...register.stored.values()][0]?.payload.scores).toEqual({ age_score: { status: 'score', value: 52 } });
  });

  test('an incomplete response is refused, and nothing is sealed or lost', async () => {
    const { db, order, definition } = await claimedDevice();
    const response = await startResponse(db, definition, 'en', order.id);
    await setAnswer(db, response.id, 'mood', { value: 'good' });
    await expect(completeAndSeal(db, response.id, { appVersion })).rejects.toBeInstanceOf(IncompleteResponseError);
    expect(await listOutbox(db)).toEqual([]);
    expect(await getAnswers(db, response.id)).toEqual({ mood: { value: 'good' } });
  });

  test('completing twice (two tabs) seals once', async () => {
    const { db, order, definition } = await claimedDevice();
    const response = await answeredResponse(db, definition, order.id);
    const [a, b] = await Promise.all([completeAndSeal(db, response.id, { appVersion }), completeAndSeal(db, response.id, { appVersion })]);
    expect(a.submissionId).toBe(b.submissionId);
    expect(await listOutbox(db)).toHaveLength(1);
  });
});

describe('the outbox', () => {
  async function sealedOnce() {
    const device = await claimedDevice();
    const response = await answeredResponse(device.db, device.definition, device.order.id);
    const sealed = await completeAndSeal(device.db, response.id, { appVersion });
    return { ...device, sealed };
  }

  const failures: Behaviour[][] = [
    ['network'],
    ['timeout', 'timeout'],
    ['error500', 'busy503', 'error500'],
    ['lostAnswer'],
    ['lostAnswer', 'network', 'lostAnswer', 'error500'],
  ];

  for (const script of failures) {
    test(`delivers exactly once after: ${script.join(', ')}`, async () => {
      const { db, register, sealed } = await sealedOnce();
      register.fail(...script);
      const time = clock();
      const engine = createSyncEngine({
        db,
        client: register.client,
        now: time.now,
        random: () => 1,
        isOnline: () => true,
        exclusive: (t) => t(),
      });
      for (let round = 0; round < 20; round++) {
        await engine.sendDue();
        time.advance(10 * 60_000);
      }
      const [row] = await listOutbox(db);
      expect(row).toMatchObject({ submissionId: sealed.submissionId, status: 'acknowledged', token: null, lastError: null });
      expect(row?.receipt?.receivedAt).toBe(register.stored.get(sealed.submissionId)?.receipt.receivedAt);
      expect(register.stored.size).toBe(1);
      expect(register.requestCount()).toBe(script.length + 1);
    });
  }

  test('backs off exponentially, records why it waits, and honours Retry-After', async () => {
    const { db, register } = await sealedOnce();
    register.fail('error500', 'error500', 'busy503', 'network');
    const time = clock();
    const engine = createSyncEngine({
      db,
      client: register.client,
      now: time.now,
      random: () => 1,
      isOnline: () => true,
      exclusive: (t) => t(),
    });
    const waits: { waitingFor: string | null; inMs: number }[] = [];
    for (let i = 0; i < 4; i++) {
      await engine.sendDue();
      const [row] = await listOutbox(db);
      waits.push({ waitingFor: row?.waitingFor ?? null, inMs: Date.parse(row?.nextAttemptAt ?? '') - time.now() });
      time.advance(Date.parse(row?.nextAttemptAt ?? '') - time.now());
    }
    expect(waits).toEqual([
      { waitingFor: 'failure', inMs: 2_000 },
      { waitingFor: 'failure', inMs: 4_000 },
      { waitingFor: 'failure', inMs: 30_000 }, // Retry-After beats the 8 s backoff
      { waitingFor: 'network', inMs: 16_000 },
    ]);
    await engine.sendDue();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
  });

  test('the backoff is capped at five minutes', async () => {
    const { db, register } = await sealedOnce();
    register.fail(...Array<Behaviour>(12).fill('error500'));
    const time = clock();
    const engine = createSyncEngine({
      db,
      client: register.client,
      now: time.now,
      random: () => 1,
      isOnline: () => true,
      exclusive: (t) => t(),
    });
    for (let i = 0; i < 12; i++) {
      await engine.sendDue();
      time.advance(6 * 60_000);
    }
    const [row] = await listOutbox(db);
    expect(Date.parse(row?.nextAttemptAt ?? '') - (time.now() - 6 * 60_000)).toBe(5 * 60_000);
  });

  test('offline, nothing is attempted and the submission waits for the network; back online, it is delivered', async () => {
    const { db, register } = await sealedOnce();
    let isOnline = false;
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => isOnline, exclusive: (t) => t() });
    await engine.sendDue();
    expect(register.requestCount()).toBe(0);
    expect((await listOutbox(db))[0]).toMatchObject({ status: 'queued', waitingFor: 'network' });
    isOnline = true;
    await engine.sendDue();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
  });

  for (const { script, isSentAtOnce } of [
    { script: Array<Behaviour>(8).fill('network'), isSentAtOnce: true },
    { script: ['network', 'timeout', 'timeout'] satisfies Behaviour[], isSentAtOnce: true },
    { script: ['network', 'busy503'] satisfies Behaviour[], isSentAtOnce: false }, // the register asked for 30 s
    { script: ['network', 'error500'] satisfies Behaviour[], isSentAtOnce: false }, // the network is not what failed
  ]) {
    test(`back online after ${script.join(', ')}: ${isSentAtOnce ? 'sent at once, not at the end of the backoff' : 'waits as it was told'}`, async () => {
      const { db, register } = await sealedOnce();
      register.fail(...script);
      const time = clock();
      const engine = createSyncEngine({
        db,
        client: register.client,
        now: time.now,
        random: () => 1,
        isOnline: () => true,
        exclusive: (t) => t(),
      });
      for (let attempt = 1; attempt <= script.length; attempt++) {
        await engine.sendDue();
        if (attempt < script.length) time.advance(Date.parse((await listOutbox(db))[0]?.nextAttemptAt ?? '') - time.now());
      }
      const waiting = (await listOutbox(db))[0];
      expect(waiting).toMatchObject({ status: 'queued', attempts: script.length });
      const dueAt = Date.parse(waiting?.nextAttemptAt ?? '');
      time.advance(1000);
      await engine.sendDue();
      expect(register.requestCount()).toBe(script.length); // not due yet by its backoff
      expect(await engine.sendOnReconnect()).toMatchObject({ acknowledged: isSentAtOnce ? 1 : 0 });
      expect(time.now()).toBeLessThan(dueAt);
      if (!isSentAtOnce) {
        expect(register.requestCount()).toBe(script.length);
        time.advance(dueAt - time.now());
        expect(await engine.sendDue()).toMatchObject({ acknowledged: 1 });
      }
      expect(register.stored.size).toBe(1);
    });
  }

  test('a Retry-After stands when the device was offline in between, and "send now" still overrides it', async () => {
    const { db, register, definition, order } = await sealedOnce();
    register.fail('busy503');
    const time = clock();
    let isOnline = true;
    const engine = createSyncEngine({
      db,
      client: register.client,
      now: time.now,
      random: () => 1,
      isOnline: () => isOnline,
      exclusive: (t) => t(),
    });
    await engine.sendDue();
    expect((await listOutbox(db))[0]).toMatchObject({ waitingFor: 'failure', retryAfterAt: new Date(time.now() + 30_000).toISOString() });
    // Offline, a second submission is due: every queued one now waits for the network.
    isOnline = false;
    const second = await answeredResponse(db, definition, order.id, 42);
    await completeAndSeal(db, second.id, { appVersion });
    time.advance(5_000);
    await engine.sendDue();
    expect((await listOutbox(db)).map((row) => row.waitingFor)).toEqual(['network', 'network']);
    isOnline = true;
    // The second goes; the first waits for the time the register asked for, unless the person asks.
    expect(await engine.sendOnReconnect()).toEqual({ acknowledged: 1, rejected: 0, waiting: 1 });
    expect(register.requestCount()).toBe(2);
    expect(await engine.sendNow()).toEqual({ acknowledged: 1, rejected: 0, waiting: 0 });
    expect(register.stored.size).toBe(2);
  });

  test('"send now" does not wait for the backoff', async () => {
    const { db, register } = await sealedOnce();
    register.fail('error500');
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await engine.sendDue();
    expect((await listOutbox(db))[0]?.status).toBe('queued');
    await engine.sendNow();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
  });

  test("a refusal is kept with the register's reason and never retried", async () => {
    const { db, register, sealed } = await sealedOnce();
    await db.outbox.update(sealed.submissionId, { token: sealed.token?.replace(/\.(.)/, '.A$1') ?? null }); // tampered
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await engine.sendDue();
    await engine.sendNow();
    const [row] = await listOutbox(db);
    expect(row).toMatchObject({ status: 'rejected', lastError: { error: 'invalidToken' } });
    expect(register.requestCount()).toBe(1);
    expect(register.stored.size).toBe(0);
  });

  test('a submission left "sending" by a closed tab is sent again, and stored once', async () => {
    const { db, register, sealed } = await sealedOnce();
    register.fail('lostAnswer');
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await engine.sendDue();
    await db.outbox.update(sealed.submissionId, { status: 'sending' }); // as if the tab closed mid-upload
    await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendNow();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
    expect(register.stored.size).toBe(1);
  });

  test('two calls at once make one upload', async () => {
    const { db, register } = await sealedOnce();
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await Promise.all([engine.sendDue(), engine.sendDue(), engine.sendDue()]);
    expect(register.requestCount()).toBe(1);
  });

  test('a receipt that does not verify is not taken as an acknowledgement', async () => {
    const { db, register, sealed } = await sealedOnce();
    const forged = {
      ...register.client,
      submit: async (token: string) => {
        const outcome = await register.client.submit(token);
        return outcome.kind === 'ok'
          ? { ...outcome, value: { ...outcome.value, receipt: outcome.value.receipt.slice(0, -4) + 'AAAA' } }
          : outcome;
      },
    };
    await createSyncEngine({ db, client: forged, isOnline: () => true, exclusive: (t) => t() }).sendDue();
    expect((await listOutbox(db))[0]).toMatchObject({ submissionId: sealed.submissionId, status: 'queued', waitingFor: 'failure' });
  });

  test('many submissions under random failures: each is stored exactly once', async () => {
    const device = await claimedDevice();
    const behaviours: Behaviour[] = ['network', 'timeout', 'lostAnswer', 'error500', 'busy503', 'ok', 'ok'];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await answeredResponse(device.db, device.definition, device.order.id, 20 + i);
      ids.push((await completeAndSeal(device.db, response.id, { appVersion })).submissionId);
    }
    for (let i = 0; i < 40; i++) device.register.fail(behaviours[Math.floor(random() * behaviours.length)] ?? 'ok');
    const time = clock();
    const engine = createSyncEngine({
      db: device.db,
      client: device.register.client,
      now: time.now,
      random,
      isOnline: () => true,
      exclusive: (t) => t(),
    });
    for (let round = 0; round < 100 && (await listOutbox(device.db)).some((r) => r.status !== 'acknowledged'); round++) {
      await engine.sendDue();
      time.advance(6 * 60_000);
    }
    expect((await listOutbox(device.db)).map((r) => r.status)).toEqual(Array(6).fill('acknowledged'));
    expect([...device.register.stored.keys()].sort()).toEqual([...ids].sort());
    expect(new Set([...device.register.stored.values()].map((s) => s.payload.answers.age)).size).toBe(6);
  });
});

describe('an expired order', () => {
  test('keeps nothing the patient cannot send: unfinished drafts go, sealed submissions stay', async () => {
    const { db, order, definition } = await claimedDevice();
    const sealedResponse = await answeredResponse(db, definition, order.id);
    await completeAndSeal(db, sealedResponse.id, { appVersion });
    const draft = await startResponse(db, definition, 'en', order.id);
    await setAnswer(db, draft.id, 'mood', { value: 'bad' });
    expect(await discardExpiredDrafts(db, Date.parse(order.validUntil) - 1000)).toBe(0);
    expect(await discardExpiredDrafts(db, Date.parse(order.validUntil) + 1000)).toBe(1);
    expect(await getResponse(db, draft.id)).toBeUndefined();
    expect(await db.answers.count()).toBe(0);
    expect(await listOutbox(db)).toHaveLength(1);
  });
});

describe("the app's sync engine, loaded when there is something to send", () => {
  test('with an empty outbox it reports nothing waiting; once a response is sealed it delivers it, and Send now works too', async () => {
    const { db, register, order, definition } = await claimedDevice();
    const engine = lazySyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    expect(await engine.sendDue()).toEqual({ acknowledged: 0, rejected: 0, waiting: 0 });

    const first = await answeredResponse(db, definition, order.id);
    await completeAndSeal(db, first.id, { appVersion });
    expect(await engine.sendDue()).toEqual({ acknowledged: 1, rejected: 0, waiting: 0 });

    const second = await answeredResponse(db, definition, order.id, 42);
    await completeAndSeal(db, second.id, { appVersion });
    expect(await engine.sendNow()).toEqual({ acknowledged: 1, rejected: 0, waiting: 0 });
    expect((await listOutbox(db)).map((row) => row.status)).toEqual(['acknowledged', 'acknowledged']);
    expect(register.stored.size).toBe(2);
  });
});
