// Moving a SQLite register into PostgreSQL: every table, row for row, into an empty database in
// one transaction, then proof that both sides hold the same rows (a count and a sha256 per table,
// over one canonical form of the rows computed from each side). The SQLite file is opened
// read-only, so the register being moved is never changed.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { openPostgresDatabase } from './dialect.js';
import {
  columnList,
  compareDigests,
  digestPostgres,
  digestSqlite,
  registerTables,
  rowParser,
  type Comparison,
  type Digests,
  type Table,
  type Value,
  connect,
} from './migrate-digest.js';
import { migrateToLatest, registerMigrations } from './migrations.js';

export { verifyCopy } from './migrate-digest.js';
export type { Comparison } from './migrate-digest.js';

/** The Migrator's own bookkeeping, on each side. */
const notCopied = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Why the SQLite file cannot be moved as it is, or nothing. */
function checkSource(db: Database.Database): string | undefined {
  const tables = z
    .array(z.object({ name: z.string() }))
    .parse(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all());
  const applied = tables.some(({ name }) => name === 'kysely_migration')
    ? z
        .array(z.object({ name: z.string() }))
        .parse(db.prepare('SELECT name FROM kysely_migration ORDER BY name').all())
        .map(({ name }) => name)
    : [];
  const known = registerMigrations.map(({ name }) => name);
  if (applied.join() !== known.join())
    return `The SQLite register's schema is at ${applied.at(-1) ?? 'an older version'}, and this code copies ${known.at(-1) ?? ''}: start the register endpoint of this version on it once (without DATABASE_URL), stop it, and run this again.`;
  const unknown = tables
    .map(({ name }) => name)
    .filter((name) => !notCopied.has(name) && !registerTables.some((table) => table.name === name));
  if (unknown.length) return `The SQLite register has tables this command does not know (${unknown.join(', ')}); they would not be copied.`;
  for (const table of registerTables) {
    const columns = z
      .array(z.object({ name: z.string() }))
      .parse(db.prepare(`PRAGMA table_info(${table.name})`).all())
      .map(({ name }) => name);
    const expected = table.columns.map(({ name }) => name);
    if (columns.length !== expected.length || !expected.every((name) => columns.includes(name)))
      return `The SQLite table ${table.name} has the columns ${columns.join(', ')}, not the ${expected.join(', ')} this command copies.`;
  }
  return undefined;
}

/** The connection string without its password, for messages. */
export function shownDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(the configured database)';
  }
}

export type MigrationResult =
  | { outcome: 'refused'; reason: string }
  | { outcome: 'notVerified'; comparison: Comparison; isCommitted: boolean }
  | { outcome: 'verified'; comparison: Comparison; encryptionKids: string[] };

export interface MigrationOptions {
  sqliteFile: string;
  databaseUrl: string;
  /** Told after every this many rows of a table, and at its end. */
  progressEvery?: number;
  onProgress?: (table: string, copied: number, total: number) => void;
}

const insertBatch = 200;

async function copyTable(
  db: Database.Database,
  client: pg.ClientBase,
  table: Table,
  { progressEvery = 1000, onProgress }: MigrationOptions,
) {
  const parse = rowParser(table);
  const total = z.object({ n: z.number() }).parse(db.prepare(`SELECT COUNT(*) AS n FROM ${table.name}`).get()).n;
  const width = table.columns.length;
  // claim_attempts.id is an identity column in PostgreSQL: the ids are kept as they were.
  const overriding = table.columns.some((column) => column.kind === 'integer' && column.name === table.key)
    ? ' OVERRIDING SYSTEM VALUE'
    : '';
  let batch: Value[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const placeholders = batch.map((_row, r) => `(${table.columns.map((_column, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table.name} (${columnList(table)})${overriding} VALUES ${placeholders}`, batch.flat());
    batch = [];
  };
  for (const row of db.prepare(`SELECT ${columnList(table)} FROM ${table.name} ORDER BY ${table.key}`).iterate()) {
    batch.push(parse(row));
    copied++;
    if (batch.length >= insertBatch) await flush();
    if (copied % progressEvery === 0 && copied < total) {
      await flush();
      onProgress?.(table.name, copied, total);
    }
  }
  await flush();
  onProgress?.(table.name, copied, total);
  if (overriding)
    await client.query(
      `SELECT setval(pg_get_serial_sequence('${table.name}', '${table.key}'), COALESCE((SELECT max(${table.key}) FROM ${table.name}), 1), (SELECT count(*) > 0 FROM ${table.name}))`,
    );
}

