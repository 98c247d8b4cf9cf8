// What the register keeps of measurement plans: the enrolments, the clinical events staff record,
// and one row per scheduled window (its order, or why none was made). Read and written in
// plan-operations.ts; what they mean is the scheduler's (scheduler.ts) and the plan desk's.
import type { Sex } from '../../core/iso-bmi.js';

export interface PlanEnrolmentRecord {
  id: string;
  patientRef: string;
  unit: string;
  /** The plan's id@version and content hash, pinned at enrolment. */
  planKey: string;
  planHash: string;
  language: string;
  /** The unit's values for the plan's settings, by setting id. */
  settings: Record<string, unknown>;
  enrolledAt: string;
  createdAt: string;
  pausedAt: string | null;
  endedAt: string | null;
  /** The patient's contact details, kept by messages; null without. */
  contactId: string | null;
  /** Register data given by staff (never asked of the patient): birth month YYYY-MM and sex. Left out on insert: not given. */
  birthMonth?: string | null;
  sex?: Sex | null;
}

/** What staff give of the patient as register data; null: not given. */
export interface EnrolmentSubjectRecord {
  birthMonth: string | null;
  sex: Sex | null;
}

export interface PlanEventRecord {
  id: string;
  enrolmentId: string;
  /** The plan's event id. */
  name: string;
  at: string;
  recordedAt: string;
  /** Who recorded it: "staff" while the register has one staff token. */
  recordedBy: string;
}

export const PlanOrderOutcome = {
  /** The order was made when the window opened (or the scheduler caught up while it was open). */
  ordered: 'ordered',
  /** The window closed while no scheduler ran: no order was made, and this says so. */
  missed: 'missed',
  /** The window closed while the enrolment was paused. */
  paused: 'paused',
} as const;
export type PlanOrderOutcome = (typeof PlanOrderOutcome)[keyof typeof PlanOrderOutcome];

export interface PlanOrderRecord {
  enrolmentId: string;
  timePoint: string;
  occurrence: number;
  orderId: string | null;
  outcome: PlanOrderOutcome;
  opensAt: string;
  closesAt: string;
  recordedAt: string;
}

/** A window for coverage: its enrolment's unit and plan, and its order's progress (when one was made). */
export interface CoverageRow extends PlanOrderRecord {
  unit: string;
  planKey: string;
  patientRef: string;
  order: {
    claimedAt: string | null;
    validUntil: string;
    questionnaireCount: number;
    answeredCount: number;
    /** Whether an invitation about it was sent (on any channel). */
    isInvited: boolean;
    /** When the first reminder about it was sent, and when its last answer was received. */
    firstReminderSentAt: string | null;
    lastReceivedAt: string | null;
  } | null;
}

/** Which units a caller may see: all, or these (staff roles will narrow it). */
export type UnitScope = readonly string[] | 'all';

export interface PlanStoreOperations {
  /** Unless an enrolment with its id is stored. */
  insertPlanEnrolment(enrolment: PlanEnrolmentRecord): Promise<boolean>;
  getPlanEnrolment(id: string): Promise<PlanEnrolmentRecord | undefined>;
  listPlanEnrolments(filter: { units: UnitScope; patientRef?: string; unit?: string; isActive?: boolean }): Promise<PlanEnrolmentRecord[]>;
  /** Sets paused_at (a date) or clears it (null), unless the enrolment has ended; whether it changed. */
  setPlanEnrolmentPaused(id: string, pausedAt: string | null): Promise<boolean>;
  /** Ends the enrolment unless it has ended; whether it did. */
  endPlanEnrolment(id: string, at: string): Promise<boolean>;
  /** Points the enrolment at its (new) contact, or at none. */
  setPlanEnrolmentContact(id: string, contactId: string | null): Promise<void>;
  setPlanEnrolmentLanguage(id: string, language: string): Promise<void>;
  /** Sets the birth month and sex (register data), ended or not. */
  setPlanEnrolmentSubject(id: string, subject: EnrolmentSubjectRecord): Promise<void>;
  insertPlanEvent(event: PlanEventRecord): Promise<void>;
  /** In the order they were recorded. */
  listPlanEvents(enrolmentId: string): Promise<PlanEventRecord[]>;
  /** Unless the window has its row already (written by this or another instance). */
  insertPlanOrder(link: PlanOrderRecord): Promise<boolean>;
  listPlanOrders(enrolmentId: string): Promise<PlanOrderRecord[]>;
  coverageRows(units: UnitScope): Promise<CoverageRow[]>;
}
