// One valid code cannot fill the disk (issue 14, item 2): one submission per questionnaire of an
// order, whatever the number of ids sent or how they race; large payloads under new ids are refused
// and nothing of them is stored; and one device may store only so many submissions a minute.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { submissionLimits } from '../../src/server/receive-limits.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeAll(async () => {
  register = await startTestRegister();
});
afterAll(async () => register.close());

const submit = (token: string) => register.post('/api/submissions', { token });
const countRefusal = (name: string, response: { status: number; json: Record<string, unknown> }, status: number, code: string) =>
  expectCountedRefusal('receive', name, response, status, code);

async function claimedOrder(questionnaires = ['demo-wellbeing@1', 'norspis-outcome@1'], device?: Awaited<ReturnType<typeof newDevice>>) {
  const holder = device ?? (await newDevice());
  return { device: holder, order: await claim(register, (await createOrder(register, questionnaires)).accessCode, holder) };
}

const storedFor = async (orderId: string) =>
  ((await register.staff('GET', `/api/submissions?orderId=${orderId}`)).json.submissions as { submissionId: string }[]).length;

describe('one submission per questionnaire of an order', () => {
  test('120 submissions under new ids from one code: only one per questionnaire is stored; a resend still gets its receipt', async () => {
    const { device, order } = await claimedOrder();
    const statuses: number[] = [];
    let first: { token: string; receipt: unknown } | undefined;
    let last: Awaited<ReturnType<typeof submit>> | undefined;
    for (let i = 0; i < 120; i++) {
      const index = i % 2;
      const token = await sealFor(device, order, payloadFor(order, index === 0 ? undefined : { outcome: { value: '2' } }, index));
      last = await submit(token);
      statuses.push(last.status);
      if (i === 0) first = { token, receipt: last.json.receipt };
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(118);
    if (last) countRefusal('another id for an answered questionnaire', last, 409, 'questionnaireAlreadyAnswered');
    expect(await storedFor(order.order.id)).toBe(2);
    const resend = await submit(first?.token ?? '');
    expect([resend.status, resend.json.receipt]).toEqual([200, first?.receipt]);
  }, 60_000);

  test('eight ids racing for one questionnaire: exactly one is stored, the others are refused', async () => {
    const { device, order } = await claimedOrder();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => sealFor(device, order, payloadFor(order))));
    const answers = await Promise.all(tokens.map(submit));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(7);
    for (const answer of refused) expect([answer.status, answer.json.error]).toEqual([409, 'questionnaireAlreadyAnswered']);
    countRefusal('ids racing for one questionnaire', refused[0] ?? { status: 0, json: {} }, 409, 'questionnaireAlreadyAnswered');
    expect(await storedFor(order.order.id)).toBe(1);
  });

  test('124 submissions of 354 kB each under new ids: all refused, and the database stays small', async () => {
    const { device, order } = await claimedOrder(['demo-wellbeing@1']);
    // 200 kB in the payload: a token of about 354 kB, as sent in the attack the issue reports.
    const padding = 'x'.repeat(200_000);
    let last: Awaited<ReturnType<typeof submit>> | undefined;
    for (let i = 0; i < 124; i++) {
      last = await submit(
        await sealFor(device, order, { ...payloadFor(order), scores: { note: { status: 'score', value: 1, pad: padding } } }),
      );
      expect(last.status).toBe(400);
    }
    if (last) countRefusal('354 kB of padding in the scores under a new id', last, 400, 'invalidPayload');
    expect(last?.json.details).toEqual(['scores: moreThanDefinitionScores']);
    expect(await storedFor(order.order.id)).toBe(0);
    if (register.storeKind === 'sqlite') {
      const file = path.join(register.dataDir, 'register.sqlite');
      const sizes = await Promise.all(
        [file, `${file}-wal`].map((f) =>
          stat(f)
            .then((s) => s.size)
            .catch(() => 0),
        ),
      );
      expect((sizes[0] ?? 0) + (sizes[1] ?? 0)).toBeLessThan(8 * 1024 * 1024);
    }
  }, 120_000);
});

test(`one device stores at most ${submissionLimits.perDevicePerMinute} submissions a minute; then it is told how long to wait`, async () => {
  const device = await newDevice();
  const statuses: number[] = [];
  let last: Awaited<ReturnType<typeof submit>> | undefined;
  for (let i = 0; i <= submissionLimits.perDevicePerMinute; i++) {
    const { order } = await claimedOrder(['demo-wellbeing@1'], device);
    last = await submit(await sealFor(device, order, payloadFor(order)));
    statuses.push(last.status);
  }
  expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
  if (!last) throw new Error('nothing sent');
  countRefusal('a device over its per-minute limit', last, 429, 'rateLimited');
  const wait = Number(last.json.retryAfterSeconds);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(60);
  expect(last.headers['retry-after']).toBe(String(wait));
  // Another device is not held back by this one.
  const { device: other, order } = await claimedOrder(['demo-wellbeing@1']);
  expect((await submit(await sealFor(other, order, payloadFor(order)))).status).toBe(201);
}, 60_000);
