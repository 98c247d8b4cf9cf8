// The register's store: one implementation over Kysely<Database>, on SQLite (one file in WAL mode,
// the embedded default) or on PostgreSQL (a pool shared by several stateless endpoint instances).
// The database is brought to the newest schema when the store opens.
import { sql, type Kysely } from 'kysely';
import { openPostgresDatabase, openSqliteDatabase, type OpenDatabase, type PgStoreOptions, type StoreDialect } from './dialect.js';
import { alertOperationsOn } from './alert-store.js';
import { messageOperationsOn } from './message-operations.js';
import { migrateToLatest } from './migrations.js';
import { claimAttemptsOn, operationsOn } from './operations.js';
import type { Database } from './schema.js';
import { staffOperationsOn } from './staff-operations.js';
import type { RegisterStore } from './store.js';

export type { PgStoreOptions } from './dialect.js';

export function storeOn(db: Kysely<Database>, dialect: StoreDialect): RegisterStore {
  let isClosed = false;
  return {
    ...operationsOn(db, dialect, (work) => dialect.retry(work)),
    transaction: (work) => dialect.retry(() => db.transaction().execute((trx) => work(operationsOn(trx, dialect)))),
    staff: staffOperationsOn(db, dialect, (work) => dialect.retry(work)),
    staffTransaction: (lock, work) =>
      dialect.retry(() =>
        db.transaction().execute(async (trx) => {
          await dialect.lockNamed(trx, lock);
          return work(staffOperationsOn(trx, dialect));
        }),
      ),
    withClaimAttempts: (work) =>
      dialect.retry(() =>
        db.transaction().execute(async (trx) => {
          await dialect.lockClaimAttempts(trx);
          return work(claimAttemptsOn(trx, dialect));
        }),
      ),
    messages: messageOperationsOn(db, dialect),
    alerts: alertOperationsOn(db, dialect),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      await db.destroy();
    },
  };
}

async function opened({ db, dialect }: OpenDatabase): Promise<RegisterStore> {
  try {
    await dialect.retry(() => migrateToLatest(db, dialect));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return storeOn(db, dialect);
}

export const openSqliteStore = (file: string): Promise<RegisterStore> => opened(openSqliteDatabase(file));

export const openPgStore = (connectionString: string, options: PgStoreOptions = {}): Promise<RegisterStore> =>
  opened(openPostgresDatabase(connectionString, options));
