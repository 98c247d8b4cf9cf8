// The register's store beyond one machine: PostgreSQL through a connection pool, shared by several
// stateless endpoint instances. Same semantics as the SQLite store; everything that must hold across
// instances (one submission per id, one device per order, claim limits) is decided by the database.
// Migrations are an append-only list applied at start in one transaction under an advisory lock, so
// instances starting together migrate once.
import pg from 'pg';
import { z } from 'zod';
import {
  StoreUnavailable,
  type AdmitResult,
  type BindResult,
  type CreateOrderResult,
  type OrderRecord,
  type RegisterStore,
  type SubmissionRecord,
} from './store.js';
import { toOrder, toSubmission } from './sqlite-store.js';

/** Never edit a migration that has shipped; append a new one. Times are ISO text, as in SQLite. */
export const pgMigrations: readonly string[] = [
  `CREATE TABLE definitions (
     key TEXT PRIMARY KEY,
     hash TEXT NOT NULL,
     json TEXT NOT NULL,
     stored_at TEXT NOT NULL
   );
   CREATE TABLE orders (
     id TEXT PRIMARY KEY,
     patient_ref TEXT NOT NULL,
     measurement_point TEXT NOT NULL,
     questionnaires TEXT NOT NULL,
     valid_from TEXT NOT NULL,
     valid_until TEXT NOT NULL,
     created_at TEXT NOT NULL,
     code_hash TEXT NOT NULL UNIQUE,
     encryption_kid TEXT NOT NULL,
     unit TEXT,
     device_key TEXT,
     device_thumbprint TEXT,
     claimed_at TEXT,
     released_at TEXT
   );
   CREATE INDEX orders_patient_ref ON orders (patient_ref);
   CREATE INDEX orders_unit ON orders (unit);
   CREATE TABLE claim_attempts (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     address TEXT NOT NULL,
     at TEXT NOT NULL,
     is_success BOOLEAN NOT NULL
   );
   CREATE INDEX claim_attempts_at ON claim_attempts (at);
   CREATE INDEX claim_attempts_address_at ON claim_attempts (address, at);
   CREATE INDEX claim_attempts_failed_at ON claim_attempts (is_success, at);
   CREATE TABLE submissions (
     submission_id TEXT PRIMARY KEY,
     order_id TEXT NOT NULL REFERENCES orders (id),
     questionnaire_key TEXT NOT NULL,
     definition_hash TEXT NOT NULL,
     token TEXT NOT NULL,
     token_hash TEXT NOT NULL,
     payload_hash TEXT NOT NULL,
     device_thumbprint TEXT,
     device_key TEXT,
     answers TEXT NOT NULL,
     scores TEXT,
     device_scores TEXT,
     notices_shown TEXT NOT NULL,
     language TEXT NOT NULL,
     started_at TEXT NOT NULL,
     completed_at TEXT NOT NULL,
     app_version TEXT NOT NULL,
     received_at TEXT NOT NULL,
     receipt TEXT NOT NULL
   );
   CREATE INDEX submissions_order ON submissions (order_id);
   CREATE INDEX submissions_questionnaire ON submissions (questionnaire_key);
   CREATE TABLE enrolments (
     code_hash TEXT PRIMARY KEY,
     unit TEXT NOT NULL,
     created_at TEXT NOT NULL,
     valid_until TEXT NOT NULL
   );
   CREATE TABLE tablets (
     id TEXT PRIMARY KEY,
     unit TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     enrolled_at TEXT NOT NULL
   );`,
];

/** Advisory lock keys (any fixed numbers unique to this application). */
const migrationLock = 7_317_001;
const claimLock = 7_317_002;

/** Claim attempts older than this are removed; the rate limits look back only minutes. */
const claimAttemptRetentionDays = 30;

export interface PgStoreOptions {
  /** Told about connections lost, idle or in use (the pool replaces them; work in use is tried again). */
  onConnectionError?: (error: Error) => void;
  /** Pool limits; the defaults suit one endpoint instance. */
  max?: number;
  connectionTimeoutMillis?: number;
}

const count = z.object({ n: z.number() });
const jsonOrNull = (value: unknown) => (value === null ? null : JSON.stringify(value));

/** Errors that mean the connection, not the statement, failed: worth one more try on a fresh one. */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03' ||
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === 'EPIPE')
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|connection (error|ended)/i.test(error.message);
}

class ChangedDefinition extends Error {
  constructor(
    readonly key: string,
    readonly storedHash: string,
  ) {
    super(`${key} is stored with another hash`);
  }
}

class IdTaken extends Error {}

