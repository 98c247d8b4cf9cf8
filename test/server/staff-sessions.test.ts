// Staff sessions: signing in (one answer for every kind of failure), the cookie, the idle and
// absolute expiry on the register's clock, signing out here and everywhere, CSRF, and the limits
// on sign-in attempts per account and per address.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sessionLimits } from '../../src/server/staff-sessions.js';
import { signInLimits } from '../../src/server/staff-sign-in.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { startTestRegister, type TestRegister } from './setup.js';
import { asSession, makeAccount, password, signIn, signInRaw, testClock } from './staff-fixture.js';

let register: TestRegister;
let clock: ReturnType<typeof testClock>;
beforeEach(async () => {
  clock = testClock();
  register = await startTestRegister({ now: clock.now });
});
afterEach(async () => register.close());

const minutes = (n: number) => n * 60_000;

describe('signing in', () => {
  test('a session in an HttpOnly, SameSite=Strict, Secure cookie for the API only; the store keeps only its hash', async () => {
    const account = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    const session = await signIn(register, 'Kari');
    expect(session.setCookie).toMatch(/^svar_staff=[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    const info = await asSession(register, session, 'GET', '/api/staff/session');
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({
      account: { id: account.id, username: 'kari', roles: ['clinician'], units: ['A'], hasTotp: false, mustEnrolTotp: false },
      csrfToken: session.csrfToken,
    });
    const token = session.cookie.split('=')[1] ?? '';
    expect(await register.store.staff.getSession(token)).toBeUndefined();
    // The service token has no session.
    const service = await register.staff('GET', '/api/staff/session');
    expect([service.status, service.json.error]).toEqual([403, 'forbidden']);
  });

  test('an unknown user, a wrong password and a disabled account get the same answer', async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    await makeAccount(register, { username: 'ola', roles: ['register'], disabledAt: new Date().toISOString() });
    const answers = [
      await signInRaw(register, { username: 'nobody', password }),
      await signInRaw(register, { username: 'kari', password: 'not the password at all' }),
      await signInRaw(register, { username: 'ola', password }),
    ];
    for (const [i, answer] of answers.entries())
      expectCountedRefusal('staff sign-in', `failure ${i}`, { status: answer.status, json: answer.json }, 401, 'signInFailed');
    expect(new Set(answers.map((answer) => JSON.stringify(answer.json))).size).toBe(1);
    expect(answers.every((answer) => answer.setCookie === '')).toBe(true);
  }, 30_000);

  test('no cookie, an unknown cookie or a malformed one: 401', async () => {
    for (const cookie of [undefined, `svar_staff=${'x'.repeat(43)}`, 'svar_staff=short', 'other=1']) {
      const response = await register.app.inject({ method: 'GET', url: '/api/orders', headers: cookie ? { cookie } : {} });
      expectCountedRefusal(
        'staff sessions',
        `cookie ${cookie ?? 'none'}`,
        { status: response.statusCode, json: response.json() },
        401,
        'unauthorized',
      );
    }
  });
});

describe('expiry and signing out', () => {
  test('idle 30 minutes: each request moves it on; past it, the session is gone', async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    const session = await signIn(register, 'kari');
    for (let i = 0; i < 3; i++) {
      clock.advance(minutes(29));
      expect((await asSession(register, session, 'GET', '/api/orders')).status).toBe(200);
    }
    clock.advance(sessionLimits.idleMs + 1);
    const expired = await asSession(register, session, 'GET', '/api/orders');
    expectCountedRefusal('staff sessions', 'idle expiry', expired, 401, 'unauthorized');
  });

  test('absolute 12 hours, however active', async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    const session = await signIn(register, 'kari');
    for (let elapsed = 0; elapsed + minutes(25) < sessionLimits.absoluteMs; elapsed += minutes(25)) {
      clock.advance(minutes(25));
      expect((await asSession(register, session, 'GET', '/api/staff/session')).status).toBe(200);
    }
    clock.advance(minutes(25));
    expectCountedRefusal(
      'staff sessions',
      'absolute expiry',
      await asSession(register, session, 'GET', '/api/staff/session'),
      401,
      'unauthorized',
    );
  });

  test('end signs out this session; end-all every session of the account and no other', async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    await makeAccount(register, { username: 'ola', roles: ['clinician'], units: ['A'] });
    const [first, second, third] = [await signIn(register, 'kari'), await signIn(register, 'kari'), await signIn(register, 'kari')];
    const other = await signIn(register, 'ola');
    const ended = await asSession(register, first, 'POST', '/api/staff/session/end');
    expect([ended.status, ended.json]).toEqual([200, { ended: 1 }]);
    expect(ended.setCookie).toContain('Max-Age=0');
    expect((await asSession(register, first, 'GET', '/api/staff/session')).status).toBe(401);
    expect((await asSession(register, second, 'GET', '/api/staff/session')).status).toBe(200);
    const all = await asSession(register, second, 'POST', '/api/staff/session/end-all');
    expect([all.status, all.json]).toEqual([200, { ended: 2 }]);
    for (const session of [second, third]) expect((await asSession(register, session, 'GET', '/api/staff/session')).status).toBe(401);
    expect((await asSession(register, other, 'GET', '/api/staff/session')).status).toBe(200);
  }, 30_000);

  test('a disabled account loses its sessions at once', async () => {
    const account = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    const session = await signIn(register, 'kari');
    await register.store.staff.updateAccount({ ...account, disabledAt: new Date().toISOString() });
    expect((await asSession(register, session, 'GET', '/api/orders')).status).toBe(401);
  });
});

