// What a submission says beside its answers is checked against the definition the order pinned, and
// a tablet cannot claim an order before its validFrom (issue 14, item 7).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClaimResponse, SubmissionPayload } from '../../src/core/index.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestDevice, type TestRegister } from './setup.js';

let register: TestRegister;
let device: TestDevice;
let claimed: ClaimResponse;
beforeAll(async () => {
  register = await startTestRegister();
  device = await newDevice();
  claimed = await claim(register, (await createOrder(register)).accessCode, device);
});
afterAll(async () => register.close());

const countRefusal = (name: string, response: { status: number; json: Record<string, unknown> }, status: number, code: string) =>
  expectCountedRefusal('receive', name, response, status, code);

describe('the notices, the language and the times are checked against the definition', () => {
  const cases: [string, Partial<SubmissionPayload>, string][] = [
    ['a notice the definition does not have', { noticesShown: ['not_a_notice'] }, 'noticesShown: unknownNotice'],
    ['a notice shown twice', { noticesShown: ['hard_time', 'hard_time'] }, 'noticesShown: duplicate'],
    ['a language the definition is not written in', { language: 'sv' }, 'language: notInDefinition'],
    [
      'completed before it was started',
      { startedAt: '2026-01-02T10:00:00Z', completedAt: '2026-01-02T09:59:59Z' },
      'completedAt: beforeStartedAt',
    ],
  ];
  test.each(cases)('%s is refused as invalidPayload, naming the field', async (name, change, detail) => {
    const response = await register.post('/api/submissions', {
      token: await sealFor(device, claimed, { ...payloadFor(claimed), ...change }),
    });
    countRefusal(name, response, 400, 'invalidPayload');
    expect(response.json.details).toEqual([detail]);
  });

  test("the definition's own notices, in another of its languages, started before completed, are accepted", async () => {
    const payload = {
      ...payloadFor(claimed),
      noticesShown: ['hard_time'],
      language: 'en',
      startedAt: '2026-01-02T09:00:00Z',
      completedAt: '2026-01-02T10:30:00+01:00',
    };
    expect((await register.post('/api/submissions', { token: await sealFor(device, claimed, payload) })).status).toBe(201);
  });
});

test("a tablet cannot claim an order before its validFrom, as the patient's code cannot", async () => {
  const enrolment = await register.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' });
  const tablet = await register.post('/api/tablets', { code: String(enrolment.json.code) });
  const validFrom = new Date(Date.now() + 86_400_000).toISOString();
  const validUntil = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const early = await createOrder(register, undefined, { unit: 'Poliklinikk A', validFrom, validUntil });
  const body = { orderId: early.order.id, deviceKey: (await newDevice()).publicJwk };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${String(tablet.json.tabletToken)}` };
  countRefusal('a tablet claiming before validFrom', await register.post('/api/tablets/claim', body, { headers }), 403, 'orderNotYetValid');
  countRefusal(
    'a code claiming before validFrom',
    await register.post('/api/claim', { code: early.accessCode, deviceKey: body.deviceKey }),
    403,
    'orderNotYetValid',
  );
});
