// What truly differs between SQLite and PostgreSQL, in one place: how a database is opened, how a
// transaction takes its locks (SQLite's write lock at BEGIN, PostgreSQL's advisory locks), how a
// flag is written, and PostgreSQL's lost connections (tried again on a fresh one; StoreUnavailable
// when the database does not answer). Everything else is written once, over Kysely<Database>.
import { chmodSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresDriver,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Executor } from './compiled-once.js';
import type { Database } from './schema.js';
import { StoreUnavailable } from './store.js';

export interface StoreDialect {
  kind: 'sqlite' | 'postgres';
  /** Runs the work, again on a fresh connection when the connection was lost (the work must be safe to repeat). */
  retry<T>(work: () => Promise<T>): Promise<T>;
  /** Inside a transaction: claim admissions from every instance take turns. */
  lockClaimAttempts(trx: Transaction<Database>): Promise<void>;
  /** A boolean column's value: 0/1 in SQLite, a boolean in PostgreSQL. */
  flag(value: boolean): number | boolean;
  /** Inside a transaction: the submissions of one device take turns, across every instance (its per-minute limit is counted once). */
  lockDevice(trx: Executor, thumbprint: string): Promise<void>;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: StoreDialect;
}

/** Advisory lock keys (fixed numbers unique to this application; the same as before Kysely). */
const migrationLock = 7_317_001;
const claimLock = 7_317_002;
/** With a device's thumbprint hashed as the second key: one lock per device. */
const deviceLock = 7_317_003;

// ---- SQLite ----

/** Every transaction takes the write lock at its start, so a read-then-write decision cannot race another process. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Migrations in one immediate transaction, as before Kysely: two processes starting at once cannot both migrate. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class RegisterSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(database: SqliteDatabase) {
    super({ database });
    this.#database = database;
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
  override createAdapter() {
    return new TransactionalSqliteAdapter();
  }
}

/** Kysely prepares every query it runs; the register runs the same few, so each is prepared once. */
function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => db.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= 500) statements.clear();
        statement = db.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

export function openSqliteDatabase(file: string): OpenDatabase & { raw: BetterSqlite3.Database } {
  const raw = new BetterSqlite3(file);
  try {
    // Health data: the owner only. SQLite gives its -wal and -shm files the same mode.
    chmodSync(file, 0o600);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
  } catch (error) {
    raw.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new RegisterSqliteDialect(withStatementCache(raw)) });
  return {
    db,
    raw,
    dialect: {
      kind: 'sqlite',
      retry: (work) => work(),
      // The transaction holds SQLite's one write lock already.
      lockClaimAttempts: async () => undefined,
      flag: (value) => (value ? 1 : 0),
      lockDevice: async () => undefined,
    },
  };
}

// ---- PostgreSQL ----

/** Errors that mean the connection, not the statement, failed: worth one more try on a fresh one. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? error.code : undefined;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code))
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|connection (error|ended)|not queryable/i.test(error.message);
}

/** A ROLLBACK on a lost connection fails too; the error that matters is the one that made it roll back. */
class RegisterPostgresDriver extends PostgresDriver {
  override async rollbackTransaction(connection: Parameters<PostgresDriver['rollbackTransaction']>[0]): Promise<void> {
    await super.rollbackTransaction(connection).catch(() => undefined);
  }
}

/** Instances starting together migrate once, one after the other. */
class RegisterPostgresAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select pg_advisory_lock(${sql.lit(migrationLock)})`.execute(db);
  }
  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select pg_advisory_unlock(${sql.lit(migrationLock)})`.execute(db);
  }
}

class RegisterPostgresDialect extends PostgresDialect {
  readonly #pool: pg.Pool;
  constructor(pool: pg.Pool) {
    super({ pool });
    this.#pool = pool;
  }
  override createDriver() {
    return new RegisterPostgresDriver({ pool: this.#pool });
  }
  override createAdapter() {
    return new RegisterPostgresAdapter();
  }
}

export interface PgStoreOptions {
  /** Told about connections lost, idle or in use (the pool replaces them; work in use is tried again). */
  onConnectionError?: (error: Error) => void;
  /** Pool limits; the defaults suit one endpoint instance. */
  max?: number;
  connectionTimeoutMillis?: number;
}

export function openPostgresDatabase(connectionString: string, options: PgStoreOptions = {}): OpenDatabase {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    application_name: 'eprom-register',
  });
  // An idle connection that breaks (server restart, failover) must not crash the process: the pool
  // drops it and opens a new one for the next query; /api/health shows whether the database answers.
  pool.on('error', (error) => options.onConnectionError?.(error));
  // A connection that breaks while checked out emits 'error' too, and the pool listens only while it
  // is idle: without this listener that event would crash the process. The query in flight fails
  // with the same error, and retry runs the work again on a fresh connection (the pool does not
  // take back a connection that can no longer be queried).
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)));
  const db = new Kysely<Database>({ dialect: new RegisterPostgresDialect(pool) });
  return {
    db,
    dialect: {
      kind: 'postgres',
      async retry(work) {
        for (let attempt = 1; ; attempt++) {
          try {
            return await work();
          } catch (error) {
            if (!isConnectionError(error)) throw error;
            if (attempt >= 3) throw new StoreUnavailable(error);
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          }
        }
      },
      async lockClaimAttempts(trx) {
        await sql`select pg_advisory_xact_lock(${sql.lit(claimLock)})`.execute(trx);
      },
      flag: (value) => value,
      async lockDevice(trx, thumbprint) {
        await sql`select pg_advisory_xact_lock(${sql.lit(deviceLock)}, hashtext(${thumbprint}))`.execute(trx);
      },
    },
  };
}
