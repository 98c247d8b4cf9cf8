// One enrolment's page in the console against a real register whose scheduler opened its first time
// point: the time point with its days and the order's state, an event recorded, pause (after a
// confirmation) and resume, the contact masked and changed, messages stopped, and the end.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { planEnrolmentDetailResponse } from '../../../src/core/index.js';
import { startTestRegister, type TestRegister } from '../../server/setup.js';
import { renderConsole } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister({ env: { SCHEDULER_INTERVAL_SECONDS: '0' } });
});
afterEach(async () => register.close());

async function ectEnrolment(): Promise<string> {
  const response = await register.staff('POST', '/api/plan-enrolments', {
    patientRef: 'E-77',
    plan: 'ect',
    unit: 'ect-unit',
    language: 'nb',
    email: 'kari@example.org',
  });
  expect(response.status, response.body).toBe(201);
  const { id } = (response.json as { enrolment: { id: string } }).enrolment;
  await register.runScheduler(new Date());
  return id;
}

const detail = async (id: string) =>
  planEnrolmentDetailResponse.parse((await register.staff('GET', `/api/plan-enrolments/${id}`)).json).enrolment;

test('the time points with the order state; an event recorded; pause after a confirmation, and resume', async () => {
  const id = await ectEnrolment();
  const { user } = renderConsole(register, `#/enrolments/${id}`);
  expect(await screen.findByRole('heading', { level: 1, name: 'Enrolment of E-77' })).toHaveFocus();
  const opened = screen.getByRole('table', { name: 'Time points that have opened' });
  const [row] = within(opened).getAllByRole('row').slice(1);
  expect(row).toHaveTextContent(/Ordered/);
  expect(row).toHaveTextContent(/Not opened/);

  await user.selectOptions(screen.getByLabelText('Event'), 'ectSeriesEnded');
  await user.clear(screen.getByLabelText('Date'));
  await user.type(screen.getByLabelText('Date'), '2026-12-01');
  await user.click(screen.getByRole('button', { name: 'Record' }));
  expect(await screen.findByRole('status')).toHaveTextContent(/on 1 Dec 2026 is recorded for E-77\./);
  expect((await detail(id)).events).toEqual([expect.objectContaining({ name: 'ectSeriesEnded' })]);
  expect(await screen.findByRole('table', { name: /Coming time points/ })).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Pause' }));
  expect(screen.getByText(/Pause the enrolment of E-77\?/)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Yes, pause' }));
  expect(await screen.findByText('The enrolment of E-77 is paused.')).toBeInTheDocument();
  expect((await detail(id)).pausedAt).toEqual(expect.any(String));
  await user.click(await screen.findByRole('button', { name: 'Resume' }));
  expect(await screen.findByText('The enrolment of E-77 is resumed.')).toBeInTheDocument();
  expect((await detail(id)).pausedAt).toBeNull();
});

test('the contact is shown masked, changed with a bad number kept, messages stopped, and the enrolment ended', async () => {
  const id = await ectEnrolment();
  const { user } = renderConsole(register, `#/enrolments/${id}`);
  await screen.findByRole('heading', { level: 1, name: 'Enrolment of E-77' });
  const contact = screen.getByRole('region', { name: 'Contact' });
  expect(contact).not.toHaveTextContent('kari@example.org');
  expect(contact).toHaveTextContent(/•/);

  await user.type(within(contact).getByLabelText(/^New mobile number/), '123');
  await user.click(within(contact).getByRole('button', { name: 'Save the contact' }));
  expect(within(contact).getByLabelText(/^New mobile number/)).toHaveAccessibleDescription(/Enter 8 digits/);
  expect(within(contact).getByLabelText(/^New mobile number/)).toHaveValue('123');
  await user.clear(within(contact).getByLabelText(/^New mobile number/));
  await user.type(within(contact).getByLabelText(/^New mobile number/), '91234567');
  await user.click(within(contact).getByRole('button', { name: 'Save the contact' }));
  expect(await screen.findByText('The contact of E-77 is saved.')).toBeInTheDocument();
  expect((await detail(id)).contact?.mobile).toMatch(/67$/);
  expect(await within(contact).findByText(/••67/)).toBeInTheDocument();

  await user.click(within(contact).getByRole('button', { name: 'Stop messages' }));
  await user.click(within(contact).getByRole('button', { name: 'Yes, stop messages' }));
  expect(await screen.findByText('Messages to E-77 are stopped.')).toBeInTheDocument();
  expect((await detail(id)).contact?.stoppedBy).toBe('staff');
  expect(await within(contact).findByText(/Messages stopped .* by the staff\./)).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'End the enrolment' }));
  expect(screen.getByText(/the contact details are forgotten\. It cannot be undone\./)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Yes, end it' }));
  expect(await screen.findByText('The enrolment of E-77 is ended.')).toBeInTheDocument();
  expect((await detail(id)).endedAt).toEqual(expect.any(String));
  expect(await screen.findByText('No contact: the patient gets no messages.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Pause' })).not.toBeInTheDocument();
});
