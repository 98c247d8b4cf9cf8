// Alerts for a patient's unit (issue 17): a submission whose answers the definition marks as alerting
// (an answer, or a score's flag) gets one row, which the unit sees in the console until someone
// acknowledges it, and which carries the state of the e-mail that tells the unit's address.
import type { Kysely } from 'kysely';

export async function createAlerts(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().unique().references('submissions.submission_id'));
  for (const column of ['order_id', 'patient_ref', 'questionnaire_key', 'raised', 'created_at', 'email_status'])
    table = table.addColumn(column, 'text', (c) => c.notNull());
  for (const column of ['unit', 'acknowledged_at', 'acknowledged_by', 'email_next_at', 'email_error'])
    table = table.addColumn(column, 'text');
  await table.addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('alerts_open').on('alerts').columns(['acknowledged_at', 'unit']).execute();
  await db.schema.createIndex('alerts_email_due').on('alerts').columns(['email_status', 'email_next_at']).execute();
}
