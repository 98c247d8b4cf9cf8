// Claiming an order and sealing a response (readable only by the register, and what it holds), the
// drafts of an expired order, and the app's sync engine loaded when needed. The outbox that
// delivers a sealed submission is in outbox-*.test.ts.
import 'fake-indexeddb/auto';
import { compactDecrypt } from 'jose';
import { describe, expect, test } from 'vitest';
import {
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
} from '../../src/device/index.js';
import { lazySyncEngine } from '../../src/device/lazy-sync-engine.js';
import { parsed as parseFixture, testDefinitionInput } from './fixture.js';
import { answeredResponse, appVersion, claimedDevice } from './outbox-fixture.js';

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
    // Each part read back as text: base64url can spell "good" by chance, never a quoted JSON string.
    for (const part of sealed.token?.split('.') ?? []) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain('"good"');
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

  test('answered in an interface language the definition lacks, the submission names the language its texts were shown in', async () => {
    const { db, register, order, definition } = await claimedDevice();
    const response = await startResponse(db, definition, 'nn', order.id);
    await setAnswer(db, response.id, 'mood', { value: 'good' });
    await setAnswer(db, response.id, 'age', { value: 41 });
    await completeAndSeal(db, response.id, { appVersion });
    await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendDue();
    expect(definition.definition.languages).toEqual(['nb', 'en']);
    expect([...register.stored.values()][0]?.payload.language).toBe('nb');
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