describe('CSRF', () => {
  test('a POST with the cookie needs the session’s X-CSRF-Token; the service token needs none', async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    const session = await signIn(register, 'kari');
    const body = { unit: 'A' };
    const missing = await asSession(register, session, 'POST', '/api/enrolments', body, { withCsrf: false });
    expectCountedRefusal('staff csrf', 'missing', missing, 403, 'csrfFailed');
    const wrong = await asSession(register, { ...session, csrfToken: 'x'.repeat(43) }, 'POST', '/api/enrolments', body);
    expectCountedRefusal('staff csrf', 'wrong', wrong, 403, 'csrfFailed');
    expect((await asSession(register, session, 'POST', '/api/enrolments', body)).status).toBe(201);
    expect((await register.staff('POST', '/api/enrolments', body)).status).toBe(201);
  });
});

describe('sign-in limits', () => {
  test(`${signInLimits.perAccount} failures in 15 minutes stop the account's sign-ins, the right password too, until the window passes`, async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    for (let i = 0; i < signInLimits.perAccount; i++)
      expect((await signInRaw(register, { username: 'kari', password: 'wrong password here' }, `10.2.0.${i}`)).status).toBe(401);
    const limited = await signInRaw(register, { username: 'KARI', password }, '10.3.0.1');
    expectCountedRefusal('staff sign-in', 'account limit', limited, 429, 'rateLimited');
    clock.advance(signInLimits.windowMs + 1000);
    expect((await signInRaw(register, { username: 'kari', password }, '10.3.0.1')).status).toBe(200);
  }, 30_000);

  test(`${signInLimits.perAddress} failures from one address stop its sign-ins, whatever the username; other addresses go on`, async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    for (let i = 0; i < signInLimits.perAddress; i++)
      expect((await signInRaw(register, { username: `guess-${i}`, password }, '10.4.0.1')).status).toBe(401);
    expectCountedRefusal(
      'staff sign-in',
      'address limit',
      await signInRaw(register, { username: 'kari', password }, '10.4.0.1'),
      429,
      'rateLimited',
    );
    expect((await signInRaw(register, { username: 'kari', password }, '10.4.0.2')).status).toBe(200);
  }, 60_000);

  test('a success clears the account’s failures', async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < signInLimits.perAccount - 1; i++)
        expect((await signInRaw(register, { username: 'kari', password: 'wrong password here' })).status).toBe(401);
      expect((await signInRaw(register, { username: 'kari', password })).status).toBe(200);
    }
  }, 60_000);
});
