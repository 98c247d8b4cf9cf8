// The register's embedded store: one SQLite file in WAL mode. Migrations are an append-only list
// applied at start in one transaction; schema_version records how many have run.
import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { publicP256Jwk } from '../../core/index.js';
import type { AdmitResult, BindResult, CreateOrderResult, OrderRecord, RegisterStore, SubmissionRecord } from './store.js';

/** Never edit a migration that has shipped; append a new one. */
export const migrations: readonly string[] = [
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
     device_key TEXT,
     device_thumbprint TEXT,
     claimed_at TEXT
   );
   CREATE INDEX orders_patient_ref ON orders (patient_ref);
   CREATE TABLE claim_attempts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     address TEXT NOT NULL,
     at TEXT NOT NULL,
     is_success INTEGER NOT NULL
   );
   CREATE INDEX claim_attempts_at ON claim_attempts (at);
   CREATE INDEX claim_attempts_address_at ON claim_attempts (address, at);
   CREATE TABLE submissions (
     submission_id TEXT PRIMARY KEY,
     order_id TEXT NOT NULL REFERENCES orders (id),
     questionnaire_key TEXT NOT NULL,
     definition_hash TEXT NOT NULL,
     token TEXT NOT NULL,
     token_hash TEXT NOT NULL,
     payload_hash TEXT NOT NULL,
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
   CREATE INDEX submissions_order ON submissions (order_id);`,
  `ALTER TABLE orders ADD COLUMN unit TEXT;
   CREATE INDEX orders_unit ON orders (unit);
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
  // Which device signed each submission (an order may be released and claimed by another device).
  `ALTER TABLE submissions ADD COLUMN device_thumbprint TEXT;
   ALTER TABLE submissions ADD COLUMN device_key TEXT;
   UPDATE submissions SET
     device_thumbprint = (SELECT device_thumbprint FROM orders WHERE orders.id = submissions.order_id),
     device_key = (SELECT device_key FROM orders WHERE orders.id = submissions.order_id);
   ALTER TABLE orders ADD COLUMN released_at TEXT;
   CREATE INDEX submissions_questionnaire ON submissions (questionnaire_key);
   CREATE INDEX claim_attempts_failed_at ON claim_attempts (is_success, at);`,
];

/** Claim attempts older than this are removed; the rate limits look back only minutes. */
const claimAttemptRetentionDays = 30;

const orderRow = z.object({
  id: z.string(),
  patient_ref: z.string(),
  measurement_point: z.string(),
  questionnaires: z.string(),
  valid_from: z.string(),
  valid_until: z.string(),
  created_at: z.string(),
  code_hash: z.string(),
  encryption_kid: z.string(),
  device_key: z.string().nullable(),
  device_thumbprint: z.string().nullable(),
  claimed_at: z.string().nullable(),
  unit: z.string().nullable(),
  released_at: z.string().nullable(),
});

const submissionRow = z.object({
  submission_id: z.string(),
  order_id: z.string(),
  questionnaire_key: z.string(),
  definition_hash: z.string(),
  token: z.string(),
  token_hash: z.string(),
  payload_hash: z.string(),
  device_thumbprint: z.string().nullable(),
  device_key: z.string().nullable(),
  answers: z.string(),
  scores: z.string().nullable(),
  device_scores: z.string().nullable(),
  notices_shown: z.string(),
  language: z.string(),
  started_at: z.string(),
  completed_at: z.string(),
  app_version: z.string(),
  received_at: z.string(),
  receipt: z.string(),
});

const questionnaireRefs = z.array(z.object({ key: z.string(), hash: z.string() }));
const jsonRecord = z.record(z.string(), z.unknown());

export function toOrder(row: unknown): OrderRecord {
  const r = orderRow.parse(row);
  return {
    id: r.id,
    patientRef: r.patient_ref,
    measurementPoint: r.measurement_point,
    questionnaires: questionnaireRefs.parse(JSON.parse(r.questionnaires)),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    createdAt: r.created_at,
    codeHash: r.code_hash,
    encryptionKid: r.encryption_kid,
    unit: r.unit,
    deviceKey: r.device_key === null ? null : publicP256Jwk.parse(JSON.parse(r.device_key)),
    deviceThumbprint: r.device_thumbprint,
    claimedAt: r.claimed_at,
    releasedAt: r.released_at,
  };
}

