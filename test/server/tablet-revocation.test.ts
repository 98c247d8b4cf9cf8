// Tablets (issue 14, item 8): an enrolment code enrols one tablet, or as many as staff choose; staff
// list the tablets and revoke one, whose token is then refused; what it sealed before is still accepted.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { claimResponse, tabletsResponse } from '../../src/core/index.js';
import { tabletFor } from '../../src/server/register-tablets.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const countRefusal = (name: string, response: { status: number; json: Record<string, unknown> }, status: number, code: string) =>
  expectCountedRefusal('tablets', name, response, status, code);

const asTablet = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

async function enrolmentCode(body: Record<string, unknown> = {}): Promise<string> {
  const enrolment = await register.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A', ...body });
  expect(enrolment.status).toBe(201);
  return String(enrolment.json.code);
}

/** Each enrolment from its own address, as tablets are: the limits on guessing are per address. */
const enrol = (code: string, address: string, name?: string) =>
  register.post('/api/tablets', { code, ...(name === undefined ? {} : { name }) }, { address });

const listTablets = async (query = '') => tabletsResponse.parse((await register.staff('GET', `/api/tablets${query}`)).json).tablets;

describe('an enrolment code enrols a number of tablets', () => {
  test('one by default: a second tablet is told the code is used up', async () => {
    const code = await enrolmentCode();
    expect((await enrol(code, '10.0.1.1')).status).toBe(201);
    countRefusal('a second tablet on a one-use code', await enrol(code, '10.0.1.2'), 410, 'enrolmentUsedUp');
  });

  test('as many as staff choose, and no more', async () => {
    const created = await register.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A', uses: 3 });
    expect(created.json).toMatchObject({ unit: 'Poliklinikk A', uses: 3 });
    const code = String(created.json.code);
    for (const address of ['10.0.2.1', '10.0.2.2', '10.0.2.3']) expect((await enrol(code, address)).status).toBe(201);
    countRefusal('a fourth tablet on a three-use code', await enrol(code, '10.0.2.4'), 410, 'enrolmentUsedUp');
    expect(await listTablets()).toHaveLength(3);
  });

  test.each([0, 51, 1.5, '2'])('uses of %j is refused', async (uses) => {
    countRefusal(
      `an enrolment code with uses ${JSON.stringify(uses)}`,
      await register.staff('POST', '/api/enrolments', { unit: 'A', uses }),
      400,
      'badRequest',
    );
  });

  test('tablets racing for the last use: exactly one wins', async () => {
    const code = await enrolmentCode({ uses: 2 });
    expect((await enrol(code, '10.0.3.1')).status).toBe(201);
    const racing = await Promise.all(['10.0.3.2', '10.0.3.3', '10.0.3.4', '10.0.3.5', '10.0.3.6'].map((address) => enrol(code, address)));
    expect(racing.filter((answer) => answer.status === 201)).toHaveLength(1);
    const losers = racing.filter((answer) => answer.status !== 201);
    losers.forEach((answer, i) => countRefusal(`a tablet that lost the race for the last use (${i + 1})`, answer, 410, 'enrolmentUsedUp'));
    expect(await listTablets()).toHaveLength(2);
  });
});

describe('staff list and revoke tablets', () => {
  test('listed with their unit, name and times, never their tokens; by unit', async () => {
    const before = new Date().toISOString();
    const token = String((await enrol(await enrolmentCode(), '10.0.4.1', ' Venterom 2 ')).json.tabletToken);
    expect(
      (await register.post('/api/tablets', { code: await enrolmentCode({ unit: 'Sengepost B' }) }, { address: '10.0.4.2' })).status,
    ).toBe(201);
    const all = await listTablets();
    expect(all.map((tablet) => tablet.unit)).toEqual(['Poliklinikk A', 'Sengepost B']);
    const [ours] = await listTablets('?unit=Poliklinikk%20A');
    expect(ours).toEqual({
      id: expect.any(String),
      unit: 'Poliklinikk A',
      name: 'Venterom 2',
      enrolledAt: expect.any(String),
      lastSeenAt: expect.any(String),
      revokedAt: null,
    });
    expect(ours && ours.enrolledAt >= before).toBe(true);
    expect(JSON.stringify(all)).not.toContain(token);
  });

  test('a revoked tablet can neither list nor claim; what it sealed before is accepted after', async () => {
    const token = String((await enrol(await enrolmentCode(), '10.0.5.1')).json.tabletToken);
    const order = await createOrder(register, ['demo-wellbeing@1'], { unit: 'Poliklinikk A' });
    const later = await createOrder(register, ['demo-wellbeing@1'], { unit: 'Poliklinikk A' });
    const device = await newDevice();
    const claimed = await register.post(
      '/api/tablets/claim',
      { orderId: order.order.id, deviceKey: device.publicJwk },
      { headers: asTablet(token) },
    );
    expect(claimed.status).toBe(200);
    const answer = claimResponse.parse(claimed.json);
    const sealed = await sealFor(device, answer, payloadFor(answer));

    const [tablet] = await listTablets();
    const revoked = await register.staff('POST', `/api/tablets/${tablet?.id ?? ''}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.json).toEqual({ revoked: tablet?.id, revokedAt: expect.any(String) });
    // Again: nothing changes, and the first revocation is answered.
    expect((await register.staff('POST', `/api/tablets/${tablet?.id ?? ''}/revoke`)).json).toEqual(revoked.json);
    expect((await listTablets())[0]?.revokedAt).toBe(revoked.json.revokedAt);

    const listed = await register.app.inject({ method: 'GET', url: '/api/tablets/orders', headers: { authorization: `Bearer ${token}` } });
    countRefusal('a revoked tablet listing its orders', { status: listed.statusCode, json: listed.json() }, 401, 'tabletRevoked');
    const claimAfter = { orderId: later.order.id, deviceKey: device.publicJwk };
    countRefusal(
      'a revoked tablet claiming',
      await register.post('/api/tablets/claim', claimAfter, { headers: asTablet(token) }),
      401,
      'tabletRevoked',
    );
    expect((await register.store.getOrder(later.order.id))?.deviceThumbprint).toBeNull();

    // Sealed before the revocation, sent after: signed by the order's device key, not the tablet's token.
    const sent = await register.post('/api/submissions', { token: sealed });
    expect(sent.status).toBe(201);
    expect(await register.store.countSubmissions()).toBe(1);
  });

  test('an unknown tablet cannot be revoked', async () => {
    countRefusal('revoking an unknown tablet', await register.staff('POST', '/api/tablets/no-such-tablet/revoke'), 404, 'notFound');
  });

  test("a tablet's calls are recorded at most once a minute", async () => {
    const token = String((await enrol(await enrolmentCode(), '10.0.6.1')).json.tabletToken);
    const [enrolled] = await listTablets();
    const start = new Date(enrolled?.lastSeenAt ?? 0).getTime();
    const at = (ms: number) => ({ store: register.store, now: () => new Date(start + ms) });
    const lastSeen = async () => (await register.store.getTablet(enrolled?.id ?? ''))?.lastSeenAt;
    await tabletFor(at(59_000), token);
    expect(await lastSeen()).toBe(new Date(start).toISOString());
    await tabletFor(at(61_000), token);
    expect(await lastSeen()).toBe(new Date(start + 61_000).toISOString());
    await tabletFor(at(100_000), token);
    expect(await lastSeen()).toBe(new Date(start + 61_000).toISOString());
  });
});
