// The register's database, one description for both SQLite and PostgreSQL: the row types Kysely checks every query against,
// and the same tables as data (keys, columns in order, kinds) for migrate-to-postgres, which copies and hashes them. Times are
// ISO text and JSON is text on both; only claim_attempts' id and is_success differ in type (migrations.ts, dialect.ts).
import type { ColumnType, Generated } from 'kysely';
import { alertsSchema, type AlertsDatabase } from './schema-alerts.js';
import { staffSchema, type StaffDatabase } from './schema-staff.js';

export type * from './schema-staff.js';
import { planEnrolmentsSchema, type PlanEnrolmentsTable, type PlanEventsTable, type PlanOrdersTable } from './plan-schema.js';

export type { PlanEnrolmentsTable, PlanEventsTable, PlanOrdersTable } from './plan-schema.js';

export interface DefinitionsTable {
  key: string;
  hash: string;
  json: string;
  stored_at: string;
}

export interface OrdersTable {
  id: string;
  patient_ref: string;
  measurement_point: string;
  /** JSON: the ordered questionnaires, `{ key, hash }` each. */
  questionnaires: string;
  valid_from: string;
  valid_until: string;
  created_at: string;
  code_hash: string;
  encryption_kid: string;
  unit: string | null;
  /** JSON: the claiming device's public key. */
  device_key: string | null;
  device_thumbprint: string | null;
  claimed_at: string | null;
  released_at: string | null;
  /** When staff cancelled the order (migration 0005); a cancelled order cannot be claimed. */
  cancelled_at: string | null;
}

/** 0/1 in SQLite, a boolean in PostgreSQL: written through the dialect's flag(). */
type Flag = ColumnType<number | boolean, number | boolean, number | boolean>;

export interface ClaimAttemptsTable {
  id: Generated<number>;
  address: string;
  at: string;
  is_success: Flag;
}

export interface SubmissionsTable {
  submission_id: string;
  order_id: string;
  /** The `id@version` of the definition answered (`definitionKey` in the code). */
  questionnaire_key: string;
  definition_hash: string;
  token: string;
  token_hash: string;
  payload_hash: string;
  device_thumbprint: string | null;
  device_key: string | null;
  answers: string;
  scores: string | null;
  device_scores: string | null;
  notices_shown: string;
  language: string;
  started_at: string;
  completed_at: string;
  app_version: string;
  received_at: string;
  receipt: string;
  /**
   * Null for the submission that answers its questionnaire of the order; set only on submissions to
   * a questionnaire already answered that were stored before one per questionnaire was kept: the
   * submission id that answers it (migration 0002).
   */
  duplicate_of: string | null;
  /** JSON: the time checks that did not hold (receive-checks.ts), or null when all held. */
  time_flags: string | null;
}

export interface EnrolmentsTable {
  code_hash: string;
  unit: string;
  created_at: string;
  valid_until: string;
  /** How many more tablets the code may enrol (migration 0003). */
  uses_left: number;
}

export interface TabletsTable {
  id: string;
  unit: string;
  token_hash: string;
  enrolled_at: string;
  /** The label staff gave it, if any (migration 0003, as are the next two). */
  name: string | null;
  /** When it last called the register with its token, kept to the minute. */
  last_seen_at: string | null;
  /** When staff revoked it: its token is refused from then on. */
  revoked_at: string | null;
}

export interface ContactsTable {
  id: string;
  /** The enrolment the contact belongs to, as an opaque id. */
  enrolment_ref: string;
  /** AES-256-GCM, `iv.ciphertext.tag` in base64url (notify/contact-crypto.ts). */
  email_enc: string | null;
  phone_enc: string | null;
  language: string;
  stopped_at: string | null;
  /** 'patient' (the stop link) or 'staff'. */
  stopped_by: string | null;
  created_at: string;
}

export interface MessagesTable {
  id: string;
  contact_id: string;
  /** invitation | reminder | alert */
  kind: string;
  /** email | sms */
  channel: string;
  order_id: string | null;
  scheduled_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  /** Until when one deliverer holds the message; others pass it by. */
  lease_until: string | null;
  /** pending | sent | failed | stopped | cancelled; `reason` says why stopped or cancelled (messageReason) */
  status: string;
  /** Why the last attempt failed; never an address. */
  last_error: string | null;
  sent_at: string | null;
  /** sha256 of the stop link's token in the last message sent. */
  stop_token_hash: string | null;
  reason: string | null;
}

