// The staff console's data messages (the "Console data API" of the staff contract; sign-in, accounts
// and the audit trail are in staff-messages.ts): orders with their
// state per questionnaire, extending and cancelling them, the questionnaires new orders may use, and
// one submission as the patient answered it. Only staffApi refers to these, so the patient's bundle
// leaves them out (a method call such as .check() is marked pure, or the bundler would keep it).
import { z } from 'zod/mini';
import { localisedText } from '../definition-parts.js';
import { measurementPoint } from './messages.js';

/** Where one questionnaire of an order stands. "completed" (the device has it done but unsent) is not known to the register. */
export const QuestionnaireState = {
  notClaimed: 'notClaimed',
  claimed: 'claimed',
  completed: 'completed',
  received: 'received',
  expired: 'expired',
} as const;
export type QuestionnaireState = (typeof QuestionnaireState)[keyof typeof QuestionnaireState];

/** A day (YYYY-MM-DD, UTC) or an exact time; the console sends the bounds of the staff member's local days. */
const periodBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const consoleOrdersQuery = z.object({
  patientRef: z.optional(/* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
  /** Orders with at least one questionnaire in this state. */
  state: z.optional(z.enum(QuestionnaireState)),
  /** Created at or after; a day means its start. */
  from: z.optional(periodBound),
  /** Created before; a day means its end. */
  to: z.optional(periodBound),
  /** From the previous page's nextCursor. */
  cursor: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(300))),
  /** Orders per page, 1 to 100 (25 when not given). */
  limit: z.optional(/* @__PURE__ */ z.string().check(z.regex(/^\d{1,3}$/, 'a whole number'))),
});
export type ConsoleOrdersQuery = z.infer<typeof consoleOrdersQuery>;

export const consoleQuestionnaire = z.object({
  key: z.string(),
  hash: z.string(),
  state: z.enum(QuestionnaireState),
  /** The submissions received for it, oldest first. */
  submissionIds: z.array(z.string()),
});
export type ConsoleQuestionnaire = z.infer<typeof consoleQuestionnaire>;

export const consoleOrder = z.object({
  id: z.string(),
  patientRef: z.string(),
  unit: z.nullable(z.string()),
  measurementPoint,
  questionnaires: z.array(consoleQuestionnaire),
  validFrom: z.string(),
  validUntil: z.string(),
  createdAt: z.string(),
  claimedAt: z.nullable(z.string()),
  releasedAt: z.nullable(z.string()),
  cancelledAt: z.nullable(z.string()),
});
export type ConsoleOrder = z.infer<typeof consoleOrder>;

export const consoleOrdersResponse = z.object({ orders: z.array(consoleOrder), nextCursor: z.nullable(z.string()) });
export type ConsoleOrdersResponse = z.infer<typeof consoleOrdersResponse>;

export const extendOrderRequest = z.strictObject({ validUntil: z.iso.datetime({ offset: true }) });
export const consoleOrderResponse = z.object({ order: consoleOrder });

/** A questionnaire new orders may use, for the order form. */
export const questionnaireChoice = z.object({ key: z.string(), title: localisedText, languages: z.array(z.string()) });
export type QuestionnaireChoice = z.infer<typeof questionnaireChoice>;
export const questionnaireChoicesResponse = z.object({ questionnaires: z.array(questionnaireChoice) });

export const submissionDetailParams = z.object({ submissionId: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(100)) });

