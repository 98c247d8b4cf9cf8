// Registers made before Kysely kept their own bookkeeping: a schema_version table counting the
// migrations applied (three on SQLite, one on PostgreSQL, ending at the same tables). The first
// Kysely migration adopts such a database: it brings an older SQLite file up to version 3 with the
// steps it had missed, and drops schema_version; from then on kysely_migration says what has run.
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

/** The SQLite steps after the first (which every SQLite register with schema_version ran), as they shipped. */
const sqliteStepsAfterFirst: readonly string[] = [
  `ALTER TABLE orders ADD COLUMN unit TEXT;
   CREATE INDEX orders_unit ON orders (unit);
   CREATE TABLE enrolments (code_hash TEXT PRIMARY KEY, unit TEXT NOT NULL, created_at TEXT NOT NULL, valid_until TEXT NOT NULL);
   CREATE TABLE tablets (id TEXT PRIMARY KEY, unit TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL)`,
  `ALTER TABLE submissions ADD COLUMN device_thumbprint TEXT;
   ALTER TABLE submissions ADD COLUMN device_key TEXT;
   UPDATE submissions SET
     device_thumbprint = (SELECT device_thumbprint FROM orders WHERE orders.id = submissions.order_id),
     device_key = (SELECT device_key FROM orders WHERE orders.id = submissions.order_id);
   ALTER TABLE orders ADD COLUMN released_at TEXT;
   CREATE INDEX submissions_questionnaire ON submissions (questionnaire_key);
   CREATE INDEX claim_attempts_failed_at ON claim_attempts (is_success, at)`,
];

/** The version each database's bookkeeping reached with the schema the first Kysely migration makes. */
const lastLegacyVersion = { sqlite: 1 + sqliteStepsAfterFirst.length, postgres: 1 } as const;

/**
 * Whether the database already holds the register's tables under the old bookkeeping (now adopted).
 * Runs inside the first migration's transaction: the adoption is all or nothing.
 */
export async function adoptLegacySchema(db: Kysely<unknown>, dialect: StoreDialect): Promise<boolean> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'schema_version')) return false;
  const { rows } = await sql<{ version: number }>`select version from schema_version`.execute(db);
  const version = Number(rows[0]?.version ?? 0);
  const last = lastLegacyVersion[dialect.kind];
  if (version > last)
    throw new Error(
      `The register's database is at schema version ${version}, newer than this code knows (${last}): run the newer version.`,
    );
  // Version 0 was never committed with tables (the first migration ran in the same transaction).
  if (version > 0 && dialect.kind === 'sqlite')
    for (const step of sqliteStepsAfterFirst.slice(version - 1))
      // better-sqlite3 prepares one statement at a time.
      for (const statement of step.split(';')) await sql.raw(statement).execute(db);
  await db.schema.dropTable('schema_version').execute();
  return version > 0;
}
