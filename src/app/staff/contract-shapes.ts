// The shapes of the staff contract's session, accounts, audit and tablet routes, as the console reads
// them. Those routes are built on other branches (auth, tablets); when their messages land in
// src/core/protocol/staff-messages.ts these give way to them.
import { z } from 'zod/mini';

export const staffRoles = ['clinician', 'register', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

const units = z.union([z.array(z.string()), z.literal('all')]);

export const sessionInfo = z.object({
  account: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(staffRoles)),
    units,
    hasTotp: z.boolean(),
    mustEnrolTotp: z.boolean(),
  }),
  csrfToken: z.string(),
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const staffAccount = z.looseObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(staffRoles)),
  units,
  disabled: z.optional(z.boolean()),
  requireTotp: z.optional(z.boolean()),
});
export type StaffAccount = z.infer<typeof staffAccount>;
export const accountsResponse = z.object({ accounts: z.array(staffAccount) });
export const createdAccount = z.object({ account: staffAccount, setupLink: z.string() });
export const setupLinkResponse = z.object({ setupLink: z.string() });

export const auditEntry = z.looseObject({
  at: z.string(),
  actor: z.optional(z.unknown()),
  action: z.string(),
  objects: z.optional(z.unknown()),
  result: z.optional(z.unknown()),
  address: z.optional(z.nullable(z.string())),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditResponse = z.object({ entries: z.array(auditEntry), nextCursor: z.nullable(z.string()) });

export const tablet = z.looseObject({
  id: z.string(),
  unit: z.string(),
  enrolledAt: z.string(),
  name: z.optional(z.nullable(z.string())),
  lastSeenAt: z.optional(z.nullable(z.string())),
  revokedAt: z.optional(z.nullable(z.string())),
});
export type Tablet = z.infer<typeof tablet>;
export const tabletsResponse = z.object({ tablets: z.array(tablet) });

export const anyJson = z.unknown();
