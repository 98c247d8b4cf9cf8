// Every field of a submission is bounded and the device's scores are the definition's (issue 14,
// item 2); the times are checked against the register's clock and the order and flagged, not
// refused, when they do not fit (item 7; see docs/architecture.md).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SubmissionPayload } from '../../src/core/index.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { claim, createOrder, encryptTo, newDevice, payloadFor, sealFor, signAs, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeAll(async () => {
  register = await startTestRegister();
});
afterAll(async () => register.close());

const submit = (token: string) => register.post('/api/submissions', { token });
const countRefusal = (name: string, response: { status: number; json: Record<string, unknown> }, status: number, code: string) =>
  expectCountedRefusal('receive', name, response, status, code);

/** A fresh order with both questionnaires, claimed by a fresh device. */
async function claimedOrder(extra: Record<string, unknown> = {}) {
  const device = await newDevice();
  const order = await claim(register, (await createOrder(register, ['demo-wellbeing@1', 'norspis-outcome@1'], extra)).accessCode, device);
  return { device, order };
}

describe("the device's scores are the definition's, each a score result", () => {
  const outcome = { status: 'score', value: 2 };
  const cases: [string, Record<string, unknown>, string][] = [
    ['a score id the definition does not have', { outcome, total: outcome }, 'scores: moreThanDefinitionScores'],
    ['an unknown score id in place of its own', { total: outcome }, 'scores.total: unknownScore'],
    ['a score under "__proto__"', { ['__proto__']: outcome }, 'scores.__proto__: unknownScore'],
    ['a score that is a bare number', { outcome: 2 }, 'scores.outcome: notAScoreResult'],
    ['a score whose value is text', { outcome: { status: 'score', value: '2' } }, 'scores.outcome: notAScoreResult'],
    [
      'a band the score does not have',
      { outcome: { ...outcome, band: { id: 'high', label: { nb: 'Høy' } } } },
      'scores.outcome: unknownBand',
    ],
    ['a flag the score does not have', { outcome: { ...outcome, flags: { alarm: true } } }, 'scores.outcome: unknownFlag'],
    ['an id that is not an id', { ['x'.repeat(300)]: outcome }, 'scores.(not an id): unknownScore'],
  ];
  test.each(cases)('%s is refused as invalidPayload, naming the score and not its value', async (name, scores, detail) => {
    const { device, order } = await claimedOrder();
    const payload = { ...payloadFor(order, { outcome: { value: '2' } }, 1), scores };
    if (Object.hasOwn(scores, '__proto__')) expect(JSON.stringify(payload)).toContain('"__proto__"');
    const response = await submit(await sealFor(device, order, payload as SubmissionPayload));
    countRefusal(name, response, 400, 'invalidPayload');
    expect(response.json.details).toEqual([detail]);
  });

  test("the definition's own score, as core computes it, is accepted", async () => {
    const { device, order } = await claimedOrder();
    const payload = { ...payloadFor(order, { outcome: { value: '2' } }, 1), scores: { outcome: { status: 'score', value: 2 } } };
    expect((await submit(await sealFor(device, order, payload))).status).toBe(201);
  });
});

describe('every field is bounded', () => {
  const cases: [string, (payload: SubmissionPayload) => unknown, string][] = [
    [
      'a questionnaire id of 65 characters',
      (p) => ({ ...p, questionnaire: { ...p.questionnaire, id: 'q'.repeat(65) } }),
      'questionnaire.id: too_big',
    ],
    [
      'a version of 41 characters',
      (p) => ({ ...p, questionnaire: { ...p.questionnaire, version: '1'.repeat(41) } }),
      'questionnaire.version: too_big',
    ],
    [
      'a hash of 101 characters',
      (p) => ({ ...p, questionnaire: { ...p.questionnaire, hash: 'h'.repeat(101) } }),
      'questionnaire.hash: too_big',
    ],
    [
      'more answers than the questionnaire has items',
      (p) => ({ ...p, answers: { ...p.answers, ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x${i}`, { value: i }])) } }),
      'answers: moreThanItems',
    ],
    ['101 notices shown', (p) => ({ ...p, noticesShown: Array.from({ length: 101 }, () => 'hard_time') }), 'noticesShown: too_big'],
    ['an app version of 41 characters', (p) => ({ ...p, appVersion: 'v'.repeat(41) }), 'appVersion: too_big'],
  ];
  test.each(cases)('%s is refused as invalidPayload, naming the field', async (name, change, detail) => {
    const { device, order } = await claimedOrder();
    const signed = await signAs(device, change(payloadFor(order)));
    const response = await submit(await encryptTo(order.encryptionKey, signed));
    countRefusal(name, response, 400, 'invalidPayload');
    expect(response.json.details).toEqual([detail]);
  });
});

describe("the times, against the register's clock and the order", () => {
  const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
  const flagsOf = async (orderId: string) =>
    (await register.staff('GET', `/api/submissions?orderId=${orderId}`)).json.submissions as { timeFlags?: string[] }[];

  test('within the tolerance: stored, no flags', async () => {
    const { device, order } = await claimedOrder();
    const payload = { ...payloadFor(order), startedAt: minutes(-5), completedAt: minutes(5) };
    expect((await submit(await sealFor(device, order, payload))).status).toBe(201);
    expect((await flagsOf(order.order.id)).map((s) => s.timeFlags)).toEqual([undefined]);
  });

  test('completed a day after it arrived, started a day before the order was valid: stored with its receipt, flagged for staff', async () => {
    const { device, order } = await claimedOrder({ validFrom: minutes(-60) });
    const payload = { ...payloadFor(order), startedAt: minutes(-60 - 24 * 60), completedAt: minutes(24 * 60) };
    const response = await submit(await sealFor(device, order, payload));
    expect(response.status).toBe(201);
    expect((await flagsOf(order.order.id)).map((s) => s.timeFlags)).toEqual([['completedAtAfterReceived', 'startedAtBeforeValidFrom']]);
    expect(register.logs.join('')).toContain('completedAtAfterReceived');
  });
});
