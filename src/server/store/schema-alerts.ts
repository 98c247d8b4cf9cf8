// The alerts table (migration 0009-alerts, migration-alerts.ts), as a row type and as data for
// migrate-to-postgres; schema.ts joins it to the register's Database and registerSchema.
import type { ColumnType } from 'kysely';

/** A submission whose answers raised alerts for the patient's unit (alerts.ts in core), one row each. */
export interface AlertsTable {
  id: string;
  submission_id: string;
  order_id: string;
  unit: string | null;
  patient_ref: string;
  questionnaire_key: string;
  /** JSON: the raised alerts, each { kind, id, label } with the label in every language. */
  raised: string;
  created_at: string;
  acknowledged_at: string | null;
  /** The account (or service account) that acknowledged it. */
  acknowledged_by: string | null;
  /** none (the unit has no address) | pending | sent | failed */
  email_status: string;
  email_attempts: ColumnType<number, number | undefined, number>;
  /** When the e-mail is next due; a deliverer moves it on to hold the row while it sends (a lease). */
  email_next_at: string | null;
  email_error: string | null;
}

export interface AlertsDatabase {
  alerts: AlertsTable;
}

export const alertsSchema = {
  alerts: {
    key: 'id',
    columns: {
      id: 'text',
      submission_id: 'text',
      order_id: 'text',
      unit: 'nullableText',
      patient_ref: 'text',
      questionnaire_key: 'text',
      raised: 'text',
      created_at: 'text',
      acknowledged_at: 'nullableText',
      acknowledged_by: 'nullableText',
      email_status: 'text',
      email_attempts: 'integer',
      email_next_at: 'nullableText',
      email_error: 'nullableText',
    },
  },
} as const;
