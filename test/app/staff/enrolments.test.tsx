// The enrolments list in the console against a real register: newest first, a page at a time, searched
// by patient reference at the register and filtered by plan and state; each opens its enrolment.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startTestRegister, type TestRegister } from '../../server/setup.js';
import { renderConsole } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister({ env: { SCHEDULER_INTERVAL_SECONDS: '0' } });
});
afterEach(async () => register.close());

async function enrol(patientRef: string, plan: string, day: string): Promise<string> {
  const response = await register.staff('POST', '/api/plan-enrolments', {
    patientRef,
    plan,
    unit: 'unit-a',
    language: 'nn',
    enrolledAt: `${day}T08:00:00Z`,
  });
  expect(response.status, response.body).toBe(201);
  return (response.json as { enrolment: { id: string } }).enrolment.id;
}

const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Enrolments, newest first' }))
    .getAllByRole('row')
    .slice(1);

test('enrolments page by 20, newest first; search by patient reference, filter by plan and state', async () => {
  for (let n = 0; n < 21; n++) await enrol(`k-${String(n).padStart(2, '0')}`, 'kvarus', `2026-02-${String(n + 1).padStart(2, '0')}`);
  const ectId = await enrol('e-1', 'ect', '2026-03-01');
  expect((await register.staff('POST', `/api/plan-enrolments/${ectId}/pause`)).status).toBe(200);

  const { user } = renderConsole(register, '#/enrolments');
  expect(await screen.findByRole('heading', { level: 1, name: 'Enrolments in plans' })).toHaveFocus();
  expect(await screen.findByText('Showing 20 of 22 enrolments.')).toBeInTheDocument();
  expect(bodyRows()[0]).toHaveTextContent(/^e-1.*unit-a.*Paused/);
  expect(bodyRows()[1]).toHaveTextContent(/^k-20/);
  await user.click(screen.getByRole('button', { name: 'Show more' }));
  expect(screen.getByText('Showing 22 of 22 enrolments.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();

  await user.selectOptions(screen.getByLabelText('State'), 'paused');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  expect(bodyRows().map((row) => row.textContent)).toEqual([expect.stringMatching(/^e-1/)]);

  await user.selectOptions(screen.getByLabelText('State'), '');
  await user.selectOptions(screen.getByLabelText('Plan'), 'kvarus');
  await user.type(screen.getByLabelText('Patient reference'), 'k-07');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  await vi.waitFor(() => expect(screen.getByText('Showing 1 of 1 enrolments.')).toBeInTheDocument());
  expect(screen.getByRole('link', { name: 'k-07' })).toHaveAttribute('href', expect.stringMatching(/^#\/enrolments\/.+/));

  await user.clear(screen.getByLabelText('Patient reference'));
  await user.type(screen.getByLabelText('Patient reference'), 'nobody');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  expect(await screen.findByText('No enrolments match the search.')).toBeInTheDocument();
  // What was typed stays.
  expect(screen.getByLabelText('Patient reference')).toHaveValue('nobody');
});
