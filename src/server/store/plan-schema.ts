// The plan tables' rows (migration 0007-plan-enrolments), part of the Database in schema.ts.

export interface PlanEnrolmentsTable {
  id: string;
  patient_ref: string;
  unit: string;
  /** The plan's id@version and its content hash: the plan version the enrolment follows. */
  plan_key: string;
  plan_hash: string;
  language: string;
  /** JSON: the unit's values for the plan's settings. */
  settings: string;
  enrolled_at: string;
  created_at: string;
  paused_at: string | null;
  ended_at: string | null;
  /** The patient's contact details (kept by messages), if any. */
  contact_id: string | null;
  /** Register data (migration 0010-isobmi17-enrolment-subject): the patient's birth month, YYYY-MM, and sex, female or male. */
  birth_month: string | null;
  sex: string | null;
}

/** plan_enrolments for migrate-to-postgres; schema.ts joins it to registerSchema, where `satisfies` checks it against the row type. */
export const planEnrolmentsSchema = {
  plan_enrolments: {
    key: 'id',
    columns: {
      id: 'text',
      patient_ref: 'text',
      unit: 'text',
      plan_key: 'text',
      plan_hash: 'text',
      language: 'text',
      settings: 'text',
      enrolled_at: 'text',
      created_at: 'text',
      paused_at: 'nullableText',
      ended_at: 'nullableText',
      contact_id: 'nullableText',
      birth_month: 'nullableText',
      sex: 'nullableText',
    },
  },
} as const;

export interface PlanEventsTable {
  id: string;
  enrolment_id: string;
  /** The plan's event id, e.g. "discharged". */
  name: string;
  at: string;
  recorded_at: string;
  recorded_by: string;
}

export interface PlanOrdersTable {
  /** `<enrolment>/<time point>/<occurrence>`: the window itself, written once. */
  id: string;
  enrolment_id: string;
  time_point: string;
  occurrence: number;
  /** The order made for the window; null when none was (see outcome). */
  order_id: string | null;
  /** 'ordered', or 'missed' (closed while the scheduler was not running), or 'paused' (closed while the enrolment was paused). */
  outcome: string;
  opens_at: string;
  closes_at: string;
  recorded_at: string;
}
