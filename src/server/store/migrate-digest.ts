// The proof that a copy holds the same rows as its source: a count and a sha256 per table, over one
// canonical form of the rows computed from each side (SQLite's 0/1 and PostgreSQL's booleans,
// numbers and bigint strings read alike). The tables, their keys and columns come from schema.ts.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { registerSchema, type ColumnKind } from './schema.js';

export interface Table {
  name: string;
  /** The primary key: one column, the order rows are copied and hashed in. */
  key: string;
  columns: { name: string; kind: ColumnKind }[];
}

/** Every table of the register, from its one schema, in an order that keeps foreign keys satisfied. */
export const registerTables: readonly Table[] = Object.entries(registerSchema).map(([name, table]) => ({
  name,
  key: table.key,
  columns: Object.entries(table.columns).map(([column, kind]) => ({ name: column, kind })),
}));

export type Value = string | boolean | null;

/** One form for a value read from either side: SQLite's 0/1 and PostgreSQL's booleans, numbers and bigint strings. */
const canonical: Record<ColumnKind, z.ZodType<Value>> = {
  text: z.string(),
  nullableText: z.string().nullable(),
  integer: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform(String),
  boolean: z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((value) => value === true || value === 1),
};

export function rowParser(table: Table): (row: unknown) => Value[] {
  const shape = z.object(Object.fromEntries(table.columns.map((column) => [column.name, canonical[column.kind]])));
  return (row) => {
    const parsed = shape.safeParse(row);
    if (!parsed.success)
      throw new Error(
        `A row of ${table.name} has an unexpected shape: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    return table.columns.map((column) => parsed.data[column.name] ?? null);
  };
}

export const columnList = (table: Table) => table.columns.map((column) => column.name).join(', ');
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

/** `tables`: every table of the register, or these (a database made before some of them). */
export function digestSqlite(db: Database.Database, tables: readonly Table[] = registerTables): Digests {
  const digests: Digests = new Map();
  for (const table of tables) {
    const parse = rowParser(table);
    const digest = digester();
    for (const row of db.prepare(`SELECT ${columnList(table)} FROM ${table.name} ORDER BY ${table.key}`).iterate()) digest.add(parse(row));
    digests.set(table.name, digest.done());
  }
  return digests;
}

/** Inside a transaction (cursors need one). */
export async function digestPostgres(client: pg.ClientBase, tables: readonly Table[] = registerTables): Promise<Digests> {
  const digests: Digests = new Map();
  for (const table of tables) {
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

/** A connection of its own, for one migration or check. */
export async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000, application_name: 'eprom-migrate' });
  // A connection lost mid-copy fails the statement in flight; this keeps the event from crashing the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
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