/** Brings the target to this code's schema, as an endpoint starting on it would. */
async function migratePostgres(databaseUrl: string): Promise<void> {
  const { db, dialect } = openPostgresDatabase(databaseUrl, { max: 1 });
  try {
    await migrateToLatest(db, dialect);
  } finally {
    await db.destroy();
  }
}

/** In one transaction on each side: refuses a target that holds rows, copies, compares, commits, and compares what was committed. */
async function copyAndVerify(db: Database.Database, client: pg.Client, options: MigrationOptions): Promise<MigrationResult> {
  // One read snapshot of the SQLite file for the copy and its digest.
  db.exec('BEGIN');
  await client.query('BEGIN');
  let isCommitted = false;
  try {
    // Endpoint instances already running on this database wait instead of writing between the check and the copy.
    await client.query(`LOCK TABLE ${registerTables.map((table) => table.name).join(', ')} IN EXCLUSIVE MODE`);
    const held: string[] = [];
    for (const table of registerTables) {
      const { n } = z.object({ n: z.number() }).parse((await client.query(`SELECT COUNT(*)::int AS n FROM ${table.name}`)).rows[0]);
      if (n > 0) held.push(`${n} ${table.name}`);
    }
    if (held.length) {
      await client.query('ROLLBACK');
      return {
        outcome: 'refused',
        reason: `The PostgreSQL database at ${shownDatabaseUrl(options.databaseUrl)} already holds a register (${held.join(', ')}). This command copies into an empty one only, so that nothing there is overwritten or mixed with the SQLite register's rows. If those rows are only a demo order from starting an endpoint on it, drop and create the database again (or name a new one) and run this again.`,
      };
    }
    for (const table of registerTables) await copyTable(db, client, table, options);
    const source = digestSqlite(db);
    const before = compareDigests(source, await digestPostgres(client));
    if (!before.isEqual) {
      await client.query('ROLLBACK');
      return { outcome: 'notVerified', comparison: before, isCommitted };
    }
    await client.query('COMMIT');
    isCommitted = true;

    // Read back again on a connection of its own: what is committed, not what this transaction sees.
    const checker = await connect(options.databaseUrl);
    let target: Digests;
    try {
      await checker.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      target = await digestPostgres(checker);
      await checker.query('COMMIT');
    } finally {
      await checker.end();
    }
    const comparison = compareDigests(source, target);
    if (!comparison.isEqual) return { outcome: 'notVerified', comparison, isCommitted };
    const kids = z
      .array(z.object({ encryption_kid: z.string() }))
      .parse(db.prepare('SELECT DISTINCT encryption_kid FROM orders ORDER BY encryption_kid').all());
    return { outcome: 'verified', comparison, encryptionKids: kids.map((row) => row.encryption_kid) };
  } catch (error) {
    if (!isCommitted) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    db.exec('COMMIT');
  }
}

/** Copies the SQLite register into an empty PostgreSQL register; commits only what it has verified. */
export async function migrateSqliteToPostgres(options: MigrationOptions): Promise<MigrationResult> {
  if (!existsSync(options.sqliteFile))
    return {
      outcome: 'refused',
      reason: `There is no SQLite register at ${options.sqliteFile}: name the register's data folder with --data-dir (or DATA_DIR).`,
    };
  let db: Database.Database;
  try {
    db = new Database(options.sqliteFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    return {
      outcome: 'refused',
      reason: `Could not open the SQLite register ${options.sqliteFile}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let client: pg.Client | undefined;
  try {
    const problem = checkSource(db);
    if (problem) return { outcome: 'refused', reason: problem };
    try {
      client = await connect(options.databaseUrl);
    } catch (error) {
      return {
        outcome: 'refused',
        reason: `Could not connect to PostgreSQL at ${shownDatabaseUrl(options.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    await migratePostgres(options.databaseUrl);

    return await copyAndVerify(db, client, options);
  } finally {
    await client?.end().catch(() => undefined);
    db.close();
  }
}
