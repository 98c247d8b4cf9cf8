// Enrolling a patient in a plan from the console against a real register: problems by their fields
// with what was typed kept, the unit's setting starting at the plan's default, and what was done.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { planEnrolmentsResponse } from '../../../src/core/index.js';
import { startTestRegister, type TestRegister } from '../../server/setup.js';
import { renderConsole } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister({ env: { SCHEDULER_INTERVAL_SECONDS: '0' } });
});
afterEach(async () => register.close());

test("a KVARUS enrolment: problems kept with what was typed, then enrolled with the unit's interval and a contact", async () => {
  const { user } = renderConsole(register, '#/enrolments/new');
  expect(await screen.findByRole('heading', { level: 1, name: 'Enrol a patient in a plan' })).toHaveFocus();
  await screen.findByRole('option', { name: /KVARUS/ });
  await user.click(screen.getByRole('button', { name: 'Enrol' }));
  expect(screen.getByLabelText(/^Patient reference/)).toHaveAccessibleDescription(/Enter the patient reference\./);
  expect(screen.getByLabelText('Plan')).toHaveAccessibleDescription('Choose a plan.');

  await user.type(screen.getByLabelText(/^Patient reference/), 'K-1043');
  await user.selectOptions(screen.getByLabelText('Plan'), 'kvarus');
  // The interval starts at the plan's default, with its bounds said.
  const interval = screen.getByRole('textbox', { name: /: number$/, description: /default is 6 weeks; from 5 weeks to 26 weeks/ });
  expect(interval).toHaveValue('6');
  await user.type(screen.getByLabelText('Unit'), 'bup-nord');
  await user.clear(interval);
  await user.type(interval, '40');
  await user.type(screen.getByLabelText('E-mail address'), 'not an address');
  await user.type(screen.getByLabelText(/^Mobile number/), '12 34');
  await user.click(screen.getByRole('button', { name: 'Enrol' }));
  expect(interval).toHaveAccessibleDescription(/Enter a whole number from 5 weeks to 26 weeks\./);
  expect(screen.getByLabelText('E-mail address')).toHaveAccessibleDescription(/Enter an e-mail address/);
  expect(screen.getByLabelText(/^Mobile number/)).toHaveAccessibleDescription(/Enter 8 digits/);
  expect(screen.getByLabelText('E-mail address')).toHaveValue('not an address');
  expect(screen.getByLabelText(/^Patient reference/)).toHaveValue('K-1043');

  await user.clear(interval);
  await user.type(interval, '8');
  await user.clear(screen.getByLabelText('E-mail address'));
  await user.type(screen.getByLabelText('E-mail address'), 'ola@example.org');
  await user.clear(screen.getByLabelText(/^Mobile number/));
  await user.type(screen.getByLabelText(/^Mobile number/), '912 34 567');
  await user.selectOptions(screen.getByLabelText(/^The patient's language/), 'nn');
  await user.click(screen.getByRole('button', { name: 'Enrol' }));
  expect(await screen.findByRole('status')).toHaveTextContent(/K-1043 is enrolled in KVARUS.* at bup-nord from /);
  expect(screen.getByText('Invitations and reminders go to the contact given.')).toBeInTheDocument();

  const listed = planEnrolmentsResponse.parse((await register.staff('GET', '/api/plan-enrolments?patientRef=K-1043')).json);
  expect(listed.enrolments).toEqual([
    expect.objectContaining({
      plan: 'kvarus@2',
      unit: 'bup-nord',
      language: 'nn',
      settings: expect.objectContaining({ interval: { weeks: 8 } }),
    }),
  ]);
  expect(screen.getByRole('link', { name: 'Open the enrolment' })).toHaveAttribute(
    'href',
    `#/enrolments/${listed.enrolments[0]?.id ?? ''}`,
  );
});

test('a patient reference that looks like a national identity number is refused, and the form keeps it', async () => {
  const { user } = renderConsole(register, '#/enrolments/new');
  await screen.findByRole('option', { name: /ECT/ });
  await user.type(screen.getByLabelText(/^Patient reference/), '01018012345');
  await user.selectOptions(screen.getByLabelText('Plan'), 'ect');
  await user.type(screen.getByLabelText('Unit'), 'ect-unit');
  await user.click(screen.getByRole('button', { name: 'Enrol' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('looks like a national identity number');
  expect(screen.getByLabelText(/^Patient reference/)).toHaveValue('01018012345');
});
