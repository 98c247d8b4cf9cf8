// The register API's messages for measurement plans (staff): enrolling a patient reference in a
// plan at a unit, the clinical events staff record, pausing and ending, and coverage.
import { z } from 'zod/mini';
import { identifier, localisedText } from '../definition-parts.js';
import { duration, durationOrSetting } from '../plans/duration.js';
import { consoleQuestionnaire } from './console-messages.js';
import { planLanguages } from '../plans/plan.js';
import { birthMonth, subjectSex } from './subject-messages.js';

const patientRef = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
const unit = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(80));
/** Contact details as requests give them; checked further by the register (an address, a mobile number). */
const emailInput = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(3), z.maxLength(254));
const mobileInput = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(8), z.maxLength(32));

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
  /** For invitations and reminders, optional (kept encrypted while the enrolment lasts). */
  email: z.optional(emailInput),
  mobile: z.optional(mobileInput),
  /** Register data, optional: the patient's birth month (YYYY-MM) and sex, for measures adjusted for age (iso-BMI). */
  birthMonth: z.optional(birthMonth),
  sex: z.optional(subjectSex),
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
  /** Register data; null: not given (absent from a register older than it). */
  birthMonth: z.optional(z.nullable(z.string())),
  sex: z.optional(z.nullable(subjectSex)),
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
  /** Orders with an invitation sent (on any channel). */
  invitationsSent: z.nullable(z.int()),
  /** Completed orders whose last answer came after at least one reminder was sent. */
  completedAfterReminder: z.nullable(z.int()),
});
export type CoverageGroup = z.infer<typeof coverageGroup>;
export const coverageResponse = z.object({ period: z.enum(CoveragePeriod), groups: z.array(coverageGroup) });
export type CoverageResponse = z.infer<typeof coverageResponse>;

// ---- Contract for the staff console (issue 16): the plans, one enrolment in full, its contact and messages ----

/** A plan as staff pick it: its names in every language, its events, the settings a unit may set, its time points. */
export const planSummary = z.object({
  id: z.string(),
  version: z.string(),
  /** id@version: what an enrolment made now follows. */
  key: z.string(),
  title: localisedText.clone(),
  /** When reminders go out on their day, HH:MM Oslo time. */
  reminderTime: z.string(),
  /** The clinical events staff record, e.g. "discharged". */
  events: z.array(z.object({ id: z.string(), name: localisedText.clone() })),
  /** What a unit may set at enrolment (`settings` of the enrolment request), with the plan's default and bounds. */
  settings: z.array(
    z.object({ id: z.string(), name: localisedText.clone(), default: duration.clone(), min: duration.clone(), max: duration.clone() }),
  ),
  timePoints: z.array(
    z.object({
      id: z.string(),
      name: localisedText.clone(),
      questionnaires: z.array(z.string()),
      /** "enrolment" or one of the plan's events. */
      anchor: z.string(),
      offset: durationOrSetting.clone(),
      window: z.object({ opensBefore: z.optional(durationOrSetting.clone()), closesAfter: durationOrSetting.clone() }),
      repeat: z.optional(z.object({ every: durationOrSetting.clone(), until: z.string() })),
      /** After the window opens; empty when the time point sends none. */
      reminders: z.array(durationOrSetting.clone()),
    }),
  ),
});
export type PlanSummary = z.infer<typeof planSummary>;
export const plansResponse = z.object({ plans: z.array(planSummary) });
export type PlansResponse = z.infer<typeof plansResponse>;

/**
 * Staff set or replace the patient's contact details for messages. `email`/`mobile`: a value sets
 * it, null removes it, left out keeps it. Changed details are a new contact (not stopped), and the
 * windows still open get their invitation on it; `language` changes the enrolment's language too.
 * Refused (400 badRequest, details ["email"] or ["mobile"]) when a value is not an address or a number.
 */
export const setPlanContactRequest = z.strictObject({
  email: z.optional(z.nullable(emailInput)),
  /** Eight digits are taken as a Norwegian number; otherwise +<country code><number>. */
  mobile: z.optional(z.nullable(mobileInput)),
  language: z.optional(z.enum(planLanguages)),
});
export type SetPlanContactRequest = z.infer<typeof setPlanContactRequest>;

/** Where a message stands. stopped: messages to the contact were stopped (or it was forgotten); cancelled: it was no longer needed. */
export const PlanMessageStatus = {
  pending: 'pending',
  sent: 'sent',
  failed: 'failed',
  stopped: 'stopped',
  cancelled: 'cancelled',
} as const;
export type PlanMessageStatus = (typeof PlanMessageStatus)[keyof typeof PlanMessageStatus];

