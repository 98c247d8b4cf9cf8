// The audit trail in the console against a real register: what staff did is listed, newest first,
// and the filter by patient reference narrows it.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createOrder, type TestRegister } from '../../server/setup.js';
import { renderConsole, startRegister } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

test('the orders made are in the trail, as the service account, and the filter by patient reference narrows it', async () => {
  await createOrder(register, undefined, { patientRef: 'pseudo-a1' });
  await createOrder(register, undefined, { patientRef: 'pseudo-b2' });
  const { user } = renderConsole(register, '#/audit');
  expect(await screen.findByRole('heading', { level: 1, name: 'Audit log' })).toHaveFocus();
  const rows = async () =>
    within((await screen.findAllByRole('table'))[0] ?? document.body)
      .getAllByRole('row')
      .slice(1);
  expect((await rows()).map((row) => row.textContent)).toEqual(
    expect.arrayContaining([expect.stringContaining('orders.createpseudo-b2'), expect.stringContaining('orders.createpseudo-a1')]),
  );
  await user.type(screen.getByLabelText('Patient reference'), 'pseudo-a1');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  await vi.waitFor(async () => expect((await rows()).every((row) => row.textContent?.includes('pseudo-a1'))).toBe(true));
  expect((await rows())[0]).toHaveTextContent('service');
});
