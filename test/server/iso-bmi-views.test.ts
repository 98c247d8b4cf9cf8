// iso-BMI where clinicians look: a submission's detail and the patient's course show, beside the
// EDE-Q BMI (the score NorSpis's indicator compares by iso-BMI), its iso-BMI when the patient's
// enrolment holds birth month and sex and the patient was under 18 on the day of answering; an adult
// and a patient without the data get none. On both stores, through the register's own routes.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { patientCourse, submissionDetail, type Answers } from '../../src/core/index.js';
import { ageFromBirthMonth, isoBmi } from '../../src/core/iso-bmi.js';
import { formatDate, osloDateOf } from '../../src/core/plans/oslo-time.js';
import { claimed, register, submit, useFreshRegister } from './submissions-fixture.js';
import { payloadFor, sealFor } from './setup.js';

useFreshRegister();

const edeq = JSON.parse(readFileSync('questionnaires/ede-q-6.0.1.json', 'utf8')) as { examples: { answers: Record<string, unknown> }[] };

/** The first worked example's answers, at 160 cm and 41 kg: BMI 41 / 1.6² = 16.015…, shown as 16.0. */
const answers: Answers = Object.fromEntries(
  Object.entries({ ...edeq.examples[0]?.answers, height: 160, weight: 41 }).map(([id, value]) => [id, { value }]),
) as Answers;

/** The month `years` whole years before this one, YYYY-MM. */
const monthsAgo = (years: number) =>
  formatDate(osloDateOf(new Date()))
    .slice(0, 7)
    .replace(/^\d{4}/, (year) => String(Number(year) - years));

async function answered(patientRef: string, subject: { birthMonth?: string; sex?: 'female' | 'male' } | null) {
  if (subject) {
    const enrolled = await register.staff('POST', '/api/plan-enrolments', {
      patientRef,
      plan: 'norspis',
      unit: 'Spis A',
      language: 'nb',
      ...subject,
    });
    expect(enrolled.status, enrolled.body).toBe(201);
  }
  const { device, order } = await claimed(['ede-q@6.0.1'], { unit: 'Spis A', patientRef });
  const payload = payloadFor(order, answers);
  expect((await submit(await sealFor(device, order, payload))).status).toBe(201);
  return payload.submissionId;
}

const bmiOf = async (submissionId: string) => {
  const response = await register.staff('GET', `/api/staff/submissions/${submissionId}`);
  expect(response.status, response.body).toBe(200);
  return submissionDetail.parse(response.json).scores.find((score) => score.id === 'bmi');
};

describe('iso-BMI beside the BMI', () => {
  test('a girl of 14: the detail and the course show the iso-BMI of her BMI 16.0 at her age on the day', async () => {
    const birthMonth = monthsAgo(14);
    const submissionId = await answered('pseudo-girl', { birthMonth, sex: 'female' });
    const age = ageFromBirthMonth(birthMonth, new Date()) ?? 0;
    expect(age).toBeGreaterThan(13.4);
    expect(age).toBeLessThan(14.1);
    // Near 14 years a girl's BMI 16.0 lies below the IOTF 18.5 curve (16.7–16.9 at 13.5–14): iso-BMI about 17.6–17.9.
    const expected = Math.round((isoBmi(41 / 1.6 ** 2, age, 'female') ?? 0) * 10) / 10;
    expect(expected).toBeGreaterThan(17.4);
    expect(expected).toBeLessThan(18.1);
    const bmi = await bmiOf(submissionId);
    expect(bmi).toMatchObject({ value: 16, isoBmi: expected });
    // The other EDE-Q scores are not BMIs: none.
    const global = (await register.staff('GET', `/api/staff/submissions/${submissionId}`)).json;
    expect(submissionDetail.parse(global).scores.filter((score) => typeof score.isoBmi === 'number')).toHaveLength(1);

    const course = patientCourse.parse((await register.staff('GET', '/api/staff/patients/pseudo-girl/course?language=en')).json);
    const points = course.questionnaires[0]?.scores.find((score) => score.id === 'bmi')?.points;
    expect(points?.map((point) => [point.value, point.isoBmi])).toEqual([[16, expected]]);
  });

  test('an adult with the same BMI, a patient without birth month and sex, and one with a birth month only: no iso-BMI', async () => {
    expect(await bmiOf(await answered('pseudo-adult', { birthMonth: '1990-01', sex: 'female' }))).toMatchObject({
      value: 16,
      isoBmi: null,
    });
    expect(await bmiOf(await answered('pseudo-none', null))).toMatchObject({ value: 16, isoBmi: null });
    expect(await bmiOf(await answered('pseudo-half', { birthMonth: monthsAgo(14) }))).toMatchObject({ value: 16, isoBmi: null });
  });
});
