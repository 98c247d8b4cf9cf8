// The shapes the console reads that are not the console data API's: the staff side's (sign-in,
// accounts, the audit trail; src/core/protocol/staff-messages.ts) and the tablets' list, whose routes
// come from the tablets branch (GET /api/tablets, POST /api/tablets/:id/revoke) and are read here by
// the fields the console shows until that branch's messages are merged.
import { z } from 'zod/mini';

export {
  accountsResponse,
  accountWithLink as createdAccount,
  auditResponse,
  resetLinkResponse as setupLinkResponse,
  sessionInfo,
  staffPasswordMinLength,
  type AuditEntry,
  type SessionInfo,
  type StaffAccount,
  type StaffRole,
} from '../../core/index.js';

export const staffRoles = ['clinician', 'register', 'admin'] as const;

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

/** An answer the console does not read (it says what it did from what it asked). */
export const anyJson = z.unknown();

// The published plans (GET /api/plans, from the plans branch), read by the fields the plan screens
// show: titles, time points, clinical events and the settings a unit may choose at enrolment.
const spanShape = z.looseObject({ months: z.optional(z.number()), weeks: z.optional(z.number()), days: z.optional(z.number()) });
const namedShape = z.looseObject({ id: z.string(), name: z.record(z.string(), z.string()) });
export const publishedPlan = z.looseObject({
  id: z.string(),
  version: z.string(),
  title: z.record(z.string(), z.string()),
  timePoints: z.array(namedShape),
  events: z.optional(z.array(namedShape)),
  settings: z.optional(z.array(z.looseObject({ ...namedShape.shape, default: spanShape, min: spanShape, max: spanShape }))),
});
export type PublishedPlan = z.infer<typeof publishedPlan>;
export const plansResponse = z.object({ plans: z.array(publishedPlan) });
