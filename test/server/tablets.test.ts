// Shared tablets: enrolled for a unit with a staff enrolment code, they list the unit's orders of
// the day and claim one for the patient in front of them.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { claimResponse } from '../../src/core/index.js';
import { createEnrolmentOnce, createTabletOnce } from '../../src/server/register-writes.js';
import { createOrder, newDevice, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

async function enrolledTablet(unit = 'Poliklinikk A') {
  const enrolment = await register.staff('POST', '/api/enrolments', { unit });
  expect(enrolment.status).toBe(201);
  const tablet = await register.post('/api/tablets', { code: String(enrolment.json.code) });
  expect(tablet.status).toBe(201);
  return { token: String(tablet.json.tabletToken), code: String(enrolment.json.code) };
}

const asTablet = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

test("a tablet lists only its unit's open orders, with the pseudonym, and claims one with a resume secret", async () => {
  const { token } = await enrolledTablet();
  const ours = await createOrder(register, ['demo-wellbeing@1', 'norspis-outcome@1'], { unit: 'Poliklinikk A' });
  await createOrder(register, undefined, { unit: 'Sengepost B' });
  await createOrder(register);
  const listed = await register.app.inject({ method: 'GET', url: '/api/tablets/orders', headers: { authorization: `Bearer ${token}` } });
  expect(listed.json().orders).toEqual([expect.objectContaining({ id: ours.order.id, patientRef: 'pseudo-42', questionnaireCount: 2 })]);

  const claimed = await register.post(
    '/api/tablets/claim',
    { orderId: ours.order.id, deviceKey: (await newDevice()).publicJwk },
    { headers: asTablet(token) },
  );
  expect(claimed.status).toBe(200);
  const answer = claimResponse.parse(claimed.json);
  expect(answer.resumeSecret).toMatch(/^[\w-]{40,}$/);
  expect(answer.order.registerName).toBe('Demo quality register');
});

test("refuses an unknown tablet, another unit's order, and an unknown enrolment code", async () => {
  const { token } = await enrolledTablet();
  const other = await createOrder(register, undefined, { unit: 'Sengepost B' });
  const device = (await newDevice()).publicJwk;
  const wrongUnit = await register.post('/api/tablets/claim', { orderId: other.order.id, deviceKey: device }, { headers: asTablet(token) });
  expect([wrongUnit.status, wrongUnit.json.error]).toEqual([404, 'notFound']);
  const stranger = await register.post(
    '/api/tablets/claim',
    { orderId: other.order.id, deviceKey: device },
    { headers: asTablet('not-a-tablet') },
  );
  expect([stranger.status, stranger.json.error]).toEqual([401, 'unauthorized']);
  const unknown = await register.post('/api/tablets', { code: 'ZZZZ-ZZZZ-ZZZZ' });
  expect([unknown.status, unknown.json.error]).toEqual([404, 'codeUnknown']);
  expect((await register.post('/api/enrolments', { unit: 'x' })).status).toBe(401);
});

test('a tablet or an enrolment written again (a retry whose answer was lost) is the same one; another with its key is refused', async () => {
  const at = new Date().toISOString();
  const enrolment = {
    codeHash: 'code-1',
    unit: 'Poliklinikk A',
    createdAt: at,
    validUntil: new Date(Date.now() + 3600_000).toISOString(),
    usesLeft: 1,
  };
  await createEnrolmentOnce(register.store, enrolment);
  await createEnrolmentOnce(register.store, enrolment);
  await expect(createEnrolmentOnce(register.store, { ...enrolment, unit: 'Sengepost B' })).rejects.toThrow();
  const tablet = { id: 'tablet-1', unit: 'Poliklinikk A', tokenHash: 'hash-1', enrolledAt: at };
  const use = { codeHash: 'code-1', at };
  expect(await createTabletOnce(register.store, tablet, use)).toBe('enrolled');
  // Run again, it takes no second use of the code (which had one).
  expect(await createTabletOnce(register.store, tablet, use)).toBe('enrolled');
  await expect(createTabletOnce(register.store, { ...tablet, tokenHash: 'hash-2' }, use)).rejects.toThrow();
  expect(await register.store.findTablet('hash-1')).toMatchObject({ id: 'tablet-1', unit: 'Poliklinikk A', revokedAt: null });
  expect(await createTabletOnce(register.store, { ...tablet, id: 'tablet-2', tokenHash: 'hash-3' }, use)).toBe('usedUp');
  expect(await createTabletOnce(register.store, { ...tablet, id: 'tablet-3', tokenHash: 'hash-4' }, { ...use, codeHash: 'nothing' })).toBe(
    'codeUnknown',
  );
});