/** Brings the database to the newest schema; the migration to PostgreSQL uses it too. */
export async function applyPgMigrations(client: pg.ClientBase): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const current = z
      .object({ version: z.number() })
      .optional()
      .parse((await client.query('SELECT version FROM schema_version')).rows[0]);
    if (!current) await client.query('INSERT INTO schema_version (version) VALUES (0)');
    const from = current?.version ?? 0;
    if (from > pgMigrations.length)
      throw new Error(
        `The register's database is at schema version ${from}, newer than this code knows (${pgMigrations.length}): run the newer version.`,
      );
    for (let version = from; version < pgMigrations.length; version++) await client.query(pgMigrations[version] ?? '');
    await client.query('UPDATE schema_version SET version = $1', [pgMigrations.length]);
    await client.query('COMMIT');
    return pgMigrations.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function openPgStore(connectionString: string, options: PgStoreOptions = {}): Promise<RegisterStore> {
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
  // with the same error, and withClient tries it again on a fresh connection.
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)));

  /**
   * Runs one piece of work on its own connection, again on a fresh one if the connection failed
   * (the work must be safe to repeat: a COMMIT whose answer was lost may have committed). When the
   * database does not answer at all, StoreUnavailable.
   */
  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        const result = await work(client);
        client.release();
        return result;
      } catch (error) {
        const isLost = isConnectionError(error);
        // A broken connection is destroyed, not put back in the pool.
        client?.release(isLost ? (error as Error) : undefined);
        if (!isLost) throw error;
        if (attempt >= 3) throw new StoreUnavailable(error);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
  const query = (text: string, values: unknown[] = []) => withClient((client) => client.query(text, values));
  /** One transaction; rolled back on any error. */
  const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) =>
    withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });

  try {
    await withClient(applyPgMigrations);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const snapshotRow = z.object({ key: z.string(), hash: z.string(), json: z.string() });
  const atRow = z.object({ at: z.string() }).optional();
  let isClosed = false;

  return {
    async getDefinition(key) {
      const row = snapshotRow.optional().parse((await query('SELECT key, hash, json FROM definitions WHERE key = $1', [key])).rows[0]);
      return row && { key: row.key, hash: row.hash, json: JSON.parse(row.json) as unknown };
    },
    async createOrder(order: OrderRecord, snapshots): Promise<CreateOrderResult> {
      try {
        await transaction(async (client) => {
          const storedAt = new Date().toISOString();
          for (const snapshot of snapshots) {
            // Inserted if absent; a concurrent insert of the same key is waited for, then compared.
            await client.query(
              'INSERT INTO definitions (key, hash, json, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING',
              [snapshot.key, snapshot.hash, JSON.stringify(snapshot.json), storedAt],
            );
            const stored = snapshotRow.parse(
              (await client.query('SELECT key, hash, json FROM definitions WHERE key = $1', [snapshot.key])).rows[0],
            );
            if (stored.hash !== snapshot.hash) throw new ChangedDefinition(snapshot.key, stored.hash);
          }
          const inserted = await client.query(
            `INSERT INTO orders (id, patient_ref, measurement_point, questionnaires, valid_from, valid_until, created_at, code_hash, encryption_kid, unit)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (id) DO NOTHING`,
            [
              order.id,
              order.patientRef,
              order.measurementPoint,
              JSON.stringify(order.questionnaires),
              order.validFrom,
              order.validUntil,
              order.createdAt,
              order.codeHash,
              order.encryptionKid,
              order.unit,
            ],
          );
          if (inserted.rowCount === 1) return;
          // Stored already: by this very call, when a COMMIT's answer was lost and withClient tried again.
          const stored: unknown = (await client.query('SELECT * FROM orders WHERE id = $1', [order.id])).rows[0];
          if (toOrder(stored).codeHash !== order.codeHash) throw new IdTaken();
        });
        return { isCreated: true };
      } catch (error) {
        if (error instanceof ChangedDefinition)
          return { isCreated: false, reason: 'changedDefinition', changedDefinition: { key: error.key, storedHash: error.storedHash } };
        if (error instanceof IdTaken) return { isCreated: false, reason: 'idTaken' };
        throw error;
      }
    },
    async getOrder(id) {
      const row: unknown = (await query('SELECT * FROM orders WHERE id = $1', [id])).rows[0];
      return row === undefined ? undefined : toOrder(row);
    },
    async findOrderByCodeHash(codeHash) {
      const row: unknown = (await query('SELECT * FROM orders WHERE code_hash = $1', [codeHash])).rows[0];
      return row === undefined ? undefined : toOrder(row);
    },
    async listOrders({ patientRef, unit }) {
      const filters = [
        ['patient_ref', patientRef],
        ['unit', unit],
      ].filter((filter): filter is [string, string] => filter[1] !== undefined);
      const where = filters.map(([column], index) => `${column} = $${index + 1}`);
      const { rows } = await query(
        `SELECT orders.*,
           (SELECT COUNT(*)::int FROM submissions WHERE submissions.order_id = orders.id) AS submission_count,
           (SELECT COUNT(DISTINCT questionnaire_key)::int FROM submissions WHERE submissions.order_id = orders.id) AS answered_count
         FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC`,
        filters.map(([, value]) => value),
      );
      const progress = z.object({ submission_count: z.number(), answered_count: z.number() });
      return rows.map((row: unknown) => {
        const { submission_count, answered_count } = progress.parse(row);
        return { ...toOrder(row), submissionCount: submission_count, answeredCount: answered_count };
      });
    },
    async bindDevice(orderId, key, thumbprint, at): Promise<BindResult> {
      return transaction(async (client) => {
        // A concurrent bind of the same order waits for this row, then sees it taken: one device wins.
        const bound = await client.query(
          'UPDATE orders SET device_key = $1, device_thumbprint = $2, claimed_at = $3 WHERE id = $4 AND device_thumbprint IS NULL',
          [JSON.stringify(key), thumbprint, at, orderId],
        );
        if (bound.rowCount === 1) return 'bound';
        const row: unknown = (await client.query('SELECT * FROM orders WHERE id = $1', [orderId])).rows[0];
        if (row === undefined) return 'missing';
        return toOrder(row).deviceThumbprint === thumbprint ? 'alreadyThisDevice' : 'otherDevice';
      });
    },
    async releaseOrder(orderId, at) {
      const released = await query(
        'UPDATE orders SET device_key = NULL, device_thumbprint = NULL, claimed_at = NULL, released_at = $1 WHERE id = $2',
        [at, orderId],
      );
      return released.rowCount === 1;
    },
    async admitClaimAttempt(address, at, { since, perAddress, overall }): Promise<AdmitResult> {
      return transaction(async (client) => {
        // Admissions from every instance take turns, so parallel guesses cannot slip past the limit.
        await client.query('SELECT pg_advisory_xact_lock($1)', [claimLock]);
        await client.query('DELETE FROM claim_attempts WHERE at < $1', [
          new Date(Date.parse(at) - claimAttemptRetentionDays * 86_400_000).toISOString(),
        ]);
        const fromAddress = count.parse(
          (
            await client.query('SELECT COUNT(*)::int AS n FROM claim_attempts WHERE NOT is_success AND at >= $1 AND address = $2', [
              since,
              address,
            ])
          ).rows[0],
        ).n;
        if (fromAddress >= perAddress) {
          const oldest = atRow.parse(
            (
              await client.query(
                'SELECT at FROM claim_attempts WHERE NOT is_success AND at >= $1 AND address = $2 ORDER BY at LIMIT 1 OFFSET $3',
                [since, address, fromAddress - perAddress],
              )
            ).rows[0],
          );
          return { isAdmitted: false, scope: 'address', agesOutAt: oldest?.at ?? at };
        }
        const all = count.parse(
          (await client.query('SELECT COUNT(*)::int AS n FROM claim_attempts WHERE NOT is_success AND at >= $1', [since])).rows[0],
        ).n;
        if (all >= overall) {
          const oldest = atRow.parse(
            (
              await client.query('SELECT at FROM claim_attempts WHERE NOT is_success AND at >= $1 ORDER BY at LIMIT 1 OFFSET $2', [
                since,
                all - overall,
              ])
            ).rows[0],
          );
          return { isAdmitted: false, scope: 'overall', agesOutAt: oldest?.at ?? at };
        }
        const inserted = await client.query('INSERT INTO claim_attempts (address, at, is_success) VALUES ($1, $2, false) RETURNING id', [
          address,
          at,
        ]);
        return { isAdmitted: true, attemptId: Number(z.object({ id: z.union([z.string(), z.number()]) }).parse(inserted.rows[0]).id) };
      });
    },
    async markClaimSucceeded(attemptId) {
      await query('UPDATE claim_attempts SET is_success = true WHERE id = $1', [attemptId]);
    },
    async countFailedClaims(since, address) {
      const result =
        address === undefined
          ? await query('SELECT COUNT(*)::int AS n FROM claim_attempts WHERE NOT is_success AND at >= $1', [since])
          : await query('SELECT COUNT(*)::int AS n FROM claim_attempts WHERE NOT is_success AND at >= $1 AND address = $2', [
              since,
              address,
            ]);
      return count.parse(result.rows[0]).n;
    },
    async insertSubmission(record: SubmissionRecord) {
      return withClient(async (client) => {
        // The primary key decides, across every instance: a concurrent insert of the same id waits
        // for the first to commit and then inserts nothing.
        const inserted = await client.query(
          `INSERT INTO submissions (submission_id, order_id, questionnaire_key, definition_hash, token, token_hash, payload_hash,
             device_thumbprint, device_key, answers, scores, device_scores, notices_shown, language, started_at, completed_at,
             app_version, received_at, receipt)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
           ON CONFLICT (submission_id) DO NOTHING`,
          [
            record.submissionId,
            record.orderId,
            record.questionnaireKey,
            record.definitionHash,
            record.token,
            record.tokenHash,
            record.payloadHash,
            record.deviceThumbprint,
            jsonOrNull(record.deviceKey),
            JSON.stringify(record.answers),
            jsonOrNull(record.scores),
            jsonOrNull(record.deviceScores),
            JSON.stringify(record.noticesShown),
            record.language,
            record.startedAt,
            record.completedAt,
            record.appVersion,
            record.receivedAt,
            record.receipt,
          ],
        );
        if (inserted.rowCount === 1) return { isNew: true as const };
        const existing: unknown = (await client.query('SELECT * FROM submissions WHERE submission_id = $1', [record.submissionId])).rows[0];
        return { isNew: false as const, existing: toSubmission(existing) };
      });
    },
    async getSubmission(id) {
      const row: unknown = (await query('SELECT * FROM submissions WHERE submission_id = $1', [id])).rows[0];
      return row === undefined ? undefined : toSubmission(row);
    },
    async listSubmissions({ orderId, patientRef, questionnaireKey }) {
      const filters = [
        ['submissions.order_id', orderId],
        ['orders.patient_ref', patientRef],
        ['submissions.questionnaire_key', questionnaireKey],
      ].filter((filter): filter is [string, string] => filter[1] !== undefined);
      const where = filters.map(([column], index) => `${column} = $${index + 1}`);
      const { rows } = await query(
        `SELECT submissions.*, orders.patient_ref, orders.measurement_point FROM submissions JOIN orders ON orders.id = submissions.order_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, submission_id`,
        filters.map(([, value]) => value),
      );
      const extra = z.object({ patient_ref: z.string(), measurement_point: z.string() });
      return rows.map((row: unknown) => {
        const { patient_ref, measurement_point } = extra.parse(row);
        return { ...toSubmission(row), patientRef: patient_ref, measurementPoint: measurement_point };
      });
    },
    async countSubmissions() {
      return count.parse((await query('SELECT COUNT(*)::int AS n FROM submissions')).rows[0]).n;
    },
    async createEnrolment({ codeHash, unit, createdAt, validUntil }) {
      // Repeatable, as withClient may repeat it: the same row again is no error, another one is.
      const inserted = await query(
        'INSERT INTO enrolments (code_hash, unit, created_at, valid_until) VALUES ($1, $2, $3, $4) ON CONFLICT (code_hash) DO NOTHING',
        [codeHash, unit, createdAt, validUntil],
      );
      if (inserted.rowCount === 1) return;
      const stored = z
        .object({ unit: z.string(), valid_until: z.string() })
        .parse((await query('SELECT unit, valid_until FROM enrolments WHERE code_hash = $1', [codeHash])).rows[0]);
      if (stored.unit !== unit || stored.valid_until !== validUntil) throw new Error('An enrolment with this code is already stored');
    },
    async findEnrolment(codeHash) {
      const row = z
        .object({ unit: z.string(), valid_until: z.string() })
        .optional()
        .parse((await query('SELECT unit, valid_until FROM enrolments WHERE code_hash = $1', [codeHash])).rows[0]);
      return row && { unit: row.unit, validUntil: row.valid_until };
    },
    async createTablet({ id, unit, tokenHash, enrolledAt }) {
      const inserted = await query(
        'INSERT INTO tablets (id, unit, token_hash, enrolled_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
        [id, unit, tokenHash, enrolledAt],
      );
      if (inserted.rowCount === 1) return;
      const stored = z
        .object({ token_hash: z.string() })
        .parse((await query('SELECT token_hash FROM tablets WHERE id = $1', [id])).rows[0]);
      if (stored.token_hash !== tokenHash) throw new Error('A tablet with this id is already stored');
    },
    async findTablet(tokenHash) {
      return z
        .object({ id: z.string(), unit: z.string() })
        .optional()
        .parse((await query('SELECT id, unit FROM tablets WHERE token_hash = $1', [tokenHash])).rows[0]);
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      await pool.end();
    },
  };
}