export function toSubmission(row: unknown): SubmissionRecord {
  const r = submissionRow.parse(row);
  return {
    submissionId: r.submission_id,
    orderId: r.order_id,
    questionnaireKey: r.questionnaire_key,
    definitionHash: r.definition_hash,
    token: r.token,
    tokenHash: r.token_hash,
    payloadHash: r.payload_hash,
    deviceThumbprint: r.device_thumbprint,
    deviceKey: r.device_key === null ? null : publicP256Jwk.parse(JSON.parse(r.device_key)),
    answers: jsonRecord.parse(JSON.parse(r.answers)),
    scores: r.scores === null ? null : jsonRecord.parse(JSON.parse(r.scores)),
    deviceScores: r.device_scores === null ? null : jsonRecord.parse(JSON.parse(r.device_scores)),
    noticesShown: z.array(z.string()).parse(JSON.parse(r.notices_shown)),
    language: r.language,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    appVersion: r.app_version,
    receivedAt: r.received_at,
    receipt: r.receipt,
  };
}

/**
 * Applies every migration not yet applied, all in one transaction that holds the write lock, so two
 * processes starting at once cannot both migrate; running it again changes nothing.
 */
export function migrate(db: Database.Database): number {
  return db
    .transaction((): number => {
      db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const current = z.object({ version: z.number() }).optional().parse(db.prepare('SELECT version FROM schema_version').get());
      if (!current) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
      const from = current?.version ?? 0;
      if (from > migrations.length)
        throw new Error(
          `The register's database is at schema version ${from}, newer than this code knows (${migrations.length}): run the newer version.`,
        );
      for (let version = from; version < migrations.length; version++) db.exec(migrations[version] ?? '');
      db.prepare('UPDATE schema_version SET version = ?').run(migrations.length);
      return migrations.length;
    })
    .immediate();
}

const count = z.object({ n: z.number() });
const jsonOrNull = (value: unknown) => (value === null ? null : JSON.stringify(value));

