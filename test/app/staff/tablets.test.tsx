// Tablets in the console against a real register: an enrolment code for a unit (a missing unit said),
// which a tablet then enrols with; a clinician sees only their unit's tablets and revokes one (the
// register has it revoked); register staff filter the list by unit.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { z } from 'zod';
import type { TestRegister } from '../../server/setup.js';
import { makeAccount } from '../../server/staff-fixture.js';
import { renderConsole, renderConsoleAs, startRegister } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

const listed = z.object({ tablets: z.array(z.object({ id: z.string(), unit: z.string(), revokedAt: z.string().nullish() })) });

async function enrolTablet(unit: string): Promise<string> {
  const enrolment = await register.staff('POST', '/api/enrolments', { unit });
  const enrolled = await register.post('/api/tablets', { code: enrolment.json.code });
  expect(enrolled.status).toBe(201);
  const tablets = listed.parse((await register.staff('GET', `/api/tablets?unit=${encodeURIComponent(unit)}`)).json).tablets;
  return tablets.at(-1)?.id ?? '';
}

test('an enrolment code for a unit, which a tablet enrols with; a missing unit is said', async () => {
  const { user } = renderConsole(register, '#/tablets');
  expect(await screen.findByRole('heading', { level: 1, name: 'Tablets' })).toHaveFocus();
  expect(await screen.findByText('No tablets are enrolled.')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Make an enrolment code' }));
  expect(screen.getByLabelText('Unit')).toHaveAccessibleDescription('Enter the unit.');

  await user.type(screen.getByLabelText('Unit'), 'Poliklinikk A');
  await user.click(screen.getByRole('button', { name: 'Make an enrolment code' }));
  const made = await screen.findByText(/Enrolment code for Poliklinikk A: enter it on the tablet before/);
  const code = made.querySelector('strong')?.textContent ?? '';
  expect(code).not.toBe('');
  expect(screen.getByLabelText('Unit')).not.toHaveAccessibleDescription();
  // The code shown is the one the register gave: a tablet enrols with it, in that unit.
  expect((await register.post('/api/tablets', { code })).status).toBe(201);
  expect(listed.parse((await register.staff('GET', '/api/tablets')).json).tablets.map((tablet) => tablet.unit)).toEqual(['Poliklinikk A']);
});

test("a clinician sees their unit's tablets only, and revoking one says so; the register has revoked it", async () => {
  const tabletA = await enrolTablet('A');
  await enrolTablet('B');
  const clinician = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
  const { user } = await renderConsoleAs(register, '#/tablets', clinician);
  expect(await screen.findByRole('heading', { level: 1, name: 'Tablets' })).toBeInTheDocument();
  // Their unit is filled in for a new enrolment.
  expect(screen.getByLabelText('Unit')).toHaveValue('A');
  const table = await screen.findByRole('table');
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toHaveTextContent(/^—A.+Revoke$/);

  await user.click(within(table).getByRole('button', { name: 'Revoke' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The tablet in A is revoked.');
  expect(await within(table).findByText(/^Revoked /)).toBeInTheDocument();
  const stored = listed.parse((await register.staff('GET', '/api/tablets?unit=A')).json).tablets.find((tablet) => tablet.id === tabletA);
  expect(stored?.revokedAt).toEqual(expect.any(String));
});

test('register staff see every unit and filter the list by one', async () => {
  await enrolTablet('A');
  await enrolTablet('B');
  const { user } = renderConsole(register, '#/tablets');
  const table = await screen.findByRole('table');
  await vi.waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
  await user.type(screen.getByLabelText('Show unit'), 'B');
  await vi.waitFor(() => {
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.children[1]?.textContent)).toEqual(['B']);
  });
});
