// What the register keeps about staff, as the register's code uses it (the rows are in
// schema-staff.ts, their reading in staff-rows.ts, the queries in staff-operations.ts).
import type { Selectable } from 'kysely';
import type { StaffRole } from '../../core/index.js';
import type { AuditLogTable } from './schema-staff.js';
import type { AuditFilter } from './staff-rows.js';

export interface StaffAccountRecord {
  id: string;
  /** Case-folded. */
  username: string;
  displayName: string;
  passwordHash: string | null;
  roles: StaffRole[];
  units: string[];
  disabledAt: string | null;
  /** Encrypted (staff-secrets.ts). */
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: string | null;
  requireTotp: boolean;
  oidcSubject: string | null;
  createdAt: string;
  passwordChangedAt: string | null;
}

export interface StaffSessionRecord {
  /** sha256 of the cookie's token. */
  id: string;
  accountId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  address: string;
  endedAt: string | null;
}

export type StaffLinkPurpose = 'firstAdmin' | 'setup' | 'reset';

export interface StaffLinkRecord {
  /** sha256 of the link's token. */
  id: string;
  accountId: string | null;
  purpose: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditRecord {
  seq: number;
  at: string;
  actorKind: 'account' | 'service' | 'anonymous';
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  unit: string | null;
  action: string;
  objects: Record<string, unknown>;
  patientRef: string | null;
  address: string;
  result: string;
}

export interface StaffOperations {
  countAccounts(): Promise<number>;
  /** Unless the id, the username or the OIDC subject is taken. */
  insertAccount(account: StaffAccountRecord): Promise<boolean>;
  /** Writes every field but the id; whether the account exists. */
  updateAccount(account: StaffAccountRecord): Promise<boolean>;
  getAccount(id: string): Promise<StaffAccountRecord | undefined>;
  findAccountByUsername(folded: string): Promise<StaffAccountRecord | undefined>;
  findAccountBySubject(subject: string): Promise<StaffAccountRecord | undefined>;
  listAccounts(): Promise<StaffAccountRecord[]>;
  /** Records a TOTP time step as used unless it, or a later one, was: whether this call did. */
  useTotpStep(accountId: string, step: string): Promise<boolean>;
  /** Clears the second factor (the secret and one being enrolled); whether the account exists. */
  clearTotp(accountId: string): Promise<boolean>;

  insertSession(session: Omit<StaffSessionRecord, 'endedAt'>): Promise<void>;
  getSession(id: string): Promise<StaffSessionRecord | undefined>;
  touchSession(id: string, lastSeenAt: string, idleExpiresAt: string): Promise<void>;
  /** Ends one session or every session of an account; how many were open. */
  endSessions(where: { id: string } | { accountId: string }, at: string): Promise<number>;

  insertLink(link: StaffLinkRecord): Promise<void>;
  getLink(id: string): Promise<StaffLinkRecord | undefined>;
  /** Marks it used unless it was; whether this call did. */
  useLink(id: string, at: string): Promise<boolean>;

  countSignInFailures(since: string, by: { username: string } | { address: string }): Promise<number>;
  /** Counted as failed until the sign-in succeeds (clearSignInFailures) or stops short of a verdict (removeSignInAttempt). */
  recordSignInAttempt(username: string, address: string, at: string): Promise<number>;
  removeSignInAttempt(id: number): Promise<void>;
  /** After a success: the account's failures, and every row older than `before`. */
  clearSignInFailures(username: string, before: string): Promise<void>;

  lastAudit(): Promise<{ seq: number; hash: string } | undefined>;
  insertAudit(row: AuditRow): Promise<void>;
  /** Newest first. */
  listAudit(filter: AuditFilter, limit: number): Promise<AuditRecord[]>;
  /** Rows as stored, oldest first, for checking the chain. */
  auditFrom(fromSeq: number, limit: number): Promise<AuditRow[]>;
}
