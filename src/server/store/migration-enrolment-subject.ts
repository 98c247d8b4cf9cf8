// Migration 0010-isobmi17-enrolment-subject: the patient's birth month (YYYY-MM) and sex on a plan
// enrolment, register data given by staff (never asked of the patient), for measures adjusted for age
// such as iso-BMI. Both optional: enrolments made before it have neither.
import type { Kysely } from 'kysely';

export async function addEnrolmentSubject(db: Kysely<unknown>): Promise<void> {
  // One column a statement: SQLite adds no more at once.
  for (const column of ['birth_month', 'sex']) await db.schema.alterTable('plan_enrolments').addColumn(column, 'text').execute();
}
