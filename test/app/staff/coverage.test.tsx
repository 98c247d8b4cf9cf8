// Coverage in the console against a real register whose scheduler made the orders of an ECT course:
// the table per unit, plan, time point and period, "fewer than 5" for a small group, the chart with
// the same figures named for a screen reader, another period, and the CSV the register sends.
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

/** Five ECT patients at unit-a (one answers) and two at unit-b, their first windows opened and closed by the scheduler. */
async function course() {
  const enrol = async (patientRef: string, unit: string) => {
    const response = await register.staff('POST', '/api/plan-enrolments', {
      patientRef,
      plan: 'ect',
      unit,
      language: 'nb',
      enrolledAt: '2026-01-12T08:00:00Z',
    });
    expect(response.status, response.body).toBe(201);
  };
  for (let n = 0; n < 5; n++) await enrol(`a-${n}`, 'unit-a');
  for (let n = 0; n < 2; n++) await enrol(`b-${n}`, 'unit-b');
  expect((await register.runScheduler(new Date('2026-01-12T09:00:00Z'))).ordered).toBe(7);
  const [order] = await register.store.listOrders({ patientRef: 'a-0' });
  const at = '2026-01-12T10:00:00.000Z';
  await register.store.insertSubmission({
    submissionId: 's-a-0',
    orderId: order?.id ?? '',
    definitionKey: order?.questionnaires[0]?.key ?? '',
    definitionHash: 'sha256-test',
    token: 'sealed',
    tokenHash: 'sha256-token',
    payloadHash: 'sha256-payload',
    deviceThumbprint: null,
    deviceKey: null,
    answers: {},
    scores: null,
    deviceScores: null,
    noticesShown: [],
    language: 'nb',
    startedAt: at,
    completedAt: at,
    appVersion: 'test',
    receivedAt: at,
    receipt: 'receipt',
  });
  await register.runScheduler(new Date('2026-01-20T09:00:00Z'));
}

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

test('the coverage table and chart show the same figures, "fewer than 5" for a small group, by month and by year', async () => {
  await course();
  const { user } = renderConsole(register, '#/coverage');
  expect(await screen.findByRole('heading', { level: 1, name: 'Coverage' })).toHaveFocus();
  const table = await screen.findByRole('table', { name: 'Coverage per unit, plan, time point and period' });
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows).toHaveLength(2);
  const [unitA, unitB] = rows as [HTMLElement, HTMLElement];
  // The plan and time point by name once the register lists its plans; by their coded ids before.
  expect(cells(unitA).slice(0, 4)).toEqual(['unit-a', expect.stringMatching(/ECT|ect@2/), expect.stringMatching(/./), '2026-01']);
  // By column name: a register that counts invitations and reminders adds columns.
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((header) => header.textContent ?? '');
  const byColumn = Object.fromEntries(headers.map((header, n) => [header, cells(unitA)[n]]));
  expect(byColumn).toMatchObject({
    Patients: '5',
    'Orders created': '5',
    Opened: '1',
    Completed: '1',
    Expired: '4',
    Missed: '0',
    'Response rate': '20%',
  });
  expect(cells(unitB)).toEqual(['unit-b', expect.any(String), expect.any(String), '2026-01', 'fewer than 5']);

  const chart = screen.getByRole('img', { name: /Response rate per unit, plan, time point and period/ });
  expect(chart).toHaveAccessibleName(expect.stringContaining('unit-a'));
  expect(chart).toHaveAccessibleName(expect.stringMatching(/unit-a · .* · 2026-01: 20%/));
  expect(chart).toHaveAccessibleName(expect.stringMatching(/unit-b · .* · 2026-01: fewer than 5/));

  await user.selectOptions(screen.getByLabelText('Period'), 'year');
  await vi.waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')[1]).toHaveTextContent('2026'));
  expect(within(screen.getByRole('table')).getAllByRole('row')[1]).not.toHaveTextContent('2026-01');

  await user.selectOptions(screen.getByLabelText('Unit'), 'unit-b');
  expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2);
  expect(screen.getByRole('table')).toHaveTextContent('fewer than 5');
});

test("the CSV download is the register's own, and says it was downloaded", async () => {
  await course();
  const saved: Blob[] = [];
  // jsdom has no object URLs: the file handed to the browser is kept to be read here.
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:coverage'), revokeObjectURL: () => {} }),
  );
  const { user } = renderConsole(register, '#/coverage');
  await screen.findByRole('table');
  await user.click(screen.getByRole('button', { name: 'Download CSV' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The coverage coverage-month.csv is downloaded.');
  const csv = await saved[0]?.text();
  expect(csv?.split('\r\n')[0]).toMatch(/^unit,plan,timePoint,period,patients,/);
  expect(csv).toContain('unit-b,ect@2,for-serie,2026-01,fewer than 5');
  vi.unstubAllGlobals();
});
