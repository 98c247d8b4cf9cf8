// Signing in to the console: nobody signed in gets the sign-in screen; empty fields are said; a
// refusal is said in words, the username stays and the password is to be typed again.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { TestRegister } from '../../server/setup.js';
import { renderConsole, startRegister } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

test('without a session: the sign-in screen, and no menu', async () => {
  const { user } = renderConsole(register, '#/orders', null);
  expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
  expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(screen.getByRole('alert')).toHaveTextContent('Enter your username and password.');

  await user.type(screen.getByLabelText('Username'), 'kari');
  await user.type(screen.getByLabelText('Password'), 'not the password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  // A wrong password: the refusal is said.
  expect(await screen.findByRole('alert')).not.toBeEmptyDOMElement();
  expect(screen.getByLabelText('Username')).toHaveValue('kari');
  expect(screen.getByLabelText('Password')).toHaveValue('');
});

test('a refused OpenID Connect sign-in comes back to the sign-in screen, which says why; no provider button without OIDC', async () => {
  renderConsole(register, '#/signin?error=oidcNoAccount', null);
  expect(await screen.findByRole('alert')).toHaveTextContent('this register has no account or role for you');
  expect(screen.queryByRole('link', { name: /Sign in with/ })).not.toBeInTheDocument();
});
