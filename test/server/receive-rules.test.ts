// Rules between items on receipt (issue 17): a submission whose answers break a rule of its
// definition is stored as given and flagged "rule:<id>"; one that keeps the rules has no flag.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Answers } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeAll(async () => {
  register = await startTestRegister();
});
afterAll(async () => register.close());

const edeq = parseDefinition(JSON.parse(readFileSync(new URL('../../questionnaires/ede-q-6.0.1.json', import.meta.url), 'utf8')));
if (!edeq.ok) throw new Error('ede-q 6.0.1 does not parse');
const example = edeq.definition.examples?.[0]?.answers ?? {};
const exampleAnswers: Answers = Object.fromEntries(
  Object.entries(example).map(([id, value]) => [id, typeof value === 'object' && !Array.isArray(value) ? { declined: true } : { value }]),
);

async function submitted(counts: { q13: number; q14: number; q15: number }) {
  const device = await newDevice();
  const order = await claim(register, (await createOrder(register, ['ede-q@6.0.1'])).accessCode, device);
  const answers: Answers = { ...exampleAnswers, q13: { value: counts.q13 }, q14: { value: counts.q14 }, q15: { value: counts.q15 } };
  const response = await register.post('/api/submissions', { token: await sealFor(device, order, payloadFor(order, answers)) });
  expect(response.status).toBe(201);
  const listed = await register.staff('GET', `/api/submissions?orderId=${order.order.id}`);
  return (listed.json.submissions as { timeFlags?: string[] }[]).map((s) => s.timeFlags);
}

describe('rules between items, on receipt', () => {
  test('answers that keep the rules: no flag', async () => {
    expect(await submitted({ q13: 6, q14: 4, q15: 3 })).toEqual([undefined]);
  });

  test('more times with loss of control than overeating, and more days than those: stored, flagged with both rules', async () => {
    expect(await submitted({ q13: 2, q14: 4, q15: 5 })).toEqual([['rule:loss-of-control-within-overeating', 'rule:days-within-episodes']]);
  });
});
