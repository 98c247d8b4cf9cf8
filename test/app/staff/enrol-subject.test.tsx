// The patient's birth month and sex (register data, for iso-BMI) in the console against a real register:
// given at enrolment, with a problem shown by its field and what was typed kept; shown on the enrolment
// page and changed there, "not given" removing the sex.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { currentBirthMonth, planEnrolmentDetailResponse, planEnrolmentsResponse } from '../../../src/core/index.js';
import { startTestRegister, type TestRegister } from '../../server/setup.js';
import { renderConsole } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister({ env: { SCHEDULER_INTERVAL_SECONDS: '0' } });
});
afterEach(async () => register.close());

/** A month after this one, YYYY-MM: not a birth month the register takes. */
function nextMonth(): string {
  const [year = 0, month = 0] = currentBirthMonth().split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

test('at enrolment: a birth month in the future is shown by its field and kept; then enrolled with birth month and sex', async () => {
  const { user } = renderConsole(register, '#/enrolments/new');
  await screen.findByRole('option', { name: /NorSpis/ });
  await user.type(screen.getByLabelText(/^Patient reference/), 'N-14');
  await user.selectOptions(screen.getByLabelText('Plan'), 'norspis');
  await user.type(screen.getByLabelText('Unit'), 'spis-ung');
  const group = screen.getByRole('group', { name: 'Birth month and sex (register data, optional)' });
  const month = within(group).getByLabelText(/^Birth month/);
  expect(month).toHaveAttribute('type', 'month');
  expect(month).toHaveAccessibleDescription('Year and month, e.g. 2011-04.');
  expect(within(group).getByRole('radio', { name: 'Not given' })).toBeChecked();
  await user.type(month, nextMonth());
  await user.click(within(group).getByRole('radio', { name: 'Female' }));
  await user.click(screen.getByRole('button', { name: 'Enrol' }));
  expect(month).toHaveAccessibleDescription(/Enter a year and month from 1900-01 to this month/);
  expect(month).toHaveValue(nextMonth());
  expect(within(group).getByRole('radio', { name: 'Female' })).toBeChecked();
  expect(planEnrolmentsResponse.parse((await register.staff('GET', '/api/plan-enrolments')).json).enrolments).toEqual([]);

  await user.clear(month);
  await user.type(month, '2011-04');
  await user.click(screen.getByRole('button', { name: 'Enrol' }));
  expect(await screen.findByRole('status')).toHaveTextContent(/N-14 is enrolled in/);
  const listed = planEnrolmentsResponse.parse((await register.staff('GET', '/api/plan-enrolments?patientRef=N-14')).json);
  expect(listed.enrolments).toEqual([expect.objectContaining({ birthMonth: '2011-04', sex: 'female' })]);
});

test('without them the enrolment has neither', async () => {
  const { user } = renderConsole(register, '#/enrolments/new');
  await screen.findByRole('option', { name: /NorSpis/ });
  await user.type(screen.getByLabelText(/^Patient reference/), 'N-15');
  await user.selectOptions(screen.getByLabelText('Plan'), 'norspis');
  await user.type(screen.getByLabelText('Unit'), 'spis-ung');
  await user.click(screen.getByRole('button', { name: 'Enrol' }));
  expect(await screen.findByRole('status')).toHaveTextContent(/N-15 is enrolled in/);
  const listed = planEnrolmentsResponse.parse((await register.staff('GET', '/api/plan-enrolments?patientRef=N-15')).json);
  expect(listed.enrolments).toEqual([expect.objectContaining({ birthMonth: null, sex: null })]);
});

test('on the enrolment page: shown, a problem kept with what was typed, changed, and the sex removed with "not given"', async () => {
  const created = await register.staff('POST', '/api/plan-enrolments', {
    patientRef: 'N-16',
    plan: 'norspis',
    unit: 'spis-ung',
    language: 'nb',
    birthMonth: '2012-03',
    sex: 'female',
  });
  expect(created.status, created.body).toBe(201);
  const { id } = (created.json as { enrolment: { id: string } }).enrolment;
  const detail = async () => planEnrolmentDetailResponse.parse((await register.staff('GET', `/api/plan-enrolments/${id}`)).json).enrolment;
  const { user } = renderConsole(register, `#/enrolments/${id}`);
  const section = (await screen.findByRole('heading', { level: 2, name: 'Birth month and sex' })).closest('section');
  if (!section) throw new Error('no section');
  const facts = within(section).getAllByRole('definition');
  expect(facts.map((fact) => fact.textContent)).toEqual(['2012-03', 'Female']);
  const month = within(section).getByLabelText(/^Birth month/);
  expect(month).toHaveValue('2012-03');
  expect(within(section).getByRole('radio', { name: 'Female' })).toBeChecked();

  await user.clear(month);
  await user.type(month, nextMonth());
  await user.click(within(section).getByRole('button', { name: 'Save birth month and sex' }));
  expect(month).toHaveAccessibleDescription(/Enter a year and month from 1900-01 to this month/);
  expect(month).toHaveValue(nextMonth());
  expect(await detail()).toMatchObject({ birthMonth: '2012-03', sex: 'female' });

  await user.clear(month);
  await user.type(month, '2012-02');
  await user.click(within(section).getByRole('radio', { name: 'Not given' }));
  await user.click(within(section).getByRole('button', { name: 'Save birth month and sex' }));
  expect(await screen.findByText('Birth month and sex of N-16 are saved.')).toBeInTheDocument();
  expect(await detail()).toMatchObject({ birthMonth: '2012-02', sex: null });
  expect(await within(section).findByText('Not given', { selector: 'dd' })).toBeInTheDocument();
});
