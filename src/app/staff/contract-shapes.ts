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

// Measurement plans (issue 16): the published plans (GET /api/plans) and one enrolment in full
// (GET /api/plan-enrolments/:id, and the answer of its contact and stop-messages routes).
export {
  planEnrolmentDetailResponse,
  plansResponse,
  type PlanEnrolmentDetail,
  type PlanSummary as PublishedPlan,
} from '../../core/index.js';
