// The register's decision over the store (register-writes.ts), on the database of the test project:
// ids racing for one questionnaire of an order and submissions racing for a device's last place in
// its per-minute limit are decided inside the store's transactions, so that exactly as many land as may.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { storeSubmissionOnce } from '../../src/server/register-writes.js';
import { openPgStore, openSqliteStore } from '../../src/server/store/kysely-store.js';
import type { RegisterStore, SubmissionRecord } from '../../src/server/store/store.js';
import { freshDatabase } from './postgres.js';
import { testStore } from './setup.js';

let store: RegisterStore;
let done: () => Promise<void>;

beforeEach(async () => {
  if (testStore === 'postgres') {
    const database = await freshDatabase();
    store = await openPgStore(database.url);
    done = async () => {
      await store.close();
      await database.drop();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'eprom-store-once-'));
    store = await openSqliteStore(path.join(dir, 'register.sqlite'));
    done = async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    };
  }
});
afterEach(async () => done());

const now = new Date('2026-03-01T12:00:00.000Z');

async function newOrder(id: string) {
  await store.insertOrder({
    id,
    patientRef: 'pseudo-1',
    measurementPoint: 'basis',
    questionnaires: [{ key: 'demo-wellbeing@1', hash: 'sha256-aa' }],
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2099-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    codeHash: `code-${id}`,
    encryptionKid: 'kid-1',
    unit: null,
    deviceKey: null,
    deviceThumbprint: null,
    claimedAt: null,
    releasedAt: null,
  });
}

const submission = (id: string, orderId: string, receivedAt = now.toISOString()): SubmissionRecord => ({
  submissionId: id,
  orderId,
  definitionKey: 'demo-wellbeing@1',
  definitionHash: 'sha256-aa',
  token: `token-${id}`,
  tokenHash: `sha256-token-${id}`,
  payloadHash: `sha256-payload-${id}`,
  deviceThumbprint: 'thumb',
  deviceKey: null,
  answers: {},
  scores: null,
  deviceScores: null,
  noticesShown: [],
  language: 'nb',
  startedAt: '2026-03-01T11:50:00.000Z',
  completedAt: '2026-03-01T11:59:00.000Z',
  appVersion: 'test',
  receivedAt,
  receipt: `receipt-${id}`,
});

test('ten ids racing for one questionnaire of an order: one is stored, the others are told it is answered', async () => {
  await newOrder('o1');
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => storeSubmissionOnce(store, submission(`s${i}`, 'o1'), 30, now)));
  expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1);
  expect(results.filter((r) => r.outcome === 'answered')).toHaveLength(9);
  expect(await store.countSubmissions()).toBe(1);
  // The same id again is that submission, not another answer.
  const stored = await store.getAnswerTo('o1', 'demo-wellbeing@1');
  expect(stored && (await storeSubmissionOnce(store, stored, 30, now))).toEqual({ outcome: 'sameId', existing: stored });
});

test('ten submissions from one device racing for the last three places of its minute: three are stored, and each other is told when one frees', async () => {
  for (let i = 0; i < 10; i++) await newOrder(`o${i}`);
  const limit = 3;
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => storeSubmissionOnce(store, submission(`s${i}`, `o${i}`), limit, now)),
  );
  expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(limit);
  expect(results.filter((r) => r.outcome === 'rateLimited')).toEqual(
    Array.from({ length: 7 }, () => ({ outcome: 'rateLimited', retryAfterSeconds: 60 })),
  );
  // A minute on, the places are free again; rows older than the minute do not count.
  const later = new Date(now.getTime() + 60_001);
  await newOrder('o10');
  expect(await storeSubmissionOnce(store, submission('s10', 'o10', later.toISOString()), limit, later)).toEqual({ outcome: 'stored' });
});
