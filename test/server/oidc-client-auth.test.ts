// OpenID Connect sign-in, continued: the client proving itself with a private key (private_key_jwt,
// which HelseID requires) instead of a secret, and e-mail addresses that name an account only when
// the provider has verified them.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { expectCountedRefusal } from './counted-refusal.js';
import { keyClientId, oidcEnv, signIns, signInAt, startTestProvider, type TestProvider } from './oidc-fixture.js';
import { startTestRegister, type TestRegister } from './setup.js';
import { makeAccount } from './staff-fixture.js';

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider({
    'sub-ola': {
      preferred_username: 'ola',
      name: 'Ola',
      email: 'ola@example.org',
      email_verified: true,
      svar_roles: ['svar-clinician'],
      svar_units: ['A'],
    },
    'sub-eve': { preferred_username: 'eve', name: 'Eve', email: 'kari@example.org', email_verified: false, svar_roles: ['svar-admin'] },
  });
});
afterAll(async () => provider.close());

let register: TestRegister | undefined;
afterEach(async () => {
  await register?.close();
  register = undefined;
});

test('private_key_jwt: the register signs in with its private key and no secret', async () => {
  register = await startTestRegister({
    env: oidcEnv(provider.issuer, {
      OIDC_CLIENT_SECRET: undefined,
      OIDC_CLIENT_ID: keyClientId,
      OIDC_CLIENT_KEY_FILE: provider.clientKeyFile,
    }),
  });
  await makeAccount(register, { username: 'ola', roles: ['clinician'], units: ['A'] });
  const { answer } = await signInAt(provider, register, 'sub-ola');
  expect([answer.status, answer.location]).toEqual([302, 'https://register.example/staff/']);
  expect((await signIns(register)).map((entry) => entry.result)).toEqual(['ok']);
});

test('a key file that is not a private key stops the start with a clear message', async () => {
  await expect(
    startTestRegister({
      env: oidcEnv(provider.issuer, { OIDC_CLIENT_SECRET: undefined, OIDC_CLIENT_KEY_FILE: '/nonexistent/key.json' }),
    }),
  ).rejects.toThrow(/OIDC_CLIENT_KEY_FILE: \/nonexistent\/key.json is not readable as a private JWK/);
});

test('with OIDC_USERNAME_CLAIM=email an address names an account only when the provider has verified it', async () => {
  register = await startTestRegister({
    env: oidcEnv(provider.issuer, { OIDC_SCOPES: 'openid profile email svar', OIDC_USERNAME_CLAIM: 'email' }),
  });
  await makeAccount(register, { username: 'kari@example.org', roles: ['admin'] });
  await makeAccount(register, { username: 'ola@example.org', roles: ['clinician'], units: ['A'] });
  expectCountedRefusal('staff oidc', 'unverified e-mail', (await signInAt(provider, register, 'sub-eve')).answer, 302, 'oidcNoAccount');
  expect((await register.store.staff.findAccountByUsername('kari@example.org'))?.oidcSubject).toBeNull();
  expect((await signInAt(provider, register, 'sub-ola')).answer.location).toBe('https://register.example/staff/');
  expect((await signIns(register)).map((entry) => [entry.result, entry.objects.reason ?? entry.objects.account])).toEqual([
    ['oidcNoAccount', 'noAccount'],
    ['ok', 'linked'],
  ]);
});
