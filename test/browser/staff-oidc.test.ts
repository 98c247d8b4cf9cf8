// Signing in to the console with OpenID Connect in chromium: the register set up for the real
// oidc-provider the server tests start (test/server/oidc-fixture.ts), the console's button for the
// identity provider, the provider's login (its interaction signs in the person the test names), and
// back in the console signed in, with the roles and units the provider's claims give; a person the
// register has no role for comes back to the sign-in screen, which says why.
import { createServer } from 'node:net';
import { afterAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { oidcEnv, startTestProvider } from '../server/oidc-fixture.js';
import { withServerAndBrowser, type RunningServer } from './harness.js';
import { makeStaffAccount, readStaffAccount } from './staff-accounts.js';

/** A free port on 127.0.0.1, chosen before the register starts: its public address names it, and the provider's client must too. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
const provider = await startTestProvider(
  {
    'sub-kari': { preferred_username: 'Kari', name: 'Kari Nordmann', svar_roles: ['svar-clinician'], svar_units: ['Poliklinikk A'] },
    'sub-norole': { preferred_username: 'norole', name: 'No Role', svar_roles: ['something-else'] },
  },
  { redirectUris: [`${publicUrl}/api/staff/oidc/callback`] },
);
afterAll(() => provider.close());

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started), { port, env: { ...oidcEnv(provider.issuer), PUBLIC_URL: publicUrl } });

async function consolePage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/staff/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  return { page, errors };
}

test("the identity provider's button, its login, and back in the console signed in with the claims' role and unit", async () => {
  // The account an administrator made, without a password: bound to the provider's subject at the
  // first sign-in, its units then the ones the claims name.
  const kari = await makeStaffAccount(server, { username: 'kari', displayName: 'Kari Nordmann', passwordHash: null, units: ['Other'] });
  provider.loginAs('sub-kari');
  const { page, errors } = await consolePage();
  const seen: string[] = [];
  // Each address the browser went to on the way (the redirects included).
  page.on('request', (request) => {
    if (request.isNavigationRequest()) seen.push(new URL(request.url()).origin + new URL(request.url()).pathname);
  });
  await page.getByRole('link', { name: 'Sign in with HelseID' }).click();
  await page.getByText('Signed in as Kari Nordmann').waitFor();
  // The browser went to the provider and came back.
  expect(seen).toEqual(
    expect.arrayContaining([`${server.url}/api/staff/oidc/start`, `${provider.issuer}/auth`, `${server.url}/api/staff/oidc/callback`]),
  );
  expect(new URL(page.url()).origin).toBe(server.url);

  // A clinician of the unit the claims name: the new order form has it, and the orders open.
  await page.getByRole('link', { name: 'New order', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'New order' }).waitFor();
  expect(await page.getByLabel('Unit').inputValue()).toBe('Poliklinikk A');
  const cookies = await page.context().cookies(`${server.url}/api/staff/session`);
  expect(cookies.find((cookie) => cookie.name === 'svar_staff')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(errors).toEqual([]);

  const audit = (await server.staff('GET', '/api/staff/audit')).json as {
    entries: { action: string; result: string; actorName: string }[];
  };
  expect(audit.entries.find((entry) => entry.action === 'session.signIn')).toMatchObject({ result: 'ok', actorName: 'kari' });
  expect(await readStaffAccount(server, kari.id)).toMatchObject({
    oidcSubject: 'sub-kari',
    roles: ['clinician'],
    units: ['Poliklinikk A'],
  });
  await page.context().close();
});

test('a person the register has no role for comes back to the sign-in screen, which says why', async () => {
  provider.loginAs('sub-norole');
  const { page } = await consolePage();
  await page.getByRole('link', { name: 'Sign in with HelseID' }).click();
  await page.getByRole('alert').getByText('this register has no account or role for you', { exact: false }).waitFor();
  expect(await page.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible()).toBe(true);
  expect(await page.getByText(/Signed in as/).count()).toBe(0);
  await page.context().close();
});