/** Why a message was stopped or cancelled. */
export const PlanMessageReason = {
  /** Every questionnaire of the order was answered. */
  answered: 'answered',
  /** The answer window closed first. */
  windowClosed: 'windowClosed',
  /** The enrolment was paused when it was due. */
  paused: 'paused',
  /** The enrolment ended: the contact details were forgotten. */
  ended: 'ended',
  /** Staff cancelled the order. */
  orderCancelled: 'orderCancelled',
  stoppedByPatient: 'stoppedByPatient',
  stoppedByStaff: 'stoppedByStaff',
  /** Staff gave new contact details: the new contact gets its own messages. */
  contactReplaced: 'contactReplaced',
} as const;
export type PlanMessageReason = (typeof PlanMessageReason)[keyof typeof PlanMessageReason];

export const planMessageSummary = z.object({
  id: z.string(),
  kind: z.enum(['invitation', 'reminder', 'alert']),
  channel: z.enum(['email', 'sms']),
  orderId: z.nullable(z.string()),
  /** The window the message is about (its order's), when it is one of this enrolment's. */
  timePoint: z.nullable(z.string()),
  occurrence: z.nullable(z.int()),
  scheduledAt: z.string(),
  status: z.enum(PlanMessageStatus),
  /** Attempts begun. */
  attempts: z.int(),
  /** Pending: when it is tried (again). */
  nextAttemptAt: z.nullable(z.string()),
  sentAt: z.nullable(z.string()),
  /** The last failed attempt's reason (status and error codes, never an address), e.g. "SMTP 550 5.1.1 (EENVELOPE)". */
  lastError: z.nullable(z.string()),
  /** Stopped or cancelled: why. */
  reason: z.nullable(z.enum(PlanMessageReason)),
});
export type PlanMessageSummary = z.infer<typeof planMessageSummary>;

/** The contact as staff see it: masked ("o•••@example.org", "•••• ••67"), never in the clear. */
export const planContactSummary = z.object({
  email: z.nullable(z.string()),
  mobile: z.nullable(z.string()),
  language: z.enum(planLanguages),
  stoppedAt: z.nullable(z.string()),
  stoppedBy: z.nullable(z.enum(['patient', 'staff'])),
});
export type PlanContactSummary = z.infer<typeof planContactSummary>;

/** An opened window with its order, each questionnaire's state as the console lists orders. */
export const planWindowDetail = z.object({
  timePoint: z.string(),
  occurrence: z.int(),
  outcome: z.enum(['ordered', 'missed', 'paused']),
  opensAt: z.string(),
  closesAt: z.string(),
  order: z.nullable(
    z.object({
      id: z.string(),
      validFrom: z.string(),
      validUntil: z.string(),
      createdAt: z.string(),
      claimedAt: z.nullable(z.string()),
      cancelledAt: z.nullable(z.string()),
      questionnaires: z.array(consoleQuestionnaire),
    }),
  ),
});
export type PlanWindowDetail = z.infer<typeof planWindowDetail>;

/** A window not yet open, as the plan gives it today (events recorded later can move or add windows). */
export const planUpcomingWindow = z.object({
  timePoint: z.string(),
  occurrence: z.int(),
  opensAt: z.string(),
  closesAt: z.string(),
  /** When its reminders are due. */
  reminders: z.array(z.string()),
});

/** One enrolment in full: GET /api/plan-enrolments/:id, and the answer of its contact and stop-messages routes. */
export const planEnrolmentDetail = z.object({
  id: z.string(),
  patientRef: z.string(),
  unit: z.string(),
  plan: z.string(),
  language: z.string(),
  settings: z.record(z.string(), z.unknown()),
  enrolledAt: z.string(),
  pausedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
  events: z.array(planEventSummary),
  /** Opened windows, in the order they opened. */
  windows: z.array(planWindowDetail),
  /** The next windows (up to a year ahead, at most 12). */
  upcoming: z.array(planUpcomingWindow),
  /** Null without contact details (none given, or forgotten when the enrolment ended). */
  contact: z.nullable(planContactSummary),
  /** Every message about this enrolment's orders, also to contacts since replaced or forgotten, by scheduled time. */
  messages: z.array(planMessageSummary),
  /** Register data; null: not given (absent from a register older than it). */
  birthMonth: z.optional(z.nullable(z.string())),
  sex: z.optional(z.nullable(subjectSex)),
});
export type PlanEnrolmentDetail = z.infer<typeof planEnrolmentDetail>;
export const planEnrolmentDetailResponse = z.object({ enrolment: planEnrolmentDetail });
export type PlanEnrolmentDetailResponse = z.infer<typeof planEnrolmentDetailResponse>;