/** One answer as the patient saw its question, in the language they answered in. */
export const shownAnswer = z.object({
  itemId: z.string(),
  kind: z.string(),
  /** The question's text from the pinned definition. */
  text: z.string(),
  isDeclined: z.boolean(),
  value: z.nullable(z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  /** For choices and labelled scale points: the texts of what was picked. */
  optionTexts: z.array(z.string()),
  /** The unit of a number, when the item has one. */
  unit: z.nullable(z.string()),
  /**
   * An answer in an entry of a repeating group (issue 18): the group, its title as the patient saw it
   * (null when it has none), and the entry's place counting from 1. The entries come in order.
   */
  entry: z.optional(z.object({ group: z.string(), groupTitle: z.nullable(z.string()), position: z.number() })),
});
export type ShownAnswer = z.infer<typeof shownAnswer>;

export const shownScore = z.object({
  id: z.string(),
  title: z.string(),
  /** Rounded to the score's decimals; null when there is no score (see noScoreReason). */
  value: z.nullable(z.number()),
  noScoreReason: z.nullable(z.string()),
  band: z.nullable(z.string()),
  flags: z.array(z.object({ id: z.string(), label: z.string(), isSet: z.boolean() })),
  /** A BMI compared by iso-BMI (IOTF): the iso-BMI when the enrolment holds birth month and sex and the patient was under 18; else null or absent. */
  isoBmi: z.optional(z.nullable(z.number())),
});
export type ShownScore = z.infer<typeof shownScore>;

export const submissionDetail = z.object({
  submissionId: z.string(),
  orderId: z.string(),
  patientRef: z.string(),
  measurementPoint: z.string(),
  unit: z.nullable(z.string()),
  questionnaireKey: z.string(),
  questionnaireTitle: z.string(),
  language: z.string(),
  answers: z.array(shownAnswer),
  scores: z.array(shownScore),
  notices: z.array(z.object({ id: z.string(), title: z.string() })),
  startedAt: z.string(),
  completedAt: z.string(),
  receivedAt: z.string(),
});
export type SubmissionDetail = z.infer<typeof submissionDetail>;

// ---- A patient's course: every score over time (the console's chart and table) ----

export const patientCourseParams = z.object({ patientRef: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(100)) });
/** The console's language: titles, bands and labels come from the definitions in it. */
export const patientCourseQuery = z.object({ language: z.optional(z.enum(['nb', 'nn', 'en'])) });

export const CourseChange = { improved: 'improved', deteriorated: 'deteriorated', unchanged: 'unchanged' } as const;

export const coursePoint = z.object({
  submissionId: z.string(),
  questionnaireKey: z.string(),
  measurementPoint: z.string(),
  completedAt: z.string(),
  receivedAt: z.string(),
  value: z.nullable(z.number()),
  band: z.nullable(z.string()),
  noScoreReason: z.nullable(z.string()),
  /** Against the first value of the course, by the definition's thresholds; null for the first, for no value, and where none are declared. */
  change: z.nullable(z.enum(['improved', 'deteriorated', 'unchanged'])),
  /** At the score's remission (target) level, where the definition declares one. */
  isRemission: z.boolean(),
  /** As in a submission's scores: the iso-BMI (IOTF) under 18, where the register has birth month and sex. */
  isoBmi: z.optional(z.nullable(z.number())),
});
export type CoursePoint = z.infer<typeof coursePoint>;

export const courseScore = z.object({
  id: z.string(),
  title: z.string(),
  /** Each band from its lower bound up to the next band's (null: unbounded). */
  bands: z.array(z.object({ label: z.string(), from: z.nullable(z.number()), to: z.nullable(z.number()) })),
  /** Which way is better, where the definition says (its change thresholds). */
  better: z.nullable(z.enum(['lower', 'higher'])),
  points: z.array(coursePoint),
});
export type CourseScore = z.infer<typeof courseScore>;

/** Without the patient reference: the caller sent it, and a reply to another unit's caller must not carry it. */
export const patientCourse = z.object({
  questionnaires: z.array(z.object({ id: z.string(), title: z.string(), scores: z.array(courseScore) })),
});
export type PatientCourse = z.infer<typeof patientCourse>;

// ---- Alerts for the patient's unit ----

export const alertsQuery = z.object({ state: z.optional(z.enum(['open', 'all'])) });
export const alertIdParams = z.object({ id: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(100)) });

export const consoleAlert = z.object({
  id: z.string(),
  submissionId: z.string(),
  patientRef: z.string(),
  unit: z.nullable(z.string()),
  questionnaireKey: z.string(),
  /** What raised it: an answer alert or a score's flag, with its label in every language of the definition. */
  raised: z.array(z.object({ kind: z.enum(['answer', 'flag']), id: z.string(), label: z.record(z.string(), z.string()) })),
  createdAt: z.string(),
  acknowledgedAt: z.nullable(z.string()),
  acknowledgedBy: z.nullable(z.string()),
  /** The e-mail to the unit's address: none (no address), pending, sent or failed. */
  emailStatus: z.enum(['none', 'pending', 'sent', 'failed']),
});
export type ConsoleAlert = z.infer<typeof consoleAlert>;
export const alertsResponse = z.object({ alerts: z.array(consoleAlert) });
