// iso-BMI in the console against a real register: a girl of 14 whose enrolment holds birth month and
// sex has her EDE-Q BMI shown with its iso-BMI (IOTF) in the submission and in her course's table; an
// adult's BMI is shown alone. The label is "iso-KMI (IOTF)" in bokmål and nynorsk.
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import nb from '../../../src/app/staff/locales/nb.json';
import nn from '../../../src/app/staff/locales/nn.json';
import type { Answers } from '../../../src/core/index.js';
import { ageFromBirthMonth, isoBmi } from '../../../src/core/iso-bmi.js';
import { formatDate, osloDateOf } from '../../../src/core/plans/oslo-time.js';
import type { TestRegister } from '../../server/setup.js';
import { renderConsole, startRegister, storeSubmission } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

const edeq = JSON.parse(readFileSync('questionnaires/ede-q-6.0.1.json', 'utf8')) as { examples: { answers: Record<string, unknown> }[] };
/** The first worked example at 160 cm and 41 kg: BMI 16.0. */
const answers = Object.fromEntries(
  Object.entries({ ...edeq.examples[0]?.answers, height: 160, weight: 41 }).map(([id, value]) => [id, { value }]),
) as Answers;

async function patientWithBmi(patientRef: string, birthMonth: string) {
  const enrolled = await register.staff('POST', '/api/plan-enrolments', {
    patientRef,
    plan: 'norspis',
    unit: 'A',
    language: 'nb',
    birthMonth,
    sex: 'female',
  });
  expect(enrolled.status, enrolled.body).toBe(201);
  return storeSubmission(register, { patientRef, unit: 'A', questionnaire: 'ede-q@6.0.1', answers, language: 'en' });
}

const bmiRow = async () => (await screen.findByRole('rowheader', { name: 'BMI (body mass index)' })).closest('tr') as HTMLElement;

test('a girl of 14: her BMI 16.0 with its iso-BMI in the submission and in her course', async () => {
  const birthMonth = formatDate(osloDateOf(new Date()))
    .slice(0, 7)
    .replace(/^\d{4}/, (year) => String(Number(year) - 14));
  const { submissionId } = await patientWithBmi('pseudo-girl', birthMonth);
  const age = ageFromBirthMonth(birthMonth, new Date()) ?? 0;
  const expected = (Math.round((isoBmi(41 / 1.6 ** 2, age, 'female') ?? 0) * 10) / 10).toString();

  const { unmount } = renderConsole(register, `#/submissions/${submissionId}`);
  expect(within(await bmiRow()).getByText(`iso-BMI (IOTF) ${expected}`, { exact: false })).toBeInTheDocument();
  expect(within(await bmiRow()).getAllByRole('cell')[0]).toHaveTextContent(new RegExp(`^16 · iso-BMI \\(IOTF\\) ${expected}$`));
  unmount();

  renderConsole(register, '#/patients/pseudo-girl');
  const table = await screen.findByRole('table', { name: /BMI \(body mass index\)/ });
  const [point] = within(table).getAllByRole('row').slice(1);
  expect(point).toHaveTextContent(`16 · iso-BMI (IOTF) ${expected}`);
});

test('an adult: the BMI alone; the label in bokmål and nynorsk', async () => {
  const { submissionId } = await patientWithBmi('pseudo-adult', '1990-01');
  renderConsole(register, `#/submissions/${submissionId}`);
  expect(within(await bmiRow()).getAllByRole('cell')[0]).toHaveTextContent(/^16$/);
  expect(screen.queryByText(/iso-BMI/)).not.toBeInTheDocument();
  expect([nb.subject.isoBmi, nn.subject.isoBmi]).toEqual(['iso-KMI (IOTF)', 'iso-KMI (IOTF)']);
});
