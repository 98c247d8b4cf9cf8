// The store on its own, on the database of the test project (SQLite in node, PostgreSQL in
// node-postgres): every read and write, what a row already there does, transactions that roll
// back, and the two places where atomicity matters (parallel claim guesses, one device per order).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { admitClaimAttempt, claimLimits } from '../../src/server/claim-admission.js';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { bindDevice } from '../../src/server/register-writes.js';
import { openPgStore, openSqliteStore } from '../../src/server/store/kysely-store.js';
import type { OrderRecord, RegisterStore, SubmissionRecord } from '../../src/server/store/store.js';
import { freshDatabase } from './postgres.js';
import { newDevice, testStore } from './setup.js';

let store: RegisterStore;
let done: () => Promise<void>;
let reopen: () => Promise<RegisterStore>;

beforeEach(async () => {
  if (testStore === 'postgres') {
    const database = await freshDatabase();
    reopen = () => openPgStore(database.url);
    store = await reopen();
    done = async () => {
      await store.close();
      await database.drop();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'eprom-store-'));
    reopen = () => openSqliteStore(path.join(dir, 'register.sqlite'));
    store = await reopen();
    done = async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    };
  }
});
afterEach(async () => done());

const order = (id: string, extra: Partial<OrderRecord> = {}): OrderRecord => ({
  id,
  patientRef: 'pseudo-1',
  measurementPoint: 'basis',
  questionnaires: [{ key: 'demo-wellbeing@1', hash: 'sha256-aa' }],
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2099-01-01T00:00:00.000Z',
  createdAt: `2026-01-0${id.length % 9}T00:00:00.000Z`,
  codeHash: `code-${id}`,
  encryptionKid: 'kid-1',
  unit: null,
  deviceKey: null,
  deviceThumbprint: null,
  claimedAt: null,
  releasedAt: null,
  ...extra,
});

const submission = (id: string, orderId: string, extra: Partial<SubmissionRecord> = {}): SubmissionRecord => ({
  submissionId: id,
  orderId,
  definitionKey: 'demo-wellbeing@1',
  definitionHash: 'sha256-aa',
  token: `token-${id}`,
  tokenHash: `sha256-token-${id}`,
  payloadHash: `sha256-payload-${id}`,
  deviceThumbprint: 'thumb',
  deviceKey: null,
  answers: { mood: { value: 'good' }, worry: { value: 2 } },
  scores: { total: { status: 'score', value: 3 } },
  deviceScores: null,
  noticesShown: ['crisis'],
  language: 'nb',
  startedAt: '2026-01-01T10:00:00.000Z',
  completedAt: '2026-01-01T10:05:00.000Z',
  appVersion: 'test',
  receivedAt: `2026-01-01T10:0${id.length % 9}:00.000Z`,
  receipt: `receipt-${id}`,
  ...extra,
});

describe('schema', () => {
  test('opening again migrates nothing and keeps what is stored; ping answers until closed', async () => {
    expect(await store.insertOrder(order('a'))).toBe(true);
    await store.close();
    store = await reopen();
    expect((await store.getOrder('a'))?.codeHash).toBe('code-a');
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
    await store.close();
    store = await reopen();
  });
});

