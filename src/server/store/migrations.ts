// The register's schema, as one ordered list of migrations run by Kysely's Migrator: on PostgreSQL
// under an advisory lock and in one transaction, on SQLite in one immediate transaction (see
// dialect.ts), so instances starting together migrate once. A migration branches only where the
// two databases differ. Never edit a migration that has shipped; append a new one (names sort in order).
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreDialect } from './dialect.js';
import { adoptLegacySchema } from './legacy-schema.js';
import { createAlerts } from './migration-alerts.js';
import { addEnrolmentSubject } from './migration-enrolment-subject.js';
import { addMessageReasons, createMessages } from './migration-messages.js';
import { createStaffTables } from './migration-staff.js';
import type { Database } from './schema.js';

/** The schema every register had before Kysely (SQLite's schema_version 3, PostgreSQL's 1). */
async function createRegisterV3(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  // Databases made before Kysely have these tables already, under their own bookkeeping.
  if (await adoptLegacySchema(db, dialect)) return;
  await db.schema
    .createTable('definitions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();
  let orders = db.schema.createTable('orders').addColumn('id', 'text', (c) => c.primaryKey());
  for (const column of ['patient_ref', 'measurement_point', 'questionnaires', 'valid_from', 'valid_until', 'created_at'])
    orders = orders.addColumn(column, 'text', (c) => c.notNull());
  orders = orders.addColumn('code_hash', 'text', (c) => c.notNull().unique()).addColumn('encryption_kid', 'text', (c) => c.notNull());
  for (const column of ['unit', 'device_key', 'device_thumbprint', 'claimed_at', 'released_at']) orders = orders.addColumn(column, 'text');
  await orders.execute();
  await db.schema.createIndex('orders_patient_ref').on('orders').column('patient_ref').execute();
  await db.schema.createIndex('orders_unit').on('orders').column('unit').execute();

  await db.schema
    .createTable('claim_attempts')
    // The one column type that differs: an autoincrement rowid against an identity column.
    .addColumn('id', dialect.kind === 'sqlite' ? 'integer' : 'bigint', (c) =>
      dialect.kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('is_success', dialect.kind === 'sqlite' ? 'integer' : 'boolean', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_attempts_at').on('claim_attempts').column('at').execute();
  await db.schema.createIndex('claim_attempts_address_at').on('claim_attempts').columns(['address', 'at']).execute();
  await db.schema.createIndex('claim_attempts_failed_at').on('claim_attempts').columns(['is_success', 'at']).execute();

  let submissions = db.schema
    .createTable('submissions')
    .addColumn('submission_id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'));
  for (const column of ['questionnaire_key', 'definition_hash', 'token', 'token_hash', 'payload_hash'])
    submissions = submissions.addColumn(column, 'text', (c) => c.notNull());
  submissions = submissions.addColumn('device_thumbprint', 'text').addColumn('device_key', 'text');
  submissions = submissions
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('scores', 'text')
    .addColumn('device_scores', 'text');
  for (const column of ['notices_shown', 'language', 'started_at', 'completed_at', 'app_version', 'received_at', 'receipt'])
    submissions = submissions.addColumn(column, 'text', (c) => c.notNull());
  await submissions.execute();
  await db.schema.createIndex('submissions_order').on('submissions').column('order_id').execute();
  await db.schema.createIndex('submissions_questionnaire').on('submissions').column('questionnaire_key').execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tablets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .execute();
}

/**
 * One submission per questionnaire of an order (issue 14, item 2), decided by the database across
 * every instance: a unique index on (order, questionnaire) over the rows that answer it. A database
 * may already hold several submissions to one questionnaire of an order; all are kept, the earliest
 * received answers it, and each later one names it in `duplicate_of`, which leaves it out of the
 * index. Beside: the index the per-device limit counts recent submissions with, and the time checks'
 * flags.
 */
async function oneSubmissionPerQuestionnaire(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('duplicate_of', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('time_flags', 'text').execute();
  const earliest = sql`(select earliest.submission_id from submissions as earliest
    where earliest.order_id = submissions.order_id and earliest.questionnaire_key = submissions.questionnaire_key
    order by earliest.received_at, earliest.submission_id limit 1)`;
  await sql`update submissions set duplicate_of = ${earliest} where submission_id <> ${earliest}`.execute(db);
  await db.schema
    .createIndex('submissions_one_per_questionnaire')
    .on('submissions')
    .columns(['order_id', 'questionnaire_key'])
    .unique()
    .where(sql.ref('duplicate_of'), 'is', null)
    .execute();
  await db.schema.createIndex('submissions_device_received').on('submissions').columns(['device_thumbprint', 'received_at']).execute();
}

/**
 * Enrolment codes that enrol a number of tablets (one unless staff choose), and tablets that staff
 * name, see (when each last called) and revoke. A code made before this enrolled any number of
 * tablets; one still valid (they expire within a day) keeps 50, the most staff may now choose.
 */
async function addTabletRevocation(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('enrolments')
    .addColumn('uses_left', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update enrolments set uses_left = 50`.execute(db);
  // One column a statement: SQLite adds no more at once.
  for (const column of ['name', 'last_seen_at', 'revoked_at']) await db.schema.alterTable('tablets').addColumn(column, 'text').execute();
}

/** Staff may cancel an order (the console): a cancelled order can no longer be claimed. */
async function addOrderCancel(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('cancelled_at', 'text').execute();
}

/**
 * Patients enrolled in measurement plans, the clinical events staff record for them, and one row per
 * scheduled window: its order, or why none was made. The row's key is the window itself (enrolment,
 * time point, occurrence), so that of schedulers racing on several instances one writes it, in the
 * transaction that makes the order.
 */
async function addPlanEnrolments(db: Kysely<unknown>): Promise<void> {
  let enrolments = db.schema.createTable('plan_enrolments').addColumn('id', 'text', (c) => c.primaryKey());
  for (const column of ['patient_ref', 'unit', 'plan_key', 'plan_hash', 'language', 'settings', 'enrolled_at', 'created_at'])
    enrolments = enrolments.addColumn(column, 'text', (c) => c.notNull());
  for (const column of ['paused_at', 'ended_at', 'contact_id']) enrolments = enrolments.addColumn(column, 'text');
  await enrolments.execute();
  await db.schema.createIndex('plan_enrolments_patient_ref').on('plan_enrolments').column('patient_ref').execute();
  await db.schema.createIndex('plan_enrolments_unit').on('plan_enrolments').column('unit').execute();

  let events = db.schema
    .createTable('plan_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('plan_enrolments.id'));
  for (const column of ['name', 'at', 'recorded_at', 'recorded_by']) events = events.addColumn(column, 'text', (c) => c.notNull());
  await events.execute();
  await db.schema.createIndex('plan_events_enrolment').on('plan_events').column('enrolment_id').execute();

  await db.schema
    .createTable('plan_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('plan_enrolments.id'))
    .addColumn('time_point', 'text', (c) => c.notNull())
    .addColumn('occurrence', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_orders_window', ['enrolment_id', 'time_point', 'occurrence'])
    .execute();
  await db.schema.createIndex('plan_orders_order').on('plan_orders').column('order_id').execute();
}

/** The exports read submissions page by page in the order received (store/export-operations.ts). */
async function addExportKeysetIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('submissions_received_keyset').on('submissions').columns(['received_at', 'submission_id']).execute();
}

/** In order; a migration's up gets the dialect so that it can branch where the databases differ. */
export const registerMigrations: readonly { name: string; up: (db: Kysely<unknown>, dialect: StoreDialect) => Promise<void> }[] = [
  { name: '0001-register-v3', up: createRegisterV3 },
  { name: '0002-one-submission-per-questionnaire', up: oneSubmissionPerQuestionnaire },
  { name: '0003-tablet-revocation', up: addTabletRevocation },
  { name: '0004-staff-accounts', up: createStaffTables },
  { name: '0005-order-cancel', up: addOrderCancel },
  { name: '0006-messages', up: createMessages },
  { name: '0007-plan-enrolments', up: addPlanEnrolments },
  { name: '0008-exports-keyset-index', up: addExportKeysetIndex },
  { name: '0008-notify16-message-reasons', up: addMessageReasons },
  { name: '0009-alerts', up: createAlerts },
  { name: '0010-isobmi17-enrolment-subject', up: addEnrolmentSubject },
];

function provider(dialect: StoreDialect): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(registerMigrations.map(({ name, up }): [string, Migration] => [name, { up: (db) => up(db, dialect) }])),
  };
}

/** Migrations this database has run that this code does not know: it was made by a newer version. */
async function unknownMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === 'kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((row) => row.name).filter((name) => !registerMigrations.some((migration) => migration.name === name));
}

/** Brings the database to the newest schema; running it again changes nothing. Returns the migrations applied in all. */
export async function migrateToLatest(db: Kysely<Database>, dialect: StoreDialect): Promise<number> {
  const unknown = await unknownMigrations(db);
  if (unknown.length)
    throw new Error(`The register's database has migrations newer than this code knows (${unknown.join(', ')}): run the newer version.`);
  const { error } = await new Migrator({ db, provider: provider(dialect) }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`The register's database could not be migrated: ${String(error)}`);
  return registerMigrations.length;
}

/** The names of the migrations the database has run, in order. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}
