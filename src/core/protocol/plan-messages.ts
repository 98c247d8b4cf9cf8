// The register API's messages for measurement plans (staff): enrolling a patient reference in a
// plan at a unit, the clinical events staff record, pausing and ending, and coverage.
import { z } from 'zod/mini';
import { identifier } from '../definition-parts.js';
import { duration } from '../plans/duration.js';
import { planLanguages } from '../plans/plan.js';

const patientRef = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
const unit = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

export const enrolInPlanRequest = z.strictObject({
  /** The register's pseudonymous patient reference; never a national identity number. */
  patientRef,
  /** The plan's id, e.g. "kvarus": the enrolment follows the version the register has loaded now. */
  plan: identifier.clone(),
  unit,
  /** The language the patient's messages are written in. */
  language: z.enum(planLanguages),
  /** The unit's values for the plan's settings, by setting id; the plan's defaults for the rest. */
  settings: z.optional(z.record(identifier.clone(), duration.clone())),
  /** When the patient was enrolled (the anchor "enrolment"); now when not given. */
  enrolledAt: z.optional(z.iso.datetime({ offset: true })),
});
export type EnrolInPlanRequest = z.infer<typeof enrolInPlanRequest>;

export const planEventSummary = z.object({ name: z.string(), at: z.string(), recordedAt: z.string() });

/** A window of the enrolment's schedule that has opened, and what became of it. */
export const planWindowSummary = z.object({
  timePoint: z.string(),
  occurrence: z.int(),
  /** ordered; missed: closed while no scheduler ran; paused: closed while the enrolment was paused. */
  outcome: z.enum(['ordered', 'missed', 'paused']),
  orderId: z.nullable(z.string()),
  opensAt: z.string(),
  closesAt: z.string(),
});

export const planEnrolmentSummary = z.object({
  id: z.string(),
  patientRef: z.string(),
  unit: z.string(),
  /** The plan's id@version the enrolment follows. */
  plan: z.string(),
  language: z.string(),
  settings: z.record(z.string(), z.unknown()),
  enrolledAt: z.string(),
  pausedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
  events: z.array(planEventSummary),
  windows: z.array(planWindowSummary),
});
export type PlanEnrolmentSummary = z.infer<typeof planEnrolmentSummary>;

export const planEnrolmentResponse = z.object({ enrolment: planEnrolmentSummary });
export const planEnrolmentsQuery = z.object({ patientRef: z.optional(z.string()), unit: z.optional(z.string()) });
export const planEnrolmentsResponse = z.object({ enrolments: z.array(planEnrolmentSummary) });
export const planEnrolmentIdParams = z.object({ id: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(100)) });

export const recordPlanEventRequest = z.strictObject({
  /** The plan's event id, e.g. "discharged". */
  name: identifier.clone(),
  /** When it happened (a date counts from 00:00 Oslo time on that day). */
  at: z.iso.datetime({ offset: true }),
});
export type RecordPlanEventRequest = z.infer<typeof recordPlanEventRequest>;

export const CoveragePeriod = { month: 'month', quarter: 'quarter', year: 'year' } as const;
export type CoveragePeriod = (typeof CoveragePeriod)[keyof typeof CoveragePeriod];

export const coverageQuery = z.object({ period: z.optional(z.enum(CoveragePeriod)) });

/** Counts of one group; null in every count when the group has fewer than five patients. */
export const coverageGroup = z.object({
  unit: z.string(),
  plan: z.string(),
  timePoint: z.string(),
  /** The Oslo month (2027-03), quarter (2027-Q1) or year its windows opened in. */
  period: z.string(),
  /** True when the group has fewer than five patients: its counts are not shown ("fewer than 5"). */
  isSuppressed: z.boolean(),
  patients: z.nullable(z.int()),
  /** Windows that opened and were due: ordered, plus missed (closed while no scheduler ran); not those closed while paused. */
  windows: z.nullable(z.int()),
  created: z.nullable(z.int()),
  claimed: z.nullable(z.int()),
  completed: z.nullable(z.int()),
  expired: z.nullable(z.int()),
  missed: z.nullable(z.int()),
  /** completed / windows, 0–1. */
  responseRate: z.nullable(z.number()),
});
export type CoverageGroup = z.infer<typeof coverageGroup>;
export const coverageResponse = z.object({ period: z.enum(CoveragePeriod), groups: z.array(coverageGroup) });
export type CoverageResponse = z.infer<typeof coverageResponse>;
