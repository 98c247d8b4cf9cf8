// Migration 0004-staff-accounts: staff accounts, their sessions, one-time setup links, failed
// sign-ins (for the limits), and the audit trail with its hash chain. Times are ISO text and JSON is
// text, as everywhere in the store; flags and the identity column are the dialect's.
import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

export async function createStaffTables(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const flag = dialect.kind === 'sqlite' ? 'integer' : 'boolean';
  let accounts = db.schema
    .createTable('staff_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Case-folded: "Kari" and "kari" are one account.
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('units', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    // The last TOTP time step used (zero-padded text): a code is accepted once.
    .addColumn('totp_last_step', 'text')
    .addColumn('require_totp', flag, (c) => c.notNull())
    .addColumn('oidc_subject', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull());
  accounts = accounts.addColumn('password_changed_at', 'text');
  await accounts.execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('staff_accounts.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('idle_expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('staff_sessions_account').on('staff_sessions').column('account_id').execute();

  await db.schema
    .createTable('staff_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null: the first administrator's link, which makes the account.
    .addColumn('account_id', 'text', (c) => c.references('staff_accounts.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', dialect.kind === 'sqlite' ? 'integer' : 'bigint', (c) =>
      dialect.kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempts_username_at').on('sign_in_attempts').columns(['username', 'at']).execute();
  await db.schema.createIndex('sign_in_attempts_address_at').on('sign_in_attempts').columns(['address', 'at']).execute();

  let audit = db.schema
    .createTable('audit_log')
    // Given by the register under the audit lock (previous + 1), so a gap shows as a break.
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull());
  for (const column of ['actor_id', 'actor_name', 'role', 'unit']) audit = audit.addColumn(column, 'text');
  audit = audit
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('objects', 'text', (c) => c.notNull())
    .addColumn('patient_ref', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull());
  await audit.execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_patient_ref').on('audit_log').column('patient_ref').execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_id').execute();
}
