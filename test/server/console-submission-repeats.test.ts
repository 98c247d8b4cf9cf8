// A repeating group in the console's submission detail (issue 18): each entry's answers, with the
// questions as the patient saw them, entry by entry in order, each marked with the group and the
// entry's place; on both stores.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SubmissionDetail } from '../../src/core/index.js';
import type { TestRegister } from './setup.js';
import { medicinesOrder, medicinesRegister, sendAnswers, twoMedicines } from './repeats-fixture.js';

let register: TestRegister;
beforeAll(async () => {
  register = await medicinesRegister();
});
afterAll(async () => register.close());

test("the entries' answers come entry by entry, each with its question, group and place", async () => {
  const ordered = await medicinesOrder(register, { unit: 'Poliklinikk A' });
  const { payload, response } = await sendAnswers(register, ordered, twoMedicines);
  expect(response.status).toBe(201);
  const detail = (await register.staff('GET', `/api/staff/submissions/${payload.submissionId}`)).json as unknown as SubmissionDetail;
  const entry = (position: number) => ({ group: 'meds', groupTitle: 'Legemidlene dine', position });
  expect(
    detail.answers.map(({ itemId, text, value, optionTexts, unit, entry }) => ({ itemId, text, value, optionTexts, unit, entry })),
  ).toEqual([
    { itemId: 'takes', text: 'Bruker du legemidler fast?', value: true, optionTexts: [], unit: null, entry: undefined },
    { itemId: 'name', text: 'Navn på legemiddelet', value: 'Paracet', optionTexts: [], unit: null, entry: entry(1) },
    { itemId: 'form', text: 'Hvordan tar du det?', value: 'tablet', optionTexts: ['Tablett eller kapsel'], unit: null, entry: entry(1) },
    { itemId: 'perDay', text: 'Hvor mange ganger om dagen?', value: 3, optionTexts: [], unit: 'ganger', entry: entry(1) },
    { itemId: 'name', text: 'Navn på legemiddelet', value: '=HYPERLINK("x")', optionTexts: [], unit: null, entry: entry(2) },
    { itemId: 'form', text: 'Hvordan tar du det?', value: 'other', optionTexts: ['På en annen måte'], unit: null, entry: entry(2) },
    { itemId: 'formOther', text: 'Beskriv hvordan', value: 'Plaster', optionTexts: [], unit: null, entry: entry(2) },
    { itemId: 'sideEffects', text: 'Har du merket bivirkninger?', value: false, optionTexts: [], unit: null, entry: undefined },
  ]);
});

test('a group not shown has no entries in the detail', async () => {
  const answers = { takes: { value: false }, sideEffects: { value: true } };
  const { payload, response } = await sendAnswers(register, await medicinesOrder(register), answers);
  expect(response.status).toBe(201);
  const detail = (await register.staff('GET', `/api/staff/submissions/${payload.submissionId}`)).json as unknown as SubmissionDetail;
  expect(detail.answers.map((answer) => [answer.itemId, answer.entry])).toEqual([
    ['takes', undefined],
    ['sideEffects', undefined],
  ]);
});
