// Accounts from the first administrator on: the one-time link an empty register makes (used once,
// valid 24 hours), accounts an administrator makes, changes, disables and resets, and the second
// factor (TOTP) an administrator requires and a person enrols.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { linkValidityMs } from '../../src/server/staff-links.js';
import { totpAt } from '../../src/server/staff-totp.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { startTestRegister, type TestRegister } from './setup.js';
import { asSession, makeAccount, password, signIn, signInRaw, testClock, type TestSession } from './staff-fixture.js';

let register: TestRegister;
let clock: ReturnType<typeof testClock>;
beforeEach(async () => {
  clock = testClock();
  register = await startTestRegister({ now: clock.now });
});
afterEach(async () => register.close());

const tokenOf = (link: string) => link.split('/').at(-1) ?? '';
const setup = (link: string, username: string, secret = password) =>
  register.post('/api/staff/setup', { token: tokenOf(link), username, displayName: username, password: secret });

describe('the first administrator', () => {
  test('an empty register makes a link to the console; it works once, with a long enough password', async () => {
    const link = register.firstAdminLink ?? '';
    expect(link).toMatch(/^https:\/\/register\.example\/staff\/#\/setup\/[A-Za-z0-9_-]{43}$/);
    expectCountedRefusal('staff setup', 'short password', await setup(link, 'Admin', 'elevenchars'), 400, 'passwordTooShort');
    const made = await setup(link, 'Admin');
    expect([made.status, made.json.account]).toEqual([200, expect.objectContaining({ username: 'admin', roles: ['admin'], units: [] })]);
    expectCountedRefusal('staff setup', 'link used twice', await setup(link, 'other-admin'), 410, 'linkInvalid');
    const session = await signIn(register, 'admin');
    expect((await asSession(register, session, 'GET', '/api/staff/accounts')).status).toBe(200);
    // With an account, a restart makes no link.
    register = await register.restart();
    expect(register.firstAdminLink).toBeNull();
  }, 30_000);

  test('a link expires after 24 hours; an unknown one is refused alike', async () => {
    clock.advance(linkValidityMs + 1000);
    expectCountedRefusal('staff setup', 'expired link', await setup(register.firstAdminLink ?? '', 'admin'), 410, 'linkInvalid');
    const unknown = await register.post('/api/staff/setup', { token: 'x'.repeat(43), username: 'a', displayName: 'a', password });
    expectCountedRefusal('staff setup', 'unknown link', unknown, 410, 'linkInvalid');
  });
});

async function adminSession(): Promise<TestSession> {
  await makeAccount(register, { username: 'admin', roles: ['admin'] });
  return signIn(register, 'admin');
}

describe('accounts', () => {
  test('an administrator makes an account; its person sets a password from the link and signs in', async () => {
    const admin = await adminSession();
    const body = { username: 'Kari', displayName: 'Kari Nordmann', roles: ['clinician'], units: ['A'] };
    const created = await asSession(register, admin, 'POST', '/api/staff/accounts', body);
    expect(created.status).toBe(201);
    expect(created.json.account).toMatchObject({ username: 'kari', hasPassword: false, isDisabled: false, units: ['A'] });
    const link = String(created.json.setupLink);
    expect(link).toMatch(/\/staff\/#\/setup\//);
    expectCountedRefusal(
      'staff accounts',
      'username taken',
      await asSession(register, admin, 'POST', '/api/staff/accounts', body),
      409,
      'usernameTaken',
    );
    const noUnit = await asSession(register, admin, 'POST', '/api/staff/accounts', { ...body, username: 'ola', units: [] });
    expectCountedRefusal('staff accounts', 'clinician without unit', noUnit, 400, 'badRequest');
    expect((await setup(link, 'someone-else')).status).toBe(400);
    expect((await setup(link, 'KARI')).status).toBe(200);
    const kari = await signIn(register, 'kari');
    expect((await asSession(register, kari, 'GET', '/api/orders')).status).toBe(200);
    const listed = await asSession(register, admin, 'GET', '/api/staff/accounts');
    expect((listed.json.accounts as { username: string }[]).map((a) => a.username)).toEqual(['admin', 'kari']);
  }, 30_000);

  test('disable ends the sessions and the sign-ins; reset gives a new password and ends the old sessions', async () => {
    const admin = await adminSession();
    const kari = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    const session = await signIn(register, 'kari');
    const disabled = await asSession(register, admin, 'POST', `/api/staff/accounts/${kari.id}`, { disabled: true });
    expect([disabled.status, (disabled.json.account as { isDisabled: boolean }).isDisabled]).toEqual([200, true]);
    expect((await asSession(register, session, 'GET', '/api/orders')).status).toBe(401);
    expect((await signInRaw(register, { username: 'kari', password })).json.error).toBe('signInFailed');
    expect(
      (await asSession(register, admin, 'POST', `/api/staff/accounts/${kari.id}`, { disabled: false, units: ['A', 'B'] })).status,
    ).toBe(200);
    const again = await signIn(register, 'kari');
    const reset = await asSession(register, admin, 'POST', `/api/staff/accounts/${kari.id}/reset`);
    expect(String(reset.json.setupLink)).toMatch(/\/staff\/#\/reset\//);
    expect((await setup(String(reset.json.setupLink), 'kari', 'a brand new password')).status).toBe(200);
    expect((await asSession(register, again, 'GET', '/api/orders')).status).toBe(401);
    expect((await signInRaw(register, { username: 'kari', password: 'a brand new password' })).status).toBe(200);
    const unknown = await asSession(register, admin, 'POST', '/api/staff/accounts/no-such-account', { displayName: 'x' });
    expectCountedRefusal('staff accounts', 'unknown account', unknown, 404, 'notFound');
  }, 60_000);

  test('the last administrator cannot disable themselves or drop the role', async () => {
    const admin = await adminSession();
    const me = (await asSession(register, admin, 'GET', '/api/staff/session')).json.account as { id: string };
    const refused = await asSession(register, admin, 'POST', `/api/staff/accounts/${me.id}`, { roles: ['register'] });
    expectCountedRefusal('staff accounts', 'last admin', refused, 400, 'badRequest');
    expect((await asSession(register, admin, 'POST', `/api/staff/accounts/${me.id}`, { disabled: true })).status).toBe(400);
  });
});

describe('the second factor', () => {
  test('required by an administrator: only TOTP and session routes until enrolled; then the code is asked at sign-in', async () => {
    const kari = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'], requireTotp: true });
    const session = await signIn(register, 'kari');
    expect((await asSession(register, session, 'GET', '/api/staff/session')).json.account).toMatchObject({ mustEnrolTotp: true });
    expectCountedRefusal('staff totp', 'not enrolled', await asSession(register, session, 'GET', '/api/orders'), 403, 'forbidden');
    const started = await asSession(register, session, 'POST', '/api/staff/totp/start');
    const secret = String(started.json.secret);
    expect(String(started.json.otpauthUri)).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expectCountedRefusal(
      'staff totp',
      'wrong code',
      await asSession(register, session, 'POST', '/api/staff/totp/confirm', { code: '000000' }),
      400,
      'badRequest',
    );
    const code = totpAt(secret, clock.now());
    expect((await asSession(register, session, 'POST', '/api/staff/totp/confirm', { code })).json).toEqual({ hasTotp: true });
    expect((await asSession(register, session, 'GET', '/api/orders')).status).toBe(200);
    // Kept encrypted: the database does not hold the secret as it is.
    expect(JSON.stringify(await register.store.staff.getAccount(kari.id))).not.toContain(secret);

    const withoutCode = await signInRaw(register, { username: 'kari', password });
    expectCountedRefusal('staff totp', 'code missing', withoutCode, 401, 'secondFactorRequired');
    expectCountedRefusal(
      'staff totp',
      'code wrong',
      await signInRaw(register, { username: 'kari', password, totp: '123456' === code ? '654321' : '123456' }),
      401,
      'secondFactorRequired',
    );
    // The code that confirmed the enrolment is used; the next period's is not.
    clock.advance(30_000);
    const fresh = totpAt(secret, clock.now());
    const withCode = await signInRaw(register, { username: 'kari', password, totp: fresh });
    expect([withCode.status, withCode.json.account]).toEqual([200, expect.objectContaining({ hasTotp: true, mustEnrolTotp: false })]);
    // The same code again (someone who saw it typed): refused, as is one of an earlier period.
    expectCountedRefusal(
      'staff totp',
      'code replayed',
      await signInRaw(register, { username: 'kari', password, totp: fresh }),
      401,
      'secondFactorRequired',
    );
    const earlier = totpAt(secret, new Date(clock.now().getTime() - 30_000));
    expectCountedRefusal(
      'staff totp',
      'earlier code',
      await signInRaw(register, { username: 'kari', password, totp: earlier }),
      401,
      'secondFactorRequired',
    );
    clock.advance(30_000);
    expect((await signInRaw(register, { username: 'kari', password, totp: totpAt(secret, clock.now()) })).status).toBe(200);
  }, 30_000);
});

describe('a lost phone', () => {
  test('an administrator resets the second factor: the sessions end, the person enrols again before anything else; audited', async () => {
    const admin = await adminSession();
    const kari = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'], requireTotp: true });
    const first = await signIn(register, 'kari');
    const secret = String((await asSession(register, first, 'POST', '/api/staff/totp/start')).json.secret);
    const code = totpAt(secret, clock.now());
    expect((await asSession(register, first, 'POST', '/api/staff/totp/confirm', { code })).status).toBe(200);
    expect((await asSession(register, first, 'GET', '/api/orders')).status).toBe(200);

    const reset = await asSession(register, admin, 'POST', `/api/staff/accounts/${kari.id}/totp/reset`);
    expect([reset.status, reset.json.account]).toEqual([200, expect.objectContaining({ id: kari.id, hasTotp: false, requireTotp: true })]);
    expect(await register.store.staff.getAccount(kari.id)).toMatchObject({ totpSecret: null, totpPendingSecret: null, requireTotp: true });
    // The session that passed the old factor is over; the password alone signs in, to enrol a new one.
    expect((await asSession(register, first, 'GET', '/api/orders')).status).toBe(401);
    clock.advance(30_000);
    const again = await signInRaw(register, { username: 'kari', password });
    expect([again.status, again.json.account]).toEqual([200, expect.objectContaining({ hasTotp: false, mustEnrolTotp: true })]);
    const session = { cookie: again.setCookie.split(';')[0] ?? '', csrfToken: String(again.json.csrfToken), setCookie: again.setCookie };
    expectCountedRefusal(
      'staff totp',
      'reset, not enrolled again',
      await asSession(register, session, 'GET', '/api/orders'),
      403,
      'forbidden',
    );
    const newSecret = String((await asSession(register, session, 'POST', '/api/staff/totp/start')).json.secret);
    expect(newSecret).not.toBe(secret);
    const newCode = totpAt(newSecret, clock.now());
    expect((await asSession(register, session, 'POST', '/api/staff/totp/confirm', { code: newCode })).json).toEqual({ hasTotp: true });
    expect((await asSession(register, session, 'GET', '/api/orders')).status).toBe(200);
    // The lost phone's codes no longer sign in.
    clock.advance(30_000);
    const oldPhone = await signInRaw(register, { username: 'kari', password, totp: totpAt(secret, clock.now()) });
    expectCountedRefusal('staff totp', 'lost phone code', oldPhone, 401, 'secondFactorRequired');

    const trail = await asSession(register, admin, 'GET', '/api/staff/audit');
    const entries = trail.json.entries as { action: string; actorName: string; objects: Record<string, unknown>; result: string }[];
    expect(entries.find((entry) => entry.action === 'accounts.resetTotp')).toMatchObject({
      actorName: 'admin',
      objects: { accountId: kari.id },
      result: 'ok',
    });
  }, 30_000);

  test('only administrators reset a second factor; an unknown account is 404, and the refusal is audited', async () => {
    const admin = await adminSession();
    const kari = await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    await makeAccount(register, { username: 'reg', roles: ['register'] });
    for (const username of ['kari', 'reg']) {
      const session = await signIn(register, username);
      const refused = await asSession(register, session, 'POST', `/api/staff/accounts/${kari.id}/totp/reset`);
      expectCountedRefusal('staff accounts', `totp reset by ${username}`, refused, 403, 'forbidden');
    }
    const unknown = await asSession(register, admin, 'POST', '/api/staff/accounts/no-such-account/totp/reset');
    expectCountedRefusal('staff accounts', 'totp reset of unknown account', unknown, 404, 'notFound');
    const trail = await asSession(register, admin, 'GET', '/api/staff/audit');
    const entries = trail.json.entries as { action: string; objects: Record<string, unknown>; result: string }[];
    expect(entries.find((entry) => entry.action === 'accounts.resetTotp')).toMatchObject({
      objects: { accountId: 'no-such-account' },
      result: 'notFound',
    });
    // Without a second factor there is nothing to lose: the reset answers the account as it is.
    const none = await asSession(register, admin, 'POST', `/api/staff/accounts/${kari.id}/totp/reset`);
    expect([none.status, none.json.account]).toEqual([200, expect.objectContaining({ hasTotp: false, requireTotp: false })]);
  }, 30_000);
});
