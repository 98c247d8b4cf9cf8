// Accounts in the console, as an administrator with a real session against a real register: making
// one (what is missing is said and what was typed kept; the one-time link shown), changing roles and
// units (a clinician without a unit refused, the units typed kept), disabling, a new one-time link,
// and resetting a lost phone's second factor after a second press.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { newTotpSecret } from '../../../src/server/staff-totp.js';
import type { TestRegister } from '../../server/setup.js';
import { makeAccount } from '../../server/staff-fixture.js';
import { renderConsoleAs, startRegister } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

const asAdmin = async (hash = '#/accounts') =>
  renderConsoleAs(register, hash, await makeAccount(register, { username: 'admin', roles: ['admin'] }));

test('an administrator only starts at the accounts, also from the orders’ address: the register is not asked for orders it would refuse', async () => {
  const admin = await makeAccount(register, { username: 'admin', roles: ['admin'] });
  for (const hash of ['', '#/orders']) {
    const asked = vi.spyOn(register.app, 'inject');
    const { unmount } = await renderConsoleAs(register, hash, admin);
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/accounts');
    expect(JSON.stringify(asked.mock.calls)).not.toContain('/api/staff/orders');
    unmount();
    asked.mockRestore();
  }
});

test('make an account: what is missing is said and kept; then the one-time link, and the register has the account', async () => {
  const { user } = await asAdmin();
  expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toHaveFocus();
  const form = screen.getByRole('button', { name: 'Create account' }).closest('form') ?? document.body;
  await user.type(within(form).getByLabelText('Username'), 'Kari');
  await user.click(within(form).getByRole('button', { name: 'Create account' }));
  expect(within(form).getByRole('alert')).toHaveTextContent('Enter a username and a name.');
  expect(within(form).getByLabelText('Username')).toHaveValue('Kari');

  await user.type(within(form).getByLabelText('Name'), 'Kari Nordmann');
  await user.click(within(form).getByRole('button', { name: 'Create account' }));
  expect(within(form).getByRole('alert')).toHaveTextContent('Choose at least one role.');
  await user.click(within(form).getByRole('checkbox', { name: 'Clinician' }));
  // A clinician without a unit: the register refuses, and the form keeps everything.
  await user.click(within(form).getByRole('button', { name: 'Create account' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('units: at least one for a clinician');
  expect(within(form).getByLabelText('Name')).toHaveValue('Kari Nordmann');
  expect(within(form).getByRole('checkbox', { name: 'Clinician' })).toBeChecked();

  await user.type(within(form).getByLabelText('Units (comma separated)'), 'A, B');
  await user.click(within(form).getByRole('checkbox', { name: 'Require a code from an authenticator app' }));
  await user.click(within(form).getByRole('button', { name: 'Create account' }));
  const made = await screen.findByText(/kari is created\. Give the person this one-time link/, { selector: '.notice' });
  expect(made.querySelector('code')?.textContent).toMatch(/\/staff\/#\/setup\/[A-Za-z0-9_-]{43}$/);
  expect(within(form).getByLabelText('Username')).toHaveValue('');
  expect(await register.store.staff.findAccountByUsername('kari')).toMatchObject({
    displayName: 'Kari Nordmann',
    roles: ['clinician'],
    units: ['A', 'B'],
    requireTotp: true,
    passwordHash: null,
  });
  const card = await screen.findByRole('article', { name: /Kari Nordmann/ });
  expect(within(card).getByText('Code required')).toBeInTheDocument();

  // The same username again: refused, said, kept.
  await user.type(within(form).getByLabelText('Username'), 'KARI');
  await user.type(within(form).getByLabelText('Name'), 'Another Kari');
  await user.click(within(form).getByRole('checkbox', { name: 'Register staff' }));
  await user.click(within(form).getByRole('button', { name: 'Create account' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('The username is taken.');
  expect(within(form).getByLabelText('Username')).toHaveValue('KARI');
});

test('roles and units, disable and enable, and a new one-time link: each says what it did, and the register has done it', async () => {
  const kari = await makeAccount(register, { username: 'kari', displayName: 'Kari Nordmann', roles: ['clinician'], units: ['A'] });
  const { user } = await asAdmin();
  const card = await screen.findByRole('article', { name: /Kari Nordmann/ });
  const units = within(card).getByLabelText('Units (comma separated)');
  expect(units).toHaveValue('A');

  await user.clear(units);
  await user.click(within(card).getByRole('button', { name: 'Save roles and units' }));
  expect(await within(card).findByRole('alert')).toHaveTextContent('units: at least one for a clinician');
  expect(units).toHaveValue('');
  expect((await register.store.staff.getAccount(kari.id))?.units).toEqual(['A']);

  await user.type(units, 'A, C');
  await user.click(within(card).getByRole('checkbox', { name: 'Register staff' }));
  await user.click(within(card).getByRole('button', { name: 'Save roles and units' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The changes for kari are saved.');
  expect(await register.store.staff.getAccount(kari.id)).toMatchObject({ roles: ['clinician', 'register'], units: ['A', 'C'] });
  expect(within(card).queryByRole('alert')).not.toBeInTheDocument();

  await user.click(within(card).getByRole('button', { name: 'Disable' }));
  expect(await within(card).findByText('Disabled')).toBeInTheDocument();
  expect((await register.store.staff.getAccount(kari.id))?.disabledAt).toEqual(expect.any(String));
  await user.click(within(card).getByRole('button', { name: 'Enable' }));
  expect(await within(card).findByText('Active')).toBeInTheDocument();
  expect((await register.store.staff.getAccount(kari.id))?.disabledAt).toBeNull();

  await user.click(within(card).getByRole('button', { name: 'New password' }));
  const link = await screen.findByText(/New one-time link for kari:/, { selector: '.notice' });
  expect(link.querySelector('code')?.textContent).toMatch(/\/staff\/#\/reset\/[A-Za-z0-9_-]{43}$/);
  expect(screen.getByRole('status')).toHaveTextContent('New one-time link for kari:');
});

test('a lost phone: the reset asks again, says what it did, and the register has cleared the second factor', async () => {
  const kari = await makeAccount(register, {
    username: 'kari',
    displayName: 'Kari Nordmann',
    roles: ['clinician'],
    units: ['A'],
    requireTotp: true,
    totpSecret: register.staffServices.secrets.seal(newTotpSecret()),
  });
  await makeAccount(register, { username: 'ola', displayName: 'Ola Nordmann', roles: ['clinician'], units: ['A'] });
  const { user } = await asAdmin();
  const card = await screen.findByRole('article', { name: /Kari Nordmann/ });
  expect(within(card).getByText('App set up')).toBeInTheDocument();
  // Nothing to reset for an account without a second factor.
  const other = screen.getByRole('article', { name: /Ola Nordmann/ });
  expect(within(other).queryByRole('button', { name: 'Reset authenticator app' })).not.toBeInTheDocument();

  const reset = within(card).getByRole('button', { name: 'Reset authenticator app' });
  await user.click(reset);
  expect(reset).toHaveAttribute('aria-expanded', 'true');
  expect(within(card).getByText(/Reset the authenticator app of kari\? Do this when the phone is lost\./)).toBeInTheDocument();
  // Nothing is done before the second press.
  expect((await register.store.staff.getAccount(kari.id))?.totpSecret).not.toBeNull();
  await user.click(within(card).getByRole('button', { name: 'Yes, reset' }));
  expect(await screen.findByRole('status')).toHaveTextContent(
    'The authenticator app of kari is reset, and kari is signed out. At the next sign-in, kari sets up the app again.',
  );
  expect(await register.store.staff.getAccount(kari.id)).toMatchObject({ totpSecret: null, requireTotp: true });
  await vi.waitFor(() => expect(within(card).queryByText('App set up')).not.toBeInTheDocument());
  expect(within(card).queryByRole('button', { name: 'Reset authenticator app' })).not.toBeInTheDocument();
});
