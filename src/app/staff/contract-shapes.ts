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

// One enrolment in full (GET /api/plan-enrolments/:id, and the answer of POST …/contact and
// …/stop-messages, from the plans branch), read by the fields the enrolment page shows.
const windowOrder = z.looseObject({
  id: z.string(),
  cancelledAt: z.nullable(z.string()),
  questionnaires: z.array(z.looseObject({ key: z.string(), state: z.string(), submissionIds: z.array(z.string()) })),
});
export const planEnrolmentDetail = z.looseObject({
  id: z.string(),
  patientRef: z.string(),
  unit: z.string(),
  plan: z.string(),
  language: z.string(),
  settings: z.record(z.string(), z.unknown()),
  enrolledAt: z.string(),
  pausedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
  events: z.array(z.looseObject({ name: z.string(), at: z.string(), recordedAt: z.string() })),
  windows: z.array(
    z.looseObject({
      timePoint: z.string(),
      occurrence: z.number(),
      outcome: z.string(),
      opensAt: z.string(),
      closesAt: z.string(),
      order: z.nullable(windowOrder),
    }),
  ),
  upcoming: z.array(
    z.looseObject({
      timePoint: z.string(),
      occurrence: z.number(),
      opensAt: z.string(),
      closesAt: z.string(),
      reminders: z.array(z.string()),
    }),
  ),
  contact: z.nullable(
    z.looseObject({
      email: z.nullable(z.string()),
      mobile: z.nullable(z.string()),
      language: z.string(),
      stoppedAt: z.nullable(z.string()),
      stoppedBy: z.nullable(z.string()),
    }),
  ),
  messages: z.array(
    z.looseObject({
      id: z.string(),
      kind: z.string(),
      channel: z.string(),
      timePoint: z.nullable(z.string()),
      occurrence: z.nullable(z.number()),
      scheduledAt: z.string(),
      status: z.string(),
      attempts: z.number(),
      nextAttemptAt: z.nullable(z.string()),
      sentAt: z.nullable(z.string()),
      lastError: z.nullable(z.string()),
      reason: z.nullable(z.string()),
    }),
  ),
});
export type PlanEnrolmentDetail = z.infer<typeof planEnrolmentDetail>;
export const planEnrolmentDetailResponse = z.object({ enrolment: planEnrolmentDetail });
export const planEnrolmentPaths = {
  one: '/api/plan-enrolments/:id',
  contact: '/api/plan-enrolments/:id/contact',
  stopMessages: '/api/plan-enrolments/:id/stop-messages',
} as const;