export interface Database extends StaffDatabase, AlertsDatabase {
  definitions: DefinitionsTable;
  orders: OrdersTable;
  claim_attempts: ClaimAttemptsTable;
  submissions: SubmissionsTable;
  enrolments: EnrolmentsTable;
  tablets: TabletsTable;
  contacts: ContactsTable;
  messages: MessagesTable;
  plan_enrolments: PlanEnrolmentsTable;
  plan_events: PlanEventsTable;
  plan_orders: PlanOrdersTable;
}

export type ColumnKind = 'text' | 'nullableText' | 'integer' | 'boolean';

type TableShape<Row> = { key: keyof Row & string; columns: { [Column in keyof Row & string]: ColumnKind } };

/**
 * Every table, in an order that keeps foreign keys satisfied (orders before submissions), with its
 * primary key and its columns in copying order. `satisfies` ties it to the row types above: a
 * column added there and not here (or the other way round) does not compile.
 */
export const registerSchema = {
  definitions: { key: 'key', columns: { key: 'text', hash: 'text', json: 'text', stored_at: 'text' } },
  orders: {
    key: 'id',
    columns: {
      id: 'text',
      patient_ref: 'text',
      measurement_point: 'text',
      questionnaires: 'text',
      valid_from: 'text',
      valid_until: 'text',
      created_at: 'text',
      code_hash: 'text',
      encryption_kid: 'text',
      unit: 'nullableText',
      device_key: 'nullableText',
      device_thumbprint: 'nullableText',
      claimed_at: 'nullableText',
      released_at: 'nullableText',
      cancelled_at: 'nullableText',
    },
  },
  // Kept so the limits on guessing access codes hold across a move.
  claim_attempts: { key: 'id', columns: { id: 'integer', address: 'text', at: 'text', is_success: 'boolean' } },
  submissions: {
    key: 'submission_id',
    columns: {
      submission_id: 'text',
      order_id: 'text',
      questionnaire_key: 'text',
      definition_hash: 'text',
      token: 'text',
      token_hash: 'text',
      payload_hash: 'text',
      device_thumbprint: 'nullableText',
      device_key: 'nullableText',
      answers: 'text',
      scores: 'nullableText',
      device_scores: 'nullableText',
      notices_shown: 'text',
      language: 'text',
      started_at: 'text',
      completed_at: 'text',
      app_version: 'text',
      received_at: 'text',
      receipt: 'text',
      duplicate_of: 'nullableText',
      time_flags: 'nullableText',
    },
  },
  enrolments: {
    key: 'code_hash',
    columns: { code_hash: 'text', unit: 'text', created_at: 'text', valid_until: 'text', uses_left: 'integer' },
  },
  tablets: {
    key: 'id',
    columns: {
      id: 'text',
      unit: 'text',
      token_hash: 'text',
      enrolled_at: 'text',
      name: 'nullableText',
      last_seen_at: 'nullableText',
      revoked_at: 'nullableText',
    },
  },
  // Contact details move encrypted, as they are stored: the same register keys open them.
  contacts: {
    key: 'id',
    columns: {
      id: 'text',
      enrolment_ref: 'text',
      email_enc: 'nullableText',
      phone_enc: 'nullableText',
      language: 'text',
      stopped_at: 'nullableText',
      stopped_by: 'nullableText',
      created_at: 'text',
    },
  },
  messages: {
    key: 'id',
    columns: {
      id: 'text',
      contact_id: 'text',
      kind: 'text',
      channel: 'text',
      order_id: 'nullableText',
      scheduled_at: 'text',
      attempts: 'integer',
      next_attempt_at: 'text',
      lease_until: 'nullableText',
      status: 'text',
      last_error: 'nullableText',
      sent_at: 'nullableText',
      stop_token_hash: 'nullableText',
      reason: 'nullableText',
    },
  },
  ...alertsSchema,
  ...staffSchema,
  ...planEnrolmentsSchema,
  plan_events: {
    key: 'id',
    columns: { id: 'text', enrolment_id: 'text', name: 'text', at: 'text', recorded_at: 'text', recorded_by: 'text' },
  },
  plan_orders: {
    key: 'id',
    columns: {
      id: 'text',
      enrolment_id: 'text',
      time_point: 'text',
      occurrence: 'integer',
      order_id: 'nullableText',
      outcome: 'text',
      opens_at: 'text',
      closes_at: 'text',
      recorded_at: 'text',
    },
  },
} as const satisfies { [Table in keyof Database]: TableShape<Database[Table]> };
