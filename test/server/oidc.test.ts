// Staff sign-in with OpenID Connect, end to end against a real provider (oidc-provider, started by
// the test): the redirect with PKCE, state and nonce, the provider's login and consent, the code
// exchanged by the register, the claims mapped to roles and units, a session cookie, and the audit
// trail. Refused: a tampered state, a replayed code, a missing flow cookie, a person the register
// has no account for; a provider that does not answer leaves local sign-in working.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { expectCountedRefusal } from './counted-refusal.js';
import {
  browseToCallback,
  oidcCallback as callback,
  oidcEnv,
  oidcStart as start,
  signIns,
  signInAt,
  startTestProvider,
  type TestProvider,
} from './oidc-fixture.js';
import { oidcFlowLifetimeMs } from '../../src/server/oidc.js';
import { startTestRegister, type TestRegister } from './setup.js';
import { asSession, makeAccount, signIn, testClock } from './staff-fixture.js';

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider({
    'sub-kari': {
      preferred_username: 'Kari',
      name: 'Kari Nordmann',
      svar_roles: ['svar-clinician', 'unknown-role'],
      svar_units: ['A', 'B'],
    },
    'sub-nils': { preferred_username: 'nils', name: 'Nils', svar_roles: ['svar-register'] },
    'sub-norole': { preferred_username: 'norole', name: 'No Role', svar_roles: ['something-else'] },
  });
});
afterAll(async () => provider.close());

let register: TestRegister | undefined;
afterEach(async () => {
  await register?.close();
  register = undefined;
});

/** The whole flow as a browser makes it, signed in at the provider as `subject`. */
const signInWithProvider = (r: TestRegister, subject: string) => signInAt(provider, r, subject);

describe('with a provider configured', () => {
  test('session-config names it; local sign-in is there too', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer) });
    const answer = await register.app.inject({ method: 'GET', url: '/api/staff/session-config' });
    expect([answer.statusCode, answer.json()]).toEqual([200, { local: true, oidc: { name: 'HelseID' } }]);
    const without = await startTestRegister();
    try {
      expect((await without.app.inject({ method: 'GET', url: '/api/staff/session-config' })).json()).toEqual({ local: true, oidc: null });
    } finally {
      await without.close();
    }
  });

  test('start: to the provider with PKCE (S256), state and nonce; the flow in a sealed, HttpOnly, SameSite=Lax cookie', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer) });
    const started = await start(register);
    expect(started.status).toBe(302);
    const url = new URL(started.location);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'svar-register',
      redirect_uri: 'https://register.example/api/staff/oidc/callback',
      response_type: 'code',
      scope: 'openid profile svar',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(name)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(started.flowCookie).toMatch(/^svar_oidc=[A-Za-z0-9_.-]+; Path=\/api\/staff\/oidc; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
    // Sealed: neither the state nor the verifier can be read from it.
    expect(started.flowCookie).not.toContain(url.searchParams.get('state'));
  });

  test('an account an admin made signs in: session cookie, roles and units from the claims, the subject bound, audited', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer) });
    const made = await makeAccount(register, { username: 'kari', roles: ['register'], units: [] });
    const { answer } = await signInWithProvider(register, 'sub-kari');
    expect([answer.status, answer.location]).toEqual([302, 'https://register.example/staff/']);
    const session = answer.setCookie.find((line) => line.startsWith('svar_staff='));
    expect(session).toMatch(/^svar_staff=[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    expect(answer.setCookie.some((line) => line.startsWith('svar_oidc=;') && line.includes('Max-Age=0'))).toBe(true);
    const info = await asSession(
      register,
      { cookie: session?.split(';')[0] ?? '', csrfToken: '', setCookie: '' },
      'GET',
      '/api/staff/session',
    );
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ account: { id: made.id, username: 'kari', roles: ['clinician'], units: ['A', 'B'] } });
    expect((await register.store.staff.getAccount(made.id))?.oidcSubject).toBe('sub-kari');
    // The second time the subject finds the account; the roles stay as the provider says.
    const again = await signInWithProvider(register, 'sub-kari');
    expect(again.answer.location).toBe('https://register.example/staff/');
    expect(await signIns(register)).toEqual([
      { actor: 'kari', result: 'ok', objects: { method: 'oidc', username: 'kari', account: 'linked' } },
      { actor: 'kari', result: 'ok', objects: { method: 'oidc', username: 'kari' } },
    ]);
    expect(register.logs.join('')).not.toMatch(/code=|id_token|access_token/);
  });
});

