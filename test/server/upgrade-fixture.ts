// A copy of the register-v3 fixture (a register made before the Kysely store) in a new data folder,
// and digests of its rows as they were before this code upgrades it.
import { chmod, copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { digestPostgres, digestSqlite, registerTables, type Digests, type Table } from '../../src/server/store/migrate-digest.js';
import { freshDatabase } from './postgres.js';
import { testStore } from './setup.js';

export const fixtures = path.resolve(import.meta.dirname, '../fixtures/register-v3', testStore);

/** The columns migrations after 0001 added: the fixtures were made before them. */
const addedSince: Record<string, readonly string[]> = {
  submissions: ['duplicate_of', 'time_flags'],
  enrolments: ['uses_left'],
  tablets: ['name', 'last_seen_at', 'revoked_at'],
};

/** The tables a register had before Kysely: what the fixtures hold (later migrations add others). */
const legacyTableNames = ['definitions', 'orders', 'claim_attempts', 'submissions', 'enrolments', 'tablets'];

/** The tables as migration 0001 made them: the tables and columns later migrations added are left out. */
export const v3Tables: readonly Table[] = registerTables
  .filter((table) => legacyTableNames.includes(table.name))
  .map((table) => ({
    ...table,
    columns: table.columns.filter((column) => !addedSince[table.name]?.includes(column.name)),
  }));

export async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Rows and sha256 per table, read by a connection of its own. */
export async function digest(
  register: { dataDir: string; databaseUrl: string | undefined },
  tables: readonly Table[] = v3Tables,
): Promise<Digests> {
  if (register.databaseUrl === undefined) {
    const db = new Database(path.join(register.dataDir, 'register.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return digestSqlite(db, tables);
    } finally {
      db.close();
    }
  }
  return withPg(register.databaseUrl, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const digests = await digestPostgres(client, tables);
    await client.query('COMMIT');
    return digests;
  });
}

/** A copy of the fixture (its database and its keys) in a new data folder, and the rows it holds before this code opens it. */
export async function copyOfFixture(): Promise<{
  dataDir: string;
  database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  before: Digests;
}> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-upgrade-'));
  await copyFile(path.join(fixtures, 'keys.json'), path.join(dataDir, 'keys.json'));
  await chmod(path.join(dataDir, 'keys.json'), 0o600);
  if (testStore === 'sqlite') {
    await copyFile(path.join(fixtures, 'register.sqlite'), path.join(dataDir, 'register.sqlite'));
    return { dataDir, database: undefined, before: await digest({ dataDir, databaseUrl: undefined }) };
  }
  const database = await freshDatabase();
  // pg_dump's psql commands (\restrict) are not SQL; everything else is.
  const dump = (await readFile(path.join(fixtures, 'register.sql'), 'utf8'))
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  await withPg(database.url, (client) => client.query(dump));
  return { dataDir, database, before: await digest({ dataDir, databaseUrl: database.url }) };
}
