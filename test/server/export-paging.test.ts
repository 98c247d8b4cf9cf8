// The exports read the store in pages after a keyset cursor, never with OFFSET and never the whole
// result: 20 000 submissions in SQLite (2 000 in PostgreSQL, where each insert is a round trip) come
// out in 41 (5) pages of 500, each page's cursor after the last, every submission once, in order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { csvExport, exportPages, jsonExport, type ExportSource } from '../../src/server/export-stream.js';
import { exportPageQuery, type ExportCursor, type ExportFilter } from '../../src/server/store/export-operations.js';
import { openPgStore, openSqliteStore } from '../../src/server/store/kysely-store.js';
import type { Database } from '../../src/server/store/schema.js';
import type { OrderRecord, RegisterStore, SubmissionRecord } from '../../src/server/store/store.js';
import { freshDatabase } from './postgres.js';
import { testStore } from './setup.js';

const count = testStore === 'postgres' ? 2_000 : 20_000;
const pageSize = 500;

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
    const dir = await mkdtemp(path.join(tmpdir(), 'eprom-export-'));
    store = await openSqliteStore(path.join(dir, 'register.sqlite'));
    done = async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    };
  }
});
afterEach(async () => done());

const order = (i: number): OrderRecord => ({
  id: `order-${i}`,
  patientRef: `pseudo-${i % 97}`,
  measurementPoint: 'basis',
  questionnaires: [{ key: 'demo-wellbeing@1', hash: 'sha256-aa' }],
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2099-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  codeHash: `code-${i}`,
  encryptionKid: 'kid-1',
  unit: i % 2 === 0 ? 'A' : 'B',
  deviceKey: null,
  deviceThumbprint: null,
  claimedAt: null,
  releasedAt: null,
  cancelledAt: null,
});

// Many share a received time (every ten), so the cursor must order by the id too.
const receivedAt = (i: number) => new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 10) * 1000).toISOString();
const submission = (i: number): SubmissionRecord => ({
  submissionId: `s-${String(i).padStart(6, '0')}`,
  orderId: `order-${i}`,
  definitionKey: 'demo-wellbeing@1',
  definitionHash: 'sha256-aa',
  token: `token-${i}`,
  tokenHash: `sha256-token-${i}`,
  payloadHash: `sha256-payload-${i}`,
  deviceThumbprint: 'thumb',
  deviceKey: null,
  answers: { worry: { value: i % 5 } },
  scores: {},
  deviceScores: null,
  noticesShown: [],
  language: 'nb',
  startedAt: receivedAt(i),
  completedAt: receivedAt(i),
  appVersion: 'test',
  receivedAt: receivedAt(i),
  receipt: `receipt-${i}`,
});

async function fill() {
  // Inserted in an order unlike the export's, so that the order comes from the query.
  const indexes = Array.from({ length: count }, (_, i) => (i * 7919) % count);
  for (let start = 0; start < count; start += 1000)
    await store.transaction(async (tx) => {
      for (const i of indexes.slice(start, start + 1000)) {
        await tx.insertOrder(order(i));
        await tx.insertSubmission(submission(i));
      }
    });
}

/** The store, with each page it is asked for written down. */
function counting(): { source: ExportSource; pages: { after: ExportCursor | undefined; limit: number; rows: number }[] } {
  const pages: { after: ExportCursor | undefined; limit: number; rows: number }[] = [];
  const source: ExportSource = {
    pageSize,
    definitionFor: async () => undefined,
    store: {
      exportQuestionnaireKeys: (filter) => store.exportQuestionnaireKeys(filter),
      exportPage: async (filter, after, limit) => {
        const rows = await store.exportPage(filter, after, limit);
        pages.push({ after, limit, rows: rows.length });
        return rows;
      },
    },
  };
  return { source, pages };
}

test('an export of many submissions is read page by page after a cursor, each once, in the order received', async () => {
  await fill();
  const { source, pages } = counting();
  const seen: string[] = [];
  let largest = 0;
  for await (const page of exportPages(source, {})) {
    largest = Math.max(largest, page.length);
    seen.push(...page.map((row) => row.submissionId));
  }
  expect(seen).toHaveLength(count);
  expect(new Set(seen).size).toBe(count);
  expect(seen).toEqual(
    [...seen].sort((a, b) => receivedAt(Number(a.slice(2))).localeCompare(receivedAt(Number(b.slice(2)))) || a.localeCompare(b)),
  );
  expect(largest).toBe(pageSize);
  // count / pageSize full pages, then one empty page that ends it
  expect(pages).toHaveLength(count / pageSize + 1);
  expect(pages.every((page) => page.limit === pageSize)).toBe(true);
  expect(pages.at(-1)?.rows).toBe(0);
  expect(pages[0]?.after).toBeUndefined();
  for (let i = 1; i < pages.length; i++) {
    const after = pages[i]?.after;
    expect(after?.submissionId).toBe(seen[i * pageSize - 1]);
  }
}, 120_000);

test('CSV and JSON of the same export hold every row; a filter (one unit) pages the same way', async () => {
  await fill();
  const { source, pages } = counting();
  let csv = '';
  for await (const chunk of csvExport(source, { unit: 'A' })) csv += chunk;
  expect(csv.trimEnd().split('\r\n')).toHaveLength(count / 2 + 1);
  expect(pages).toHaveLength(count / 2 / pageSize + 1);
  let json = '';
  for await (const chunk of jsonExport(source, { units: ['B'] } satisfies ExportFilter)) json += chunk;
  const parsed = JSON.parse(json) as { submissions: { orderId: string }[] };
  expect(parsed.submissions).toHaveLength(count / 2);
}, 120_000);

test('the page query uses a row-value cursor and LIMIT, never OFFSET, on both databases', () => {
  const compilers = [
    [new SqliteAdapter(), new SqliteQueryCompiler(), SqliteIntrospector],
    [new PostgresAdapter(), new PostgresQueryCompiler(), PostgresIntrospector],
  ] as const;
  for (const [adapter, compiler, Introspector] of compilers) {
    const db = new Kysely<Database>({
      dialect: {
        createAdapter: () => adapter,
        createDriver: () => new DummyDriver(),
        createIntrospector: (kysely) => new Introspector(kysely),
        createQueryCompiler: () => compiler,
      },
    });
    const { sql } = exportPageQuery(db, { units: ['A'] }, { receivedAt: '2026-01-01T00:00:00.000Z', submissionId: 's-1' }, 500).compile();
    expect(sql.toLowerCase()).not.toContain('offset');
    expect(sql).toMatch(/\("submissions"\."received_at", "submissions"\."submission_id"\) > \((\?|\$\d+), (\?|\$\d+)\)/);
    expect(sql).toMatch(/order by "submissions"\."received_at", "submissions"\."submission_id" limit (\?|\$\d+)$/);
  }
});
