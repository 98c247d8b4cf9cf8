// Migration 0002 on a register that already holds two submissions to one questionnaire of an order
// (made before one per questionnaire was kept): the upgrade does not fail, keeps both rows as they
// were, lets the earliest answer the questionnaire, and refuses a third.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestRegister, testStore, type TestRegister } from './setup.js';
import { copyOfFixture, digest, v3Tables, withPg } from './upgrade-fixture.js';

const columns = v3Tables.find((table) => table.name === 'submissions')?.columns.map((column) => column.name) ?? [];
const duplicateId = '00000000-0000-4000-8000-00000000d001';

type Row = Record<string, unknown>;

/** The fixture's first submission again under another id, received a minute later, written as the old register would have. */
function duplicateOf(row: Row): Row {
  return { ...row, submission_id: duplicateId, received_at: new Date(Date.parse(String(row.received_at)) + 60_000).toISOString() };
}

async function addDuplicate(dataDir: string, databaseUrl: string | undefined): Promise<Row> {
  const list = columns.join(', ');
  if (databaseUrl === undefined) {
    const db = new Database(path.join(dataDir, 'register.sqlite'));
    try {
      const first = db.prepare(`SELECT ${list} FROM submissions ORDER BY received_at LIMIT 1`).get() as Row;
      db.prepare(`INSERT INTO submissions (${list}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(duplicateOf(first));
      return first;
    } finally {
      db.close();
    }
  }
  return withPg(databaseUrl, async (client) => {
    const first = (await client.query<Row>(`SELECT ${list} FROM submissions ORDER BY received_at LIMIT 1`)).rows[0] ?? {};
    const duplicate = duplicateOf(first);
    await client.query(
      `INSERT INTO submissions (${list}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => duplicate[c]),
    );
    return first;
  });
}

async function readSqlite(dataDir: string, query: string): Promise<Row[]> {
  const db = new Database(path.join(dataDir, 'register.sqlite'), { readonly: true });
  try {
    return db.prepare(query).all() as Row[];
  } finally {
    db.close();
  }
}

async function duplicateOfColumn(register: TestRegister): Promise<Record<string, string | null>> {
  const query = 'SELECT submission_id, duplicate_of FROM submissions';
  const rows = await (register.databaseUrl === undefined
    ? readSqlite(register.dataDir, query)
    : withPg(register.databaseUrl, async (client) => (await client.query<Row>(query)).rows));
  return Object.fromEntries(rows.map((row) => [String(row.submission_id), row.duplicate_of === null ? null : String(row.duplicate_of)]));
}

let register: TestRegister;
let first: Row;
let before: Awaited<ReturnType<typeof digest>>;

beforeAll(async () => {
  const copy = await copyOfFixture();
  first = await addDuplicate(copy.dataDir, copy.database?.url);
  before = await digest({ dataDir: copy.dataDir, databaseUrl: copy.database?.url });
  register = await startTestRegister(
    copy.database
      ? {
          store: 'postgres',
          dataDir: copy.dataDir,
          database: copy.database,
          env: { REGISTER_KEYS_FILE: path.join(copy.dataDir, 'keys.json') },
        }
      : { store: 'sqlite', dataDir: copy.dataDir },
  );
});
afterAll(async () => register?.close());

test(`a ${testStore} register with two submissions to one questionnaire of an order is upgraded, and keeps both`, async () => {
  expect(await digest(register)).toEqual(before);
  const firstId = String(first.submission_id);
  const marks = await duplicateOfColumn(register);
  expect(marks[firstId]).toBeNull();
  expect(marks[duplicateId]).toBe(firstId);
  expect(Object.values(marks).filter((mark) => mark !== null)).toHaveLength(1);

  const orderId = String(first.order_id);
  const listed = (await register.staff('GET', `/api/submissions?orderId=${orderId}`)).json.submissions as { submissionId: string }[];
  expect(listed.map((s) => s.submissionId)).toEqual(expect.arrayContaining([firstId, duplicateId]));
  expect((await register.store.getAnswerTo(orderId, String(first.questionnaire_key)))?.submissionId).toBe(firstId);

  // A third, under a new id, is not stored: the earliest answers the questionnaire.
  const third = await register.store.getSubmission(firstId);
  if (!third) throw new Error('the first submission is missing');
  expect(await register.store.insertSubmission({ ...third, submissionId: '00000000-0000-4000-8000-00000000d002' })).toBe(false);
});
