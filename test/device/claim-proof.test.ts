// The device pays the register's proof of work in the background: while many codes fail from
// everywhere, the patient's claim and a tablet's enrolment are asked for a proof, solve it for
// their code, send again and succeed, with nothing to do for the person holding the device.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { claimOrder } from '../../src/device/claim.js';
import { lazyProofSolver } from '../../src/device/lazy-proof-solver.js';
import { httpRegisterClient } from '../../src/device/register-client.js';
import { enrolSharedDevice } from '../../src/device/shared-device-mode.js';
import { proofOfWorkLimits } from '../../src/server/proof-of-work.js';
import { createOrder, newDevice, startTestRegister, type TestRegister } from '../server/setup.js';
import { closeTracked, freshDatabase, track } from './fixture.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
  // A guessing campaign: failures from many addresses, over the threshold.
  await register.store.withClaimAttempts(async (attempts) => {
    for (let i = 0; i < proofOfWorkLimits.threshold * 2; i++)
      await attempts.record(`10.200.${i >> 8}.${i & 255}`, new Date().toISOString());
  });
});
afterEach(async () => {
  closeTracked();
  await register.close();
});

/** The device's own HTTP client, its requests answered by the real register (through Fastify's inject). */
function clientOf(address: string, options: { solver?: boolean } = {}) {
  const sent: { path: string; body: Record<string, unknown> }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const body = typeof init?.body === 'string' ? init.body : undefined;
    sent.push({ path: url.pathname, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
    const answer = await register.app.inject({
      method: init?.method === 'POST' ? 'POST' : 'GET',
      url: url.pathname,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      remoteAddress: address,
      ...(body === undefined ? {} : { payload: body }),
    });
    return new Response(answer.body, { status: answer.statusCode, headers: { 'content-type': 'application/json' } });
  };
  return {
    sent,
    client: httpRegisterClient({
      baseUrl: 'https://register.example',
      fetcher,
      ...(options.solver === false ? {} : { solveProofOfWork: lazyProofSolver }),
    }),
  };
}

test("the patient's claim pays the proof and is claimed", async () => {
  const created = await createOrder(register);
  const { sent, client } = clientOf('10.9.0.1');
  const db = track(freshDatabase());
  const result = await claimOrder(db, client, created.accessCode.toLowerCase());
  expect(result.kind).toBe('claimed');
  expect(sent.map((s) => [s.path, 'proof' in s.body])).toEqual([
    ['/api/claim', false],
    ['/api/claim', true],
  ]);
  expect(await db.orders.get(created.order.id)).toBeDefined();
  expect(await register.store.countFailedClaims('2000-01-01T00:00:00Z', '10.9.0.1')).toBe(0);
});

test('a wrong code pays the proof too, and is then refused as unknown', async () => {
  const { client } = clientOf('10.9.0.2');
  const result = await claimOrder(track(freshDatabase()), client, 'ZZZZ-ZZZZ-ZZZZ');
  expect(result).toMatchObject({ kind: 'refused', error: { error: 'codeUnknown' } });
  expect(await register.store.countFailedClaims('2000-01-01T00:00:00Z', '10.9.0.2')).toBe(1);
});

test("a tablet's enrolment pays the proof and is enrolled", async () => {
  const enrolment = await register.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' });
  const { sent, client } = clientOf('10.9.0.3');
  const result = await enrolSharedDevice(track(freshDatabase()), client, { code: String(enrolment.json.code), idleSeconds: 300 }, 1_000);
  expect(result.kind).toBe('enrolled');
  expect(sent.map((s) => [s.path, 'proof' in s.body])).toEqual([
    ['/api/tablets', false],
    ['/api/tablets', true],
  ]);
});

test("a client without a solver (the service worker's) keeps the refusal as the register gave it", async () => {
  const created = await createOrder(register);
  const { sent, client } = clientOf('10.9.0.4', { solver: false });
  const outcome = await client.claim({ code: created.accessCode, deviceKey: (await newDevice()).publicJwk });
  expect(outcome).toMatchObject({ kind: 'refused', status: 428, error: { proofOfWork: { difficulty: expect.any(Number) } } });
  expect(sent).toHaveLength(1);
});
