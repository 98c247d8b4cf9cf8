// The staff side's tables (migration 0004-staff-accounts), as row types and as data for
// migrate-to-postgres; schema.ts joins them to the register's Database and registerSchema.
import type { ColumnType, Generated } from 'kysely';

/** 0/1 in SQLite, a boolean in PostgreSQL: written through the dialect's flag(). */
type Flag = ColumnType<number | boolean, number | boolean, number | boolean>;

export interface StaffAccountsTable {
  id: string;
  /** Case-folded. */
  username: string;
  display_name: string;
  /** `scrypt$N$r$p$salt$hash`; null until the person sets a password from their link. */
  password_hash: string | null;
  /** JSON: StaffRole[]. */
  roles: string;
  /** JSON: string[], a clinician's units. */
  units: string;
  disabled_at: string | null;
  /** Encrypted with a key derived from the register's keys (staff-secrets.ts). */
  totp_secret: string | null;
  /** A secret started but not yet confirmed with a code; encrypted as totp_secret. */
  totp_pending_secret: string | null;
  /** The last TOTP time step a sign-in used, zero-padded so that text order is number order: a code works once. */
  totp_last_step: string | null;
  require_totp: Flag;
  /** The subject an OpenID Connect provider knows the person by, when it signs them in. */
  oidc_subject: string | null;
  created_at: string;
  password_changed_at: string | null;
}

export interface StaffSessionsTable {
  /** sha256 (hex) of the cookie's token; the token itself is never stored. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
  address: string;
  ended_at: string | null;
}

export interface StaffLinksTable {
  /** sha256 (hex) of the link's token. */
  id: string;
  account_id: string | null;
  /** 'firstAdmin' | 'setup' | 'reset'. */
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  /** The case-folded username tried (whether or not an account has it). */
  username: string;
  address: string;
  at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  role: string | null;
  unit: string | null;
  action: string;
  /** JSON: what the entry is about (order, submission, export, account …), never answers or secrets. */
  objects: string;
  patient_ref: string | null;
  address: string;
  result: string;
  prev_hash: string;
  /** sha256 (hex) of prev_hash and the entry's canonical form (audit-chain.ts). */
  hash: string;
}

export interface StaffDatabase {
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
  staff_links: StaffLinksTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_log: AuditLogTable;
}

/** In registerSchema's form (schema.ts), accounts before what refers to them. */
export const staffSchema = {
  staff_accounts: {
    key: 'id',
    columns: {
      id: 'text',
      username: 'text',
      display_name: 'text',
      password_hash: 'nullableText',
      roles: 'text',
      units: 'text',
      disabled_at: 'nullableText',
      totp_secret: 'nullableText',
      totp_pending_secret: 'nullableText',
      totp_last_step: 'nullableText',
      require_totp: 'boolean',
      oidc_subject: 'nullableText',
      created_at: 'text',
      password_changed_at: 'nullableText',
    },
  },
  staff_sessions: {
    key: 'id',
    columns: {
      id: 'text',
      account_id: 'text',
      csrf_token: 'text',
      created_at: 'text',
      last_seen_at: 'text',
      idle_expires_at: 'text',
      absolute_expires_at: 'text',
      address: 'text',
      ended_at: 'nullableText',
    },
  },
  staff_links: {
    key: 'id',
    columns: { id: 'text', account_id: 'nullableText', purpose: 'text', created_at: 'text', expires_at: 'text', used_at: 'nullableText' },
  },
  sign_in_attempts: { key: 'id', columns: { id: 'integer', username: 'text', address: 'text', at: 'text' } },
  audit_log: {
    key: 'seq',
    columns: {
      seq: 'integer',
      at: 'text',
      actor_kind: 'text',
      actor_id: 'nullableText',
      actor_name: 'nullableText',
      role: 'nullableText',
      unit: 'nullableText',
      action: 'text',
      objects: 'text',
      patient_ref: 'nullableText',
      address: 'text',
      result: 'text',
      prev_hash: 'text',
      hash: 'text',
    },
  },
} as const;
