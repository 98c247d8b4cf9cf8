// The patient's register data on a plan enrolment (issue 17, iso-BMI): birth month and sex, given by
// staff at enrolment or later, never asked of the patient.
import { z } from 'zod/mini';
import type { Sex } from '../iso-bmi.js';
import { osloDateOf } from '../plans/oslo-time.js';

/** The earliest birth month the register takes. */
export const earliestBirthMonth = '1900-01';

/** This month on the Norwegian calendar, YYYY-MM: the latest birth month the register takes. */
export function currentBirthMonth(now: Date = new Date()): string {
  const { year, month } = osloDateOf(now);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * The patient's birth month as register data, YYYY-MM (the day is not kept): a real month, not before
 * 1900 and not after this month.
 */
export const birthMonth = /* @__PURE__ */ z.string().check(
  z.trim(),
  z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a birth month is written YYYY-MM'),
  z.refine((value) => value >= earliestBirthMonth, 'a birth month is not before 1900'),
  z.refine((value) => value <= currentBirthMonth(), 'a birth month is not in the future'),
);

/** The patient's sex as register data (the reference tables for iso-BMI are by sex). */
export const subjectSex = /* @__PURE__ */ z.enum(['female', 'male'] satisfies Sex[]);
export type SubjectSex = z.infer<typeof subjectSex>;

/**
 * Staff set or correct the patient's register data on an enrolment (also after it has ended): a value
 * sets it, null removes it, left out keeps it. Never asked of the patient, never in logs.
 */
export const setPlanSubjectRequest = z.strictObject({
  birthMonth: z.optional(z.nullable(birthMonth)),
  sex: z.optional(z.nullable(subjectSex)),
});
export type SetPlanSubjectRequest = z.infer<typeof setPlanSubjectRequest>;
