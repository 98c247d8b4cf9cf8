// The register's embedded store: one SQLite file in WAL mode. Migrations are an append-only list
// applied at start, each in its own transaction.
import Database from 'better-sqlite3';
import { z } from 'zod';
import { publicP256Jwk } from '../../core/index.js';
import type { BindResult, OrderRecord, RegisterStore, SnapshotResult, SubmissionRecord } from './store.js';

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
];

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
});

const submissionRow = z.object({
  submission_id: z.string(),
  order_id: z.string(),
  questionnaire_key: z.string(),
  definition_hash: z.string(),
  token: z.string(),
  token_hash: z.string(),
  payload_hash: z.string(),
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

function toOrder(row: unknown): OrderRecord {
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
  };
}

function toSubmission(row: unknown): SubmissionRecord {
  const r = submissionRow.parse(row);
  return {
    submissionId: r.submission_id,
    orderId: r.order_id,
    questionnaireKey: r.questionnaire_key,
    definitionHash: r.definition_hash,
    token: r.token,
    tokenHash: r.token_hash,
    payloadHash: r.payload_hash,
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

/** Applies every migration not yet applied, each in a transaction; running it again changes nothing. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const current = z.object({ version: z.number() }).optional().parse(db.prepare('SELECT version FROM schema_version').get());
  let version = current?.version ?? 0;
  if (!current) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  for (; version < migrations.length; version++) {
    const sql = migrations[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    })();
  }
  return version;
}

export function openSqliteStore(file: string): RegisterStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const statements = {
    getDefinition: db.prepare('SELECT hash, json FROM definitions WHERE key = ?'),
    insertDefinition: db.prepare('INSERT INTO definitions (key, hash, json, stored_at) VALUES (?, ?, ?, ?)'),
    insertOrder: db.prepare(
      `INSERT INTO orders (id, patient_ref, measurement_point, questionnaires, valid_from, valid_until, created_at, code_hash, encryption_kid, unit)
       VALUES (@id, @patientRef, @measurementPoint, @questionnaires, @validFrom, @validUntil, @createdAt, @codeHash, @encryptionKid, @unit)`,
    ),
    getOrder: db.prepare('SELECT * FROM orders WHERE id = ?'),
    orderByCode: db.prepare('SELECT * FROM orders WHERE code_hash = ?'),
    bind: db.prepare(
      'UPDATE orders SET device_key = ?, device_thumbprint = ?, claimed_at = ? WHERE id = ? AND device_thumbprint IS NULL',
    ),
    release: db.prepare('UPDATE orders SET device_key = NULL, device_thumbprint = NULL, claimed_at = NULL WHERE id = ?'),
    claimAttempt: db.prepare('INSERT INTO claim_attempts (address, at, is_success) VALUES (?, ?, ?)'),
    failedSince: db.prepare('SELECT COUNT(*) AS n FROM claim_attempts WHERE is_success = 0 AND at >= ?'),
    failedSinceFrom: db.prepare('SELECT COUNT(*) AS n FROM claim_attempts WHERE is_success = 0 AND at >= ? AND address = ?'),
    insertSubmission: db.prepare(
      `INSERT INTO submissions (submission_id, order_id, questionnaire_key, definition_hash, token, token_hash, payload_hash, answers,
         scores, device_scores, notices_shown, language, started_at, completed_at, app_version, received_at, receipt)
       VALUES (@submissionId, @orderId, @questionnaireKey, @definitionHash, @token, @tokenHash, @payloadHash, @answers,
         @scores, @deviceScores, @noticesShown, @language, @startedAt, @completedAt, @appVersion, @receivedAt, @receipt)
       ON CONFLICT (submission_id) DO NOTHING`,
    ),
    getSubmission: db.prepare('SELECT * FROM submissions WHERE submission_id = ?'),
    countSubmissions: db.prepare('SELECT COUNT(*) AS n FROM submissions'),
  };
  const count = z.object({ n: z.number() });

  return {
    async snapshotDefinition(key, hash, json): Promise<SnapshotResult> {
      return db.transaction((): SnapshotResult => {
        const existing = z.object({ hash: z.string() }).optional().parse(statements.getDefinition.get(key));
        if (existing) return existing.hash === hash ? 'same' : 'conflict';
        statements.insertDefinition.run(key, hash, JSON.stringify(json), new Date().toISOString());
        return 'stored';
      })();
    },
    async getDefinition(key) {
      const row = z.object({ hash: z.string(), json: z.string() }).optional().parse(statements.getDefinition.get(key));
      return row && { hash: row.hash, json: JSON.parse(row.json) as unknown };
    },
    async createOrder(order) {
      statements.insertOrder.run({ ...order, questionnaires: JSON.stringify(order.questionnaires) });
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
          `SELECT orders.*, (SELECT COUNT(*) FROM submissions WHERE submissions.order_id = orders.id) AS submission_count
           FROM orders ${filters.length ? `WHERE ${filters.map(([clause]) => clause).join(' AND ')}` : ''} ORDER BY created_at DESC`,
        )
        .all(...filters.map(([, value]) => value));
      return rows.map((row) => ({ ...toOrder(row), submissionCount: z.object({ submission_count: z.number() }).parse(row).submission_count }));
    },
    async bindDevice(orderId, key, thumbprint, at): Promise<BindResult> {
      return db.transaction((): BindResult => {
        if (statements.bind.run(JSON.stringify(key), thumbprint, at, orderId).changes === 1) return 'bound';
        const order = statements.getOrder.get(orderId);
        if (order === undefined) return 'missing';
        return toOrder(order).deviceThumbprint === thumbprint ? 'alreadyThisDevice' : 'otherDevice';
      })();
    },
    async releaseOrder(orderId) {
      return statements.release.run(orderId).changes === 1;
    },
    async recordClaimAttempt(address, at, isSuccess) {
      statements.claimAttempt.run(address, at, isSuccess ? 1 : 0);
    },
    async countFailedClaims(since, address) {
      const row = address === undefined ? statements.failedSince.get(since) : statements.failedSinceFrom.get(since, address);
      return count.parse(row).n;
    },
    async insertSubmission(record) {
      return db.transaction(() => {
        const inserted = statements.insertSubmission.run({
          ...record,
          answers: JSON.stringify(record.answers),
          scores: record.scores === null ? null : JSON.stringify(record.scores),
          deviceScores: record.deviceScores === null ? null : JSON.stringify(record.deviceScores),
          noticesShown: JSON.stringify(record.noticesShown),
        });
        if (inserted.changes === 1) return { isNew: true as const };
        return { isNew: false as const, existing: toSubmission(statements.getSubmission.get(record.submissionId)) };
      })();
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
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at`,
        )
        .all(...args);
      return rows.map((row) => {
        const extra = z.object({ patient_ref: z.string(), measurement_point: z.string() }).parse(row);
        return { ...toSubmission(row), patientRef: extra.patient_ref, measurementPoint: extra.measurement_point };
      });
    },
    async countSubmissions() {
      return count.parse(statements.countSubmissions.get()).n;
    },
    async createEnrolment({ codeHash, unit, createdAt, validUntil }) {
      db.prepare('INSERT INTO enrolments (code_hash, unit, created_at, valid_until) VALUES (?, ?, ?, ?)').run(codeHash, unit, createdAt, validUntil);
    },
    async findEnrolment(codeHash) {
      const row = z.object({ unit: z.string(), valid_until: z.string() }).optional().parse(db.prepare('SELECT unit, valid_until FROM enrolments WHERE code_hash = ?').get(codeHash));
      return row && { unit: row.unit, validUntil: row.valid_until };
    },
    async createTablet({ id, unit, tokenHash, enrolledAt }) {
      db.prepare('INSERT INTO tablets (id, unit, token_hash, enrolled_at) VALUES (?, ?, ?, ?)').run(id, unit, tokenHash, enrolledAt);
    },
    async findTablet(tokenHash) {
      return z.object({ id: z.string(), unit: z.string() }).optional().parse(db.prepare('SELECT id, unit FROM tablets WHERE token_hash = ?').get(tokenHash));
    },
    async close() {
      db.close();
    },
  };
}
