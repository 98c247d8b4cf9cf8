// Moving a SQLite register into PostgreSQL: every table, row for row, into an empty database in
// one transaction, then proof that both sides hold the same rows (a count and a sha256 per table,
// over one canonical form of the rows computed from each side). The SQLite file is opened
// read-only, so the register being moved is never changed.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { applyPgMigrations } from './pg-store.js';
import { migrations as sqliteMigrations } from './sqlite-store.js';

type ColumnKind = 'text' | 'integer' | 'boolean';
interface Column {
  name: string;
  kind: ColumnKind;
  isNullable?: boolean;
}
interface Table {
  name: string;
  /** The primary key: one column, the order rows are copied and hashed in. */
  key: string;
  columns: Column[];
}

const text = (name: string): Column => ({ name, kind: 'text' });
const nullableText = (name: string): Column => ({ name, kind: 'text', isNullable: true });

/** Every table of the register, in an order that keeps foreign keys satisfied (orders before submissions). */
export const registerTables: readonly Table[] = [
  { name: 'definitions', key: 'key', columns: ['key', 'hash', 'json', 'stored_at'].map(text) },
  {
    name: 'orders',
    key: 'id',
    columns: [
      ...[
        'id',
        'patient_ref',
        'measurement_point',
        'questionnaires',
        'valid_from',
        'valid_until',
        'created_at',
        'code_hash',
        'encryption_kid',
      ].map(text),
      ...['unit', 'device_key', 'device_thumbprint', 'claimed_at', 'released_at'].map(nullableText),
    ],
  },
  // Kept so the limits on guessing access codes hold across the move.
  {
    name: 'claim_attempts',
    key: 'id',
    columns: [{ name: 'id', kind: 'integer' }, text('address'), text('at'), { name: 'is_success', kind: 'boolean' }],
  },
  {
    name: 'submissions',
    key: 'submission_id',
    columns: [
      ...['submission_id', 'order_id', 'questionnaire_key', 'definition_hash', 'token', 'token_hash', 'payload_hash'].map(text),
      ...['device_thumbprint', 'device_key'].map(nullableText),
      text('answers'),
      ...['scores', 'device_scores'].map(nullableText),
      ...['notices_shown', 'language', 'started_at', 'completed_at', 'app_version', 'received_at', 'receipt'].map(text),
    ],
  },
  { name: 'enrolments', key: 'code_hash', columns: ['code_hash', 'unit', 'created_at', 'valid_until'].map(text) },
  { name: 'tablets', key: 'id', columns: ['id', 'unit', 'token_hash', 'enrolled_at'].map(text) },
];

/** The SQLite schema's own bookkeeping: PostgreSQL keeps its own schema_version. */
const notCopied = new Set(['schema_version']);

type Value = string | boolean | null;

/** One form for a value read from either side: SQLite's 0/1 and PostgreSQL's booleans, numbers and bigint strings. */
const canonical: Record<ColumnKind, z.ZodType<Value>> = {
  text: z.string(),
  integer: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform(String),
  boolean: z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((value) => value === true || value === 1),
};

function rowParser(table: Table): (row: unknown) => Value[] {
  const shape = z.object(
    Object.fromEntries(
      table.columns.map((column) => [column.name, column.isNullable ? canonical[column.kind].nullable() : canonical[column.kind]]),
    ),
  );
  return (row) => {
    const parsed = shape.safeParse(row);
    if (!parsed.success)
      throw new Error(
        `A row of ${table.name} has an unexpected shape: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    return table.columns.map((column) => parsed.data[column.name] ?? null);
  };
}

const columnList = (table: Table) => table.columns.map((column) => column.name).join(', ');
/** Byte order on both sides: SQLite compares text as bytes, PostgreSQL does with the "C" collation. */
const pgOrder = (table: Table) =>
  `${table.key}${table.columns.find((column) => column.name === table.key)?.kind === 'text' ? ' COLLATE "C"' : ''}`;

export interface TableDigest {
  rows: number;
  sha256: string;
}
export type Digests = Map<string, TableDigest>;

function digester() {
  const hash = createHash('sha256');
  let rows = 0;
  return {
    add(values: Value[]) {
      hash.update(`${JSON.stringify(values)}\n`);
      rows++;
    },
    done: (): TableDigest => ({ rows, sha256: hash.digest('hex') }),
  };
}

export function digestSqlite(db: Database.Database): Digests {
  const digests: Digests = new Map();
  for (const table of registerTables) {
    const parse = rowParser(table);
    const digest = digester();
    for (const row of db.prepare(`SELECT ${columnList(table)} FROM ${table.name} ORDER BY ${table.key}`).iterate()) digest.add(parse(row));
    digests.set(table.name, digest.done());
  }
  return digests;
}

/** Inside a transaction (cursors need one). */
export async function digestPostgres(client: pg.ClientBase): Promise<Digests> {
  const digests: Digests = new Map();
  for (const table of registerTables) {
    const parse = rowParser(table);
    const digest = digester();
    await client.query(
      `DECLARE digest_rows NO SCROLL CURSOR FOR SELECT ${columnList(table)} FROM ${table.name} ORDER BY ${pgOrder(table)}`,
    );
    for (;;) {
      const { rows } = await client.query('FETCH 500 FROM digest_rows');
      if (rows.length === 0) break;
      for (const row of rows as unknown[]) digest.add(parse(row));
    }
    await client.query('CLOSE digest_rows');
    digests.set(table.name, digest.done());
  }
  return digests;
}

export interface Comparison {
  isEqual: boolean;
  tables: { name: string; source: TableDigest; target: TableDigest; isEqual: boolean }[];
}

export function compareDigests(source: Digests, target: Digests): Comparison {
  const tables = registerTables.map(({ name }) => {
    const s = source.get(name) ?? { rows: 0, sha256: '' };
    const t = target.get(name) ?? { rows: 0, sha256: '' };
    return { name, source: s, target: t, isEqual: s.rows === t.rows && s.sha256 === t.sha256 };
  });
  return { isEqual: tables.every((table) => table.isEqual), tables };
}

/** Why the SQLite file cannot be moved as it is, or nothing. */
function checkSource(db: Database.Database): string | undefined {
  const version = z.object({ version: z.number() }).optional().parse(db.prepare('SELECT version FROM schema_version').get());
  if (version?.version !== sqliteMigrations.length)
    return `The SQLite register is at schema version ${version?.version ?? 'none'}, and this code copies version ${sqliteMigrations.length}: start the register endpoint of this version on it once (without DATABASE_URL), stop it, and run this again.`;
  const tables = z
    .array(z.object({ name: z.string() }))
    .parse(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all());
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

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000, application_name: 'eprom-migrate' });
  // A connection lost mid-copy fails the statement in flight; this keeps the event from crashing the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
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
    await applyPgMigrations(client);

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
  } finally {
    await client?.end().catch(() => undefined);
    db.close();
  }
}

/** Compares a SQLite register with the PostgreSQL one it was copied to, as the migration does after copying. */
export async function verifyCopy(sqliteFile: string, databaseUrl: string): Promise<Comparison> {
  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const client = await connect(databaseUrl);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const target = await digestPostgres(client);
      await client.query('COMMIT');
      return compareDigests(digestSqlite(db), target);
    } finally {
      await client.end();
    }
  } finally {
    db.close();
  }
}