describe('refused: a forged or replayed return', () => {
  test('a replayed code, a tampered state and a missing flow cookie are refused, and audited with the reason', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer) });
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    const first = await signInWithProvider(register, 'sub-kari');
    expect(first.answer.location).toBe('https://register.example/staff/');
    const replayed = await callback(register, first.callbackUrl, first.started.cookie);
    expectCountedRefusal('staff oidc', 'replayed code', replayed, 302, 'oidcFailed');
    expect(replayed.location).toBe('https://register.example/staff/#/signin?error=oidcFailed');

    provider.loginAs('sub-kari');
    const started = await start(register);
    const callbackUrl = await browseToCallback(started.location);
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state') ?? ''}x`);
    expectCountedRefusal('staff oidc', 'tampered state', await callback(register, tampered, started.cookie), 302, 'oidcFailed');
    expectCountedRefusal('staff oidc', 'no flow cookie', await callback(register, callbackUrl, ''), 302, 'oidcFailed');
    const forged = `svar_oidc=${started.cookie.slice('svar_oidc='.length, -4)}AAAA`;
    expectCountedRefusal('staff oidc', 'forged flow cookie', await callback(register, callbackUrl, forged), 302, 'oidcFailed');
    for (const answer of [replayed])
      expect(answer.setCookie.some((line) => line.startsWith('svar_staff=') && !line.startsWith('svar_staff=;'))).toBe(false);
    expect((await signIns(register)).slice(1)).toEqual([
      { actor: null, result: 'oidcFailed', objects: { method: 'oidc', reason: 'codeRejected' } },
      { actor: null, result: 'oidcFailed', objects: { method: 'oidc', reason: 'stateMismatch' } },
      { actor: null, result: 'oidcFailed', objects: { method: 'oidc', reason: 'flowMissing' } },
      { actor: null, result: 'oidcFailed', objects: { method: 'oidc', reason: 'flowMissing' } },
    ]);
  });
});

describe('refused: too late, or cancelled', () => {
  test('a return later than 10 minutes after the start is refused, whatever the provider says', async () => {
    const clock = testClock();
    register = await startTestRegister({ env: oidcEnv(provider.issuer), now: clock.now });
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    provider.loginAs('sub-kari');
    const started = await start(register);
    const callbackUrl = await browseToCallback(started.location);
    clock.advance(oidcFlowLifetimeMs);
    expectCountedRefusal('staff oidc', 'flow expired', await callback(register, callbackUrl, started.cookie), 302, 'oidcFailed');
    expect((await signIns(register)).map((entry) => entry.objects.reason)).toEqual(['flowExpired']);
  });

  test('a sign-in cancelled at the provider comes back refused', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer) });
    const { answer } = await signInWithProvider(register, '');
    expectCountedRefusal('staff oidc', 'cancelled at the provider', answer, 302, 'oidcFailed');
    expect(await signIns(register)).toEqual([
      { actor: null, result: 'oidcFailed', objects: { method: 'oidc', reason: 'providerRefused' } },
    ]);
  });
});

describe('whom the register lets in', () => {
  test('a person without an account is refused when auto-create is off; so is one whose roles map to none', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer) });
    const { answer } = await signInWithProvider(register, 'sub-nils');
    expectCountedRefusal('staff oidc', 'no account', answer, 302, 'oidcNoAccount');
    expect(answer.setCookie.some((line) => line.startsWith('svar_staff='))).toBe(false);
    await makeAccount(register, { username: 'norole', roles: ['clinician'], units: ['A'] });
    expectCountedRefusal('staff oidc', 'no role', (await signInWithProvider(register, 'sub-norole')).answer, 302, 'oidcNoAccount');
    expect(await register.store.staff.findAccountBySubject('sub-nils')).toBeUndefined();
    expect(await signIns(register)).toEqual([
      { actor: 'nils', result: 'oidcNoAccount', objects: { method: 'oidc', reason: 'noAccount' } },
      { actor: 'norole', result: 'oidcNoAccount', objects: { method: 'oidc', reason: 'noRole' } },
    ]);
  });

  test('a disabled account is refused, and an account bound to another subject is not taken over by its username', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer) });
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'], oidcSubject: 'someone-else' });
    expectCountedRefusal('staff oidc', 'bound to another', (await signInWithProvider(register, 'sub-kari')).answer, 302, 'oidcNoAccount');
    await makeAccount(register, { username: 'nils', roles: ['register'], disabledAt: new Date().toISOString() });
    expectCountedRefusal('staff oidc', 'disabled', (await signInWithProvider(register, 'sub-nils')).answer, 302, 'oidcNoAccount');
    expect((await signIns(register)).map((entry) => entry.objects.reason)).toEqual(['subjectMismatch', 'accountDisabled']);
  });

  test('with OIDC_AUTO_CREATE=true a new person gets an account with the roles and units the provider says', async () => {
    register = await startTestRegister({ env: oidcEnv(provider.issuer, { OIDC_AUTO_CREATE: 'true' }) });
    const { answer } = await signInWithProvider(register, 'sub-nils');
    expect(answer.location).toBe('https://register.example/staff/');
    const account = await register.store.staff.findAccountBySubject('sub-nils');
    expect(account).toMatchObject({ username: 'nils', displayName: 'Nils', roles: ['register'], units: [], passwordHash: null });
    expect((await signIns(register))[0]).toEqual({
      actor: 'nils',
      result: 'ok',
      objects: { method: 'oidc', username: 'nils', account: 'created' },
    });
  });
});

test('an issuer that does not answer: the register starts, says so, sends OIDC sign-ins back with oidcUnavailable; local sign-in works', async () => {
  register = await startTestRegister({ env: oidcEnv('http://127.0.0.1:9') });
  expect(register.warnings.join('\n')).toContain('OpenID Connect: the issuer http://127.0.0.1:9 did not answer discovery');
  const started = await start(register);
  expectCountedRefusal(
    'staff oidc',
    'issuer down',
    { status: started.status, json: { error: /error=(\w+)/.exec(started.location)?.[1] } },
    302,
    'oidcUnavailable',
  );
  expect(started.location).toBe('https://register.example/staff/#/signin?error=oidcUnavailable');
  await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
  expect((await signIn(register, 'kari')).cookie).toMatch(/^svar_staff=/);
  expect((await signIns(register)).map((entry) => entry.result)).toEqual(['oidcUnavailable', 'ok']);
});
