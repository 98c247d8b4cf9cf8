// Setting up the second factor an administrator requires, with a real session against a real
// register: nothing else opens until it is done; the key is shown with its QR code; a code that is
// not six digits, and a wrong one, are said and kept; the right one sets it up and opens the console.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { totpAt } from '../../../src/server/staff-totp.js';
import type { TestRegister } from '../../server/setup.js';
import { makeAccount } from '../../server/staff-fixture.js';
import { renderConsoleAs, startRegister } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

test('a required second factor: set up from the key shown, after a short and a wrong code are said and kept', async () => {
  const kari = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'], requireTotp: true });
  const { user } = await renderConsoleAs(register, '#/orders', kari);
  expect(await screen.findByRole('heading', { level: 1, name: 'Set up a code from an authenticator app' })).toHaveFocus();
  // Until it is set up, the console offers nothing else.
  expect(screen.queryByRole('heading', { name: 'Orders' })).not.toBeInTheDocument();
  expect(await screen.findByRole('img', { name: 'QR code for the authenticator app' })).toBeInTheDocument();
  const secret = (await screen.findByText('Key:')).querySelector('code')?.textContent ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  expect((await register.store.staff.getAccount(kari.id))?.totpPendingSecret).not.toBeNull();

  const field = screen.getByLabelText('Code from your authenticator app');
  await user.type(field, '12345');
  await user.click(screen.getByRole('button', { name: 'Confirm' }));
  expect(field).toHaveAccessibleDescription('Six digits The code has six digits.');
  expect(field).toHaveValue('12345');

  const right = totpAt(secret, new Date());
  const wrong = right === '000000' ? '111111' : '000000';
  await user.clear(field);
  await user.type(field, wrong);
  await user.click(screen.getByRole('button', { name: 'Confirm' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Something in the form is not valid: code: not right');
  expect(field).toHaveValue(wrong);
  expect((await register.store.staff.getAccount(kari.id))?.totpSecret).toBeNull();

  await user.clear(field);
  await user.type(field, right);
  await user.click(screen.getByRole('button', { name: 'Confirm' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Orders' })).toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('The code from your authenticator app is set up.');
  expect(await register.store.staff.getAccount(kari.id)).toMatchObject({ totpSecret: expect.any(String), totpPendingSecret: null });
});