describe('orders and definitions', () => {
  test('written once, read back as written, listed with their progress and filtered', async () => {
    const snapshot = { key: 'demo-wellbeing@1', hash: 'sha256-aa', json: { id: 'demo-wellbeing', items: [1, 'two'] } };
    expect(await store.insertDefinition(snapshot, '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(await store.insertDefinition({ ...snapshot, hash: 'sha256-bb' }, '2026-01-02T00:00:00.000Z')).toBe(false);
    expect(await store.getDefinition('demo-wellbeing@1')).toEqual(snapshot);
    expect(await store.getDefinition('other@1')).toBeUndefined();

    const first = order('o1', {
      unit: 'Poliklinikk A',
      questionnaires: [
        { key: 'a@1', hash: 'h1' },
        { key: 'b@1', hash: 'h2' },
      ],
    });
    expect(await store.insertOrder(first)).toBe(true);
    expect(await store.insertOrder({ ...first, codeHash: 'another' })).toBe(false);
    expect(await store.insertOrder(order('o22', { patientRef: 'pseudo-2' }))).toBe(true);
    expect(await store.getOrder('o1')).toEqual(first);
    expect(await store.findOrderByCodeHash('code-o22')).toEqual(order('o22', { patientRef: 'pseudo-2' }));
    expect(await store.findOrderByCodeHash('nothing')).toBeUndefined();

    expect(await store.insertSubmission(submission('s1', 'o1', { definitionKey: 'a@1' }))).toBe(true);
    expect(await store.insertSubmission(submission('s22', 'o1', { definitionKey: 'a@1' }))).toBe(false);
    expect(await store.insertSubmission(submission('s333', 'o1', { definitionKey: 'b@1' }))).toBe(true);
    const listed = await store.listOrders({});
    expect(listed.map((o) => [o.id, o.submissionCount, o.answeredCount])).toEqual([
      ['o22', 0, 0],
      ['o1', 2, 2],
    ]);
    expect((await store.listOrders({ patientRef: 'pseudo-2' })).map((o) => o.id)).toEqual(['o22']);
    expect((await store.listOrders({ unit: 'Poliklinikk A' })).map((o) => o.id)).toEqual(['o1']);
    expect(await store.listOrders({ unit: 'Poliklinikk A', patientRef: 'pseudo-2' })).toEqual([]);
  });

  test('one device claims an unclaimed order; a release frees it; a missing order is said to be missing', async () => {
    await store.insertOrder(order('o1'));
    const [a, b] = [await newDevice(), await newDevice()];
    expect(await store.claimOrder('o1', a.publicJwk, a.thumbprint, '2026-01-02T00:00:00.000Z')).toBe(true);
    expect(await store.claimOrder('o1', b.publicJwk, b.thumbprint, '2026-01-02T00:00:01.000Z')).toBe(false);
    expect(await store.getOrder('o1')).toMatchObject({
      deviceKey: a.publicJwk,
      deviceThumbprint: a.thumbprint,
      claimedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(await store.releaseOrder('o1', '2026-01-03T00:00:00.000Z')).toBe(true);
    expect(await store.getOrder('o1')).toMatchObject({
      deviceKey: null,
      deviceThumbprint: null,
      claimedAt: null,
      releasedAt: '2026-01-03T00:00:00.000Z',
    });
    expect(await store.releaseOrder('nothing', '2026-01-03T00:00:00.000Z')).toBe(false);

    // Many devices at once: exactly one wins, the others are told another device holds it.
    const devices = await Promise.all(Array.from({ length: 6 }, () => newDevice()));
    const results = await Promise.all(devices.map((d) => bindDevice(store, 'o1', d.publicJwk, d.thumbprint, '2026-01-04T00:00:00.000Z')));
    expect(results.filter((r) => r === 'bound')).toHaveLength(1);
    expect(results.filter((r) => r === 'otherDevice')).toHaveLength(5);
    expect(await bindDevice(store, 'nothing', a.publicJwk, a.thumbprint, '2026-01-04T00:00:00.000Z')).toBe('missing');
  });
});

describe('submissions', () => {
  test('stored once, read back as stored, listed in order of arrival and filtered', async () => {
    await store.insertOrder(order('o1'));
    await store.insertOrder(order('o22', { patientRef: 'pseudo-2' }));
    const device = await newDevice();
    const first = submission('s1', 'o1', { deviceKey: device.publicJwk, deviceScores: { total: { value: 4 } } });
    expect(await store.insertSubmission(first)).toBe(true);
    expect(await store.insertSubmission({ ...first, payloadHash: 'other' })).toBe(false);
    expect(await store.getSubmission('s1')).toEqual(first);
    expect(await store.getSubmission('nothing')).toBeUndefined();
    await store.insertSubmission(submission('s333', 'o22', { definitionKey: 'other@2', scores: null }));
    await store.insertSubmission(submission('s22', 'o1', { definitionKey: 'third@1' }));
    expect(await store.countSubmissions()).toBe(3);
    // One submission per questionnaire of an order: another id to one already answered is not written.
    expect(await store.insertSubmission(submission('s4444', 'o1'))).toBe(false);
    expect(await store.getAnswerTo('o1', 'demo-wellbeing@1')).toEqual(first);
    expect(await store.getAnswerTo('o22', 'demo-wellbeing@1')).toBeUndefined();
    expect(await store.deviceSubmissionTimes('thumb', '2026-01-01T10:02:30.000Z')).toEqual([
      '2026-01-01T10:03:00.000Z',
      '2026-01-01T10:04:00.000Z',
    ]);

    const all = await store.listSubmissions({});
    expect(all.map((s) => s.submissionId)).toEqual(['s1', 's22', 's333']);
    expect(all[0]).toEqual({ ...first, patientRef: 'pseudo-1', measurementPoint: 'basis' });
    const ids = async (filter: Parameters<RegisterStore['listSubmissions']>[0]) =>
      (await store.listSubmissions(filter)).map((s) => s.submissionId);
    expect(await ids({ orderId: 'o1' })).toEqual(['s1', 's22']);
    expect(await ids({ patientRef: 'pseudo-2' })).toEqual(['s333']);
    expect(await ids({ definitionKey: 'demo-wellbeing@1' })).toEqual(['s1']);
    expect(await ids({ orderId: 'o1', definitionKey: 'other@2' })).toEqual([]);
  });
});

describe('enrolments and tablets', () => {
  test('written once and found by their hashes', async () => {
    const enrolment = {
      codeHash: 'e1',
      unit: 'Poliklinikk A',
      createdAt: '2026-01-01T00:00:00.000Z',
      validUntil: '2026-01-02T00:00:00.000Z',
      usesLeft: 1,
    };
    expect(await store.insertEnrolment(enrolment)).toBe(true);
    expect(await store.insertEnrolment({ ...enrolment, unit: 'B' })).toBe(false);
    expect(await store.findEnrolment('e1')).toEqual(enrolment);
    expect(await store.findEnrolment('nothing')).toBeUndefined();
    const tablet = { id: 't1', unit: 'Poliklinikk A', tokenHash: 'th1', enrolledAt: '2026-01-01T00:00:00.000Z' };
    expect(await store.insertTablet(tablet)).toBe(true);
    expect(await store.insertTablet({ ...tablet, tokenHash: 'th2' })).toBe(false);
    const stored = { ...tablet, name: null, lastSeenAt: null, revokedAt: null };
    expect(await store.findTablet('th1')).toEqual(stored);
    expect(await store.getTablet('t1')).toEqual(stored);
    expect(await store.findTablet('th2')).toBeUndefined();
  });

  test('an enrolment is used while it is valid and has uses left, one at a time', async () => {
    const enrolment = { codeHash: 'e2', unit: 'A', createdAt: '2026-01-01T00:00:00.000Z', validUntil: '2026-01-02T00:00:00.000Z' };
    await store.insertEnrolment({ ...enrolment, usesLeft: 2 });
    expect(await store.useEnrolment('e2', '2026-01-02T00:00:00.001Z')).toBe(false);
    const uses = await Promise.all([1, 2, 3].map(() => store.useEnrolment('e2', '2026-01-01T12:00:00.000Z')));
    expect(uses.filter(Boolean)).toHaveLength(2);
    expect(await store.findEnrolment('e2')).toMatchObject({ usesLeft: 0 });
    expect(await store.useEnrolment('nothing', '2026-01-01T12:00:00.000Z')).toBe(false);
  });

  test('listed by unit, revoked once, and seen at most as often as asked', async () => {
    await store.insertTablet({ id: 't2', unit: 'B', tokenHash: 'th2', enrolledAt: '2026-01-01T00:00:02.000Z', name: 'Venterom 2' });
    await store.insertTablet({ id: 't1', unit: 'A', tokenHash: 'th1', enrolledAt: '2026-01-01T00:00:01.000Z' });
    await store.insertTablet({ id: 't3', unit: 'B', tokenHash: 'th3', enrolledAt: '2026-01-01T00:00:03.000Z' });
    expect((await store.listTablets({})).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect((await store.listTablets({ unit: 'B' })).map((t) => [t.id, t.name])).toEqual([
      ['t2', 'Venterom 2'],
      ['t3', null],
    ]);
    expect(await store.revokeTablet('t2', '2026-01-03T00:00:00.000Z')).toBe(true);
    expect(await store.revokeTablet('t2', '2026-01-04T00:00:00.000Z')).toBe(false);
    expect(await store.revokeTablet('nothing', '2026-01-04T00:00:00.000Z')).toBe(false);
    expect(await store.getTablet('t2')).toMatchObject({ revokedAt: '2026-01-03T00:00:00.000Z' });
    await store.markTabletSeen('t1', '2026-01-05T00:00:00.000Z', '2026-01-04T23:59:00.000Z');
    await store.markTabletSeen('t1', '2026-01-05T00:00:30.000Z', '2026-01-04T23:59:30.000Z');
    expect(await store.getTablet('t1')).toMatchObject({ lastSeenAt: '2026-01-05T00:00:00.000Z' });
    await store.markTabletSeen('t1', '2026-01-05T00:01:00.000Z', '2026-01-05T00:00:00.000Z');
    expect(await store.getTablet('t1')).toMatchObject({ lastSeenAt: '2026-01-05T00:00:00.000Z' });
    await store.markTabletSeen('t1', '2026-01-05T00:01:01.000Z', '2026-01-05T00:00:01.000Z');
    expect(await store.getTablet('t1')).toMatchObject({ lastSeenAt: '2026-01-05T00:01:01.000Z' });
  });
});

describe('transactions and claim attempts', () => {
  test('a transaction that throws leaves nothing behind', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertOrder(order('o1'));
        expect((await tx.getOrder('o1'))?.id).toBe('o1');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.getOrder('o1')).toBeUndefined();
  });

  test('recorded as failed, counted per address and in all, aged out, removed, and marked as succeeded', async () => {
    const ids = await store.withClaimAttempts(async (attempts) => [
      await attempts.record('10.0.0.1', '2026-01-01T00:00:00.000Z'),
      await attempts.record('10.0.0.1', '2026-01-01T00:01:00.000Z'),
      await attempts.record('10.0.0.2', '2026-01-01T00:02:00.000Z'),
    ]);
    expect(new Set(ids).size).toBe(3);
    await store.markClaimSucceeded(ids[1] ?? 0);
    expect(await store.countFailedClaims('2025-12-31T00:00:00.000Z')).toBe(2);
    expect(await store.countFailedClaims('2025-12-31T00:00:00.000Z', '10.0.0.1')).toBe(1);
    expect(await store.countFailedClaims('2026-01-01T00:01:30.000Z')).toBe(1);
    await store.withClaimAttempts(async (attempts) => {
      expect(await attempts.failedAt('2025-12-31T00:00:00.000Z', 1)).toBe('2026-01-01T00:02:00.000Z');
      expect(await attempts.failedAt('2025-12-31T00:00:00.000Z', 0, '10.0.0.2')).toBe('2026-01-01T00:02:00.000Z');
      expect(await attempts.failedAt('2025-12-31T00:00:00.000Z', 2)).toBeUndefined();
      await attempts.removeBefore('2026-01-01T00:01:30.000Z');
      expect(await attempts.countFailed('2025-12-31T00:00:00.000Z')).toBe(1);
    });
  });

  test('parallel guesses from one address cannot slip past its limit', async () => {
    const at = new Date();
    const keysDir = await mkdtemp(path.join(tmpdir(), 'eprom-keys-'));
    const { keys } = await loadRegisterKeys(keysDir);
    await rm(keysDir, { recursive: true, force: true });
    const offered = { keys, purpose: 'claim', code: 'ZZZZ-ZZZZ-ZZZZ', proof: undefined } as const;
    const outcomes = await Promise.allSettled(
      Array.from({ length: claimLimits.perAddress + 8 }, () => admitClaimAttempt(store, '10.0.0.9', at, offered)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(claimLimits.perAddress);
    expect(
      outcomes.filter((o) => o.status === 'rejected').map((o) => (o.status === 'rejected' ? (o.reason as { status?: number }).status : 0)),
    ).toEqual(Array.from({ length: 8 }, () => 429));
    expect(await store.countFailedClaims(new Date(at.getTime() - 60_000).toISOString(), '10.0.0.9')).toBe(claimLimits.perAddress);
  });
});
