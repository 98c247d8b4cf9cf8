// Staff rows as the database holds them, and records as the register uses them; JSON read back is parsed.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { staffRole } from '../../core/index.js';
import type { StoreDialect } from './dialect.js';
import type { AuditLogTable, StaffAccountsTable, StaffSessionsTable } from './schema-staff.js';
import type { AuditRecord, StaffAccountRecord, StaffSessionRecord } from './staff-store.js';

export interface AuditFilter {
  actor?: string;
  patientRef?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
}

const roles = z.array(staffRole);
const units = z.array(z.string());
const objects = z.record(z.string(), z.unknown());
const actorKind = z.enum(['account', 'service', 'anonymous']);

export function toAccount(row: Selectable<StaffAccountsTable>): StaffAccountRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    roles: roles.parse(JSON.parse(row.roles)),
    units: units.parse(JSON.parse(row.units)),
    disabledAt: row.disabled_at,
    totpSecret: row.totp_secret,
    totpPendingSecret: row.totp_pending_secret,
    totpLastStep: row.totp_last_step,
    requireTotp: row.require_totp === true || row.require_totp === 1,
    oidcSubject: row.oidc_subject,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  };
}

export function accountRow(account: StaffAccountRecord, dialect: StoreDialect) {
  return {
    id: account.id,
    username: account.username,
    display_name: account.displayName,
    password_hash: account.passwordHash,
    roles: JSON.stringify(account.roles),
    units: JSON.stringify(account.units),
    disabled_at: account.disabledAt,
    totp_secret: account.totpSecret,
    totp_pending_secret: account.totpPendingSecret,
    totp_last_step: account.totpLastStep,
    require_totp: dialect.flag(account.requireTotp),
    oidc_subject: account.oidcSubject,
    created_at: account.createdAt,
    password_changed_at: account.passwordChangedAt,
  };
}

export function toSession(row: Selectable<StaffSessionsTable>): StaffSessionRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    address: row.address,
    endedAt: row.ended_at,
  };
}

export function auditRecord(row: Selectable<AuditLogTable>): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorKind: actorKind.parse(row.actor_kind),
    actorId: row.actor_id,
    actorName: row.actor_name,
    role: row.role,
    unit: row.unit,
    action: row.action,
    objects: objects.parse(JSON.parse(row.objects)),
    patientRef: row.patient_ref,
    address: row.address,
    result: row.result,
  };
}