export function openSqliteStore(file: string): RegisterStore {
  const db = new Database(file);
  try {
    // Health data: the owner only. SQLite gives its -wal and -shm files the same mode.
    chmodSync(file, 0o600);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    getDefinition: db.prepare('SELECT key, hash, json FROM definitions WHERE key = ?'),
    insertDefinition: db.prepare('INSERT INTO definitions (key, hash, json, stored_at) VALUES (?, ?, ?, ?)'),
    insertOrder: db.prepare(
      `INSERT INTO orders (id, patient_ref, measurement_point, questionnaires, valid_from, valid_until, created_at, code_hash, encryption_kid, unit)
       VALUES (@id, @patientRef, @measurementPoint, @questionnaires, @validFrom, @validUntil, @createdAt, @codeHash, @encryptionKid, @unit)
       ON CONFLICT (id) DO NOTHING`,
    ),
    getOrder: db.prepare('SELECT * FROM orders WHERE id = ?'),
    orderByCode: db.prepare('SELECT * FROM orders WHERE code_hash = ?'),
    bind: db.prepare('UPDATE orders SET device_key = ?, device_thumbprint = ?, claimed_at = ? WHERE id = ? AND device_thumbprint IS NULL'),
    release: db.prepare('UPDATE orders SET device_key = NULL, device_thumbprint = NULL, claimed_at = NULL, released_at = ? WHERE id = ?'),
    insertAttempt: db.prepare('INSERT INTO claim_attempts (address, at, is_success) VALUES (?, ?, 0)'),
    markSuccess: db.prepare('UPDATE claim_attempts SET is_success = 1 WHERE id = ?'),
    pruneAttempts: db.prepare('DELETE FROM claim_attempts WHERE at < ?'),
    failedSince: db.prepare('SELECT COUNT(*) AS n FROM claim_attempts WHERE is_success = 0 AND at >= ?'),
    failedSinceFrom: db.prepare('SELECT COUNT(*) AS n FROM claim_attempts WHERE is_success = 0 AND at >= ? AND address = ?'),
    // The failed attempt that has to leave the window before the count is under the limit again.
    agingOut: db.prepare('SELECT at FROM claim_attempts WHERE is_success = 0 AND at >= ? ORDER BY at LIMIT 1 OFFSET ?'),
    agingOutFrom: db.prepare('SELECT at FROM claim_attempts WHERE is_success = 0 AND at >= ? AND address = ? ORDER BY at LIMIT 1 OFFSET ?'),
    insertSubmission: db.prepare(
      `INSERT INTO submissions (submission_id, order_id, questionnaire_key, definition_hash, token, token_hash, payload_hash,
         device_thumbprint, device_key, answers, scores, device_scores, notices_shown, language, started_at, completed_at,
         app_version, received_at, receipt)
       VALUES (@submissionId, @orderId, @questionnaireKey, @definitionHash, @token, @tokenHash, @payloadHash,
         @deviceThumbprint, @deviceKey, @answers, @scores, @deviceScores, @noticesShown, @language, @startedAt, @completedAt,
         @appVersion, @receivedAt, @receipt)
       ON CONFLICT (submission_id) DO NOTHING`,
    ),
    getSubmission: db.prepare('SELECT * FROM submissions WHERE submission_id = ?'),
    countSubmissions: db.prepare('SELECT COUNT(*) AS n FROM submissions'),
    insertEnrolment: db.prepare(
      'INSERT INTO enrolments (code_hash, unit, created_at, valid_until) VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING',
    ),
    getEnrolment: db.prepare('SELECT unit, valid_until FROM enrolments WHERE code_hash = ?'),
    insertTablet: db.prepare('INSERT INTO tablets (id, unit, token_hash, enrolled_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING'),
    tabletById: db.prepare('SELECT token_hash FROM tablets WHERE id = ?'),
    getTablet: db.prepare('SELECT id, unit FROM tablets WHERE token_hash = ?'),
  };
  const snapshotRow = z.object({ key: z.string(), hash: z.string(), json: z.string() });
  const atRow = z.object({ at: z.string() }).optional();

  /** Thrown inside the transaction so that it rolls back whatever it wrote before the conflict. */
  class ChangedDefinition extends Error {
    constructor(
      readonly key: string,
      readonly storedHash: string,
    ) {
      super(`${key} is stored with another hash`);
    }
  }
  class IdTaken extends Error {}
  const createOrder = db.transaction((order: OrderRecord, snapshots: { key: string; hash: string; json: unknown }[]) => {
    const storedAt = new Date().toISOString();
    for (const snapshot of snapshots) {
      const stored = snapshotRow.optional().parse(statements.getDefinition.get(snapshot.key));
      if (stored && stored.hash !== snapshot.hash) throw new ChangedDefinition(snapshot.key, stored.hash);
      if (!stored) statements.insertDefinition.run(snapshot.key, snapshot.hash, JSON.stringify(snapshot.json), storedAt);
    }
    if (statements.insertOrder.run({ ...order, questionnaires: JSON.stringify(order.questionnaires) }).changes === 1) return;
    if (toOrder(statements.getOrder.get(order.id)).codeHash !== order.codeHash) throw new IdTaken();
  });

  const admit = db.transaction((address: string, at: string, since: string, perAddress: number, overall: number): AdmitResult => {
    statements.pruneAttempts.run(new Date(Date.parse(at) - claimAttemptRetentionDays * 86_400_000).toISOString());
    const fromAddress = count.parse(statements.failedSinceFrom.get(since, address)).n;
    if (fromAddress >= perAddress)
      return {
        isAdmitted: false,
        scope: 'address',
        agesOutAt: atRow.parse(statements.agingOutFrom.get(since, address, fromAddress - perAddress))?.at ?? at,
      };
    const all = count.parse(statements.failedSince.get(since)).n;
    if (all >= overall)
      return { isAdmitted: false, scope: 'overall', agesOutAt: atRow.parse(statements.agingOut.get(since, all - overall))?.at ?? at };
    return { isAdmitted: true, attemptId: Number(statements.insertAttempt.run(address, at).lastInsertRowid) };
  });

  const insertSubmission = db.transaction((record: SubmissionRecord): { isNew: true } | { isNew: false; existing: SubmissionRecord } => {
    const inserted = statements.insertSubmission.run({
      ...record,
      deviceKey: jsonOrNull(record.deviceKey),
      answers: JSON.stringify(record.answers),
      scores: jsonOrNull(record.scores),
      deviceScores: jsonOrNull(record.deviceScores),
      noticesShown: JSON.stringify(record.noticesShown),
    });
    if (inserted.changes === 1) return { isNew: true };
    return { isNew: false, existing: toSubmission(statements.getSubmission.get(record.submissionId)) };
  });

  const bindDevice = db.transaction((orderId: string, key: string, thumbprint: string, at: string): BindResult => {
    if (statements.bind.run(key, thumbprint, at, orderId).changes === 1) return 'bound';
    const order = statements.getOrder.get(orderId);
    if (order === undefined) return 'missing';
    return toOrder(order).deviceThumbprint === thumbprint ? 'alreadyThisDevice' : 'otherDevice';
  });

  return {
    async getDefinition(key) {
      const row = snapshotRow.optional().parse(statements.getDefinition.get(key));
      return row && { key: row.key, hash: row.hash, json: JSON.parse(row.json) as unknown };
    },
    async createOrder(order, snapshots): Promise<CreateOrderResult> {
      try {
        // Immediate: the write lock is taken before the snapshots are read, so two orders cannot race.
        createOrder.immediate(order, snapshots);
        return { isCreated: true };
      } catch (error) {
        if (error instanceof ChangedDefinition)
          return { isCreated: false, reason: 'changedDefinition', changedDefinition: { key: error.key, storedHash: error.storedHash } };
        if (error instanceof IdTaken) return { isCreated: false, reason: 'idTaken' };
        throw error;
      }
    },
    async getOrder(id) {
      const row = statements.getOrder.get(id);
      return row === undefined ? undefined : toOrder(row);
    },
    async findOrderByCodeHash(codeHash) {
      const row = statements.orderByCode.get(codeHash);
      return row === undefined ? undefined : toOrder(row);
    },
    async listOrders({ patientRef, unit }) {
      const filters = [
        ['patient_ref = ?', patientRef],
        ['unit = ?', unit],
      ].filter((filter): filter is [string, string] => filter[1] !== undefined);
      const rows = db
        .prepare(
          `SELECT orders.*,
             (SELECT COUNT(*) FROM submissions WHERE submissions.order_id = orders.id) AS submission_count,
             (SELECT COUNT(DISTINCT questionnaire_key) FROM submissions WHERE submissions.order_id = orders.id) AS answered_count
           FROM orders ${filters.length ? `WHERE ${filters.map(([clause]) => clause).join(' AND ')}` : ''} ORDER BY created_at DESC`,
        )
        .all(...filters.map(([, value]) => value));
      const progress = z.object({ submission_count: z.number(), answered_count: z.number() });
      return rows.map((row) => {
        const { submission_count, answered_count } = progress.parse(row);
        return { ...toOrder(row), submissionCount: submission_count, answeredCount: answered_count };
      });
    },
    async bindDevice(orderId, key, thumbprint, at) {
      return bindDevice.immediate(orderId, JSON.stringify(key), thumbprint, at);
    },
    async releaseOrder(orderId, at) {
      return statements.release.run(at, orderId).changes === 1;
    },
    async admitClaimAttempt(address, at, { since, perAddress, overall }) {
      return admit.immediate(address, at, since, perAddress, overall);
    },
    async markClaimSucceeded(attemptId) {
      statements.markSuccess.run(attemptId);
    },
    async countFailedClaims(since, address) {
      const row = address === undefined ? statements.failedSince.get(since) : statements.failedSinceFrom.get(since, address);
      return count.parse(row).n;
    },
    async insertSubmission(record) {
      return insertSubmission.immediate(record);
    },
    async getSubmission(id) {
      const row = statements.getSubmission.get(id);
      return row === undefined ? undefined : toSubmission(row);
    },
    async listSubmissions({ orderId, patientRef, questionnaireKey }) {
      const filters = [
        ['submissions.order_id = ?', orderId],
        ['orders.patient_ref = ?', patientRef],
        ['submissions.questionnaire_key = ?', questionnaireKey],
      ].filter((filter): filter is [string, string] => filter[1] !== undefined);
      const where = filters.map(([clause]) => clause);
      const args = filters.map(([, value]) => value);
      const rows = db
        .prepare(
          `SELECT submissions.*, orders.patient_ref, orders.measurement_point FROM submissions JOIN orders ON orders.id = submissions.order_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, submission_id`,
        )
        .all(...args);
      const extra = z.object({ patient_ref: z.string(), measurement_point: z.string() });
      return rows.map((row) => {
        const { patient_ref, measurement_point } = extra.parse(row);
        return { ...toSubmission(row), patientRef: patient_ref, measurementPoint: measurement_point };
      });
    },
    async countSubmissions() {
      return count.parse(statements.countSubmissions.get()).n;
    },
    // Written again, the same row is no error (as in the PostgreSQL store, which may repeat a write); another one is.
    async createEnrolment({ codeHash, unit, createdAt, validUntil }) {
      if (statements.insertEnrolment.run(codeHash, unit, createdAt, validUntil).changes === 1) return;
      const stored = z.object({ unit: z.string(), valid_until: z.string() }).parse(statements.getEnrolment.get(codeHash));
      if (stored.unit !== unit || stored.valid_until !== validUntil) throw new Error('An enrolment with this code is already stored');
    },
    async findEnrolment(codeHash) {
      const row = z.object({ unit: z.string(), valid_until: z.string() }).optional().parse(statements.getEnrolment.get(codeHash));
      return row && { unit: row.unit, validUntil: row.valid_until };
    },
    async createTablet({ id, unit, tokenHash, enrolledAt }) {
      if (statements.insertTablet.run(id, unit, tokenHash, enrolledAt).changes === 1) return;
      const stored = z.object({ token_hash: z.string() }).parse(statements.tabletById.get(id));
      if (stored.token_hash !== tokenHash) throw new Error('A tablet with this id is already stored');
    },
    async findTablet(tokenHash) {
      return z.object({ id: z.string(), unit: z.string() }).optional().parse(statements.getTablet.get(tokenHash));
    },
    async ping() {
      try {
        db.prepare('SELECT version FROM schema_version').get();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
