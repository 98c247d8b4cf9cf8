// The receive path (issue 14, items 5, 6 and 7): no signed payload causes a 500, a submission that
// cannot be verified gets one answer whatever the order, and a tablet cannot claim an order early.
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClaimResponse } from '../../src/core/index.js';
import { expectCountedRefusal } from './counted-refusal.js';
import {
  claim,
  createOrder,
  encryptTo,
  newDevice,
  payloadFor,
  sealFor,
  signAs,
  startTestRegister,
  type TestDevice,
  type TestRegister,
} from './setup.js';

let register: TestRegister;
let device: TestDevice;
let claimed: ClaimResponse;
beforeAll(async () => {
  register = await startTestRegister();
  device = await newDevice();
  claimed = await claim(register, (await createOrder(register)).accessCode, device);
});
afterAll(async () => register.close());

const submit = (token: string) => register.post('/api/submissions', { token });

const countRefusal = (name: string, response: { status: number; json: Record<string, unknown> }, status: number, code: string) =>
  expectCountedRefusal('receive', name, response, status, code);

const encoder = new TextEncoder();
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** The payload with one member's value replaced by JSON text (built as text: JSON.stringify overflows on it), signed and sealed. */
async function sealedWith(payload: Record<string, unknown>, member: string, json: string) {
  const text = JSON.stringify({ ...payload, [member]: '@deep@' }).replace('"@deep@"', json);
  const signed = await new CompactSign(encoder.encode(text))
    .setProtectedHeader({ alg: 'ES256', kid: device.thumbprint })
    .sign(device.privateKey);
  return encryptTo(claimed.encryptionKey, signed);
}

describe('no payload a device can sign causes a 500', () => {
  const cases: [string, string, string][] = [
    ['scores nested 5,000 levels deep', 'scores', `{"total":${deepObject(5000)}}`],
    ['scores with arrays nested 5,000 levels deep', 'scores', `{"total":${deepArray(5000)}}`],
    ['an answer nested 5,000 levels deep', 'answers', `{"mood":${deepObject(5000)}}`],
    ['a stray member nested 5,000 levels deep', 'extra', deepArray(5000)],
    ['scores nested 40 levels deep', 'scores', `{"total":${deepObject(40)}}`],
    ['a score of 1e999 (Infinity once parsed)', 'scores', '{"total":1e999}'],
    ['an answer value of -1e999', 'answers', '{"mood_overall":{"value":-1e999}}'],
  ];
  test.each(cases)('%s is refused as invalidPayload', async (name, member, json) => {
    countRefusal(name, await submit(await sealedWith(payloadFor(claimed), member, json)), 400, 'invalidPayload');
  });

  test('a retry of a stored submission with a deep payload is refused the same way', async () => {
    const payload = payloadFor(claimed, undefined, 0);
    expect((await submit(await sealFor(device, claimed, payload))).status).toBe(201);
    countRefusal('a deep retry of a stored id', await submit(await sealedWith(payload, 'scores', deepObject(5000))), 400, 'invalidPayload');
  });
});

describe('a submission that cannot be verified gets one answer whatever the order', () => {
  test('an unknown order, an unclaimed order and a wrong key are answered alike', async () => {
    const stranger = await newDevice();
    const unclaimed = await createOrder(register);
    const answers = [
      await submit(await sealFor(device, claimed, { ...payloadFor(claimed), orderId: crypto.randomUUID() })),
      await submit(await encryptTo(claimed.encryptionKey, await signAs(device, { ...payloadFor(claimed), orderId: unclaimed.order.id }))),
      await submit(await sealFor(stranger, claimed, payloadFor(claimed))),
      await submit(await encryptTo(claimed.encryptionKey, await signAs(device, { ...payloadFor(claimed), orderId: 42 }))),
    ];
    const names = ['unknown order', 'unclaimed order', 'wrong device key', 'order id not a string'];
    answers.forEach((answer, i) => countRefusal(names[i] ?? '', answer, 401, 'badSignature'));
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
  });
});
