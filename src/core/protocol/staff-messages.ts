// The staff side's messages: accounts and roles, sign-in and sessions, the second factor, setup
// links, and the audit trail. The console (src/app) and the register (src/server) both parse them.
import { z } from 'zod/mini';

export const StaffRole = { clinician: 'clinician', register: 'register', admin: 'admin' } as const;
export type StaffRole = (typeof StaffRole)[keyof typeof StaffRole];
export const staffRole = z.enum(StaffRole);

/** The units a principal may see: a clinician's own, or every unit (register staff and the service account). */
export const staffUnits = z.union([z.array(z.string()), z.literal('all')]);
export type StaffUnits = readonly string[] | 'all';

/** Staff passwords are at least this long (NIST SP 800-63B: length over composition rules). */
export const staffPasswordMinLength = 12;

export const username = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(80));
const displayName = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
const unitName = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(80));
/** Limited in length only here; the register checks the minimum (it may be configured higher) and answers passwordTooShort. */
const password = /* @__PURE__ */ z.string().check(z.maxLength(1024));

// ---- Sign-in and sessions ----

export const signInRequest = z.strictObject({ username, password, totp: z.optional(z.string().check(z.maxLength(12))) });
export type SignInRequest = z.infer<typeof signInRequest>;

export const sessionAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(staffRole),
  units: staffUnits,
  hasTotp: z.boolean(),
  /** An admin requires a second factor and the account has none yet: only the TOTP and session routes answer. */
  mustEnrolTotp: z.boolean(),
});
export const sessionInfo = z.object({
  account: sessionAccount,
  /** Sent back as the X-CSRF-Token header on every POST made with the session cookie. */
  csrfToken: z.string(),
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const sessionEndedResponse = z.object({ ended: z.int() });

/** How staff can sign in here: local accounts, and an OpenID Connect provider by the name on its button (or none). */
/** The OpenID Connect sign-in's pages (not API calls): the console links to start; the provider returns to callback. */
export const oidcPaths = { start: '/api/staff/oidc/start', callback: '/api/staff/oidc/callback' } as const;

export const sessionConfig = z.object({ local: z.boolean(), oidc: z.nullable(z.object({ name: z.string() })) });
export type SessionConfig = z.infer<typeof sessionConfig>;

/** From a one-time link: the first administrator, a new account's first password, or a reset. */
export const setupRequest = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(200)), username, displayName, password });
export type SetupRequestBody = z.infer<typeof setupRequest>;
export const setupResponse = z.object({ account: sessionAccount });

// ---- Second factor (own account) ----

export const totpStartResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpConfirmRequest = z.strictObject({ code: z.string().check(z.regex(/^\d{6}$/)) });
export const totpConfirmResponse = z.object({ hasTotp: z.boolean() });

// ---- Accounts (admin) ----

export const staffAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(staffRole),
  units: z.array(z.string()),
  isDisabled: z.boolean(),
  requireTotp: z.boolean(),
  hasTotp: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
export type StaffAccount = z.infer<typeof staffAccount>;

export const accountsResponse = z.object({ accounts: z.array(staffAccount) });
export const createAccountRequest = z.strictObject({
  username,
  displayName,
  roles: /* @__PURE__ */ z.array(staffRole).check(z.minLength(1), z.maxLength(3)),
  units: /* @__PURE__ */ z.array(unitName).check(z.maxLength(50)),
  requireTotp: z.optional(z.boolean()),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequest>;
export const accountWithLink = z.object({ account: staffAccount, setupLink: z.string() });
export const accountIdParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) });
export const updateAccountRequest = z.strictObject({
  displayName: z.optional(displayName),
  roles: z.optional(/* @__PURE__ */ z.array(staffRole).check(z.minLength(1), z.maxLength(3))),
  units: z.optional(/* @__PURE__ */ z.array(unitName).check(z.maxLength(50))),
  disabled: z.optional(z.boolean()),
  requireTotp: z.optional(z.boolean()),
});
export type UpdateAccountRequest = z.infer<typeof updateAccountRequest>;
export const accountResponse = z.object({ account: staffAccount });
export const resetLinkResponse = z.object({ setupLink: z.string() });

// ---- Audit trail (admin, register) ----

export const auditQuery = z.object({
  actor: z.optional(z.string()),
  patientRef: z.optional(z.string()),
  from: z.optional(z.iso.datetime({ offset: true })),
  to: z.optional(z.iso.datetime({ offset: true })),
  /** The seq to continue below (entries come newest first). */
  cursor: z.optional(z.string().check(z.regex(/^\d{1,15}$/))),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntry = z.object({
  seq: z.int(),
  at: z.string(),
  actorKind: z.enum(['account', 'service', 'anonymous']),
  actorId: z.nullable(z.string()),
  actorName: z.nullable(z.string()),
  role: z.nullable(z.string()),
  unit: z.nullable(z.string()),
  action: z.string(),
  objects: z.record(z.string(), z.unknown()),
  patientRef: z.nullable(z.string()),
  address: z.string(),
  result: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditResponse = z.object({ entries: z.array(auditEntry), nextCursor: z.nullable(z.string()) });
