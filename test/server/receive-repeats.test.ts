// A repeating group's answers at the register (issue 18): the group's list of entries and each
// entry's answers under "<group>.<entry>.<item>" are received and stored as submitted; a list that
// is not numbered 1, 2, 3… within the group's bounds, and an entry's answer that does not fit its
// item or was not shown, are refused as invalidAnswers, naming keys and never values; on both stores.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answers } from '../../src/core/index.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { payloadFor, sealFor, type TestRegister } from './setup.js';
import { medicinesOrder, medicinesRegister, sendAnswers, twoMedicines } from './repeats-fixture.js';

let register: TestRegister;
beforeAll(async () => {
  register = await medicinesRegister();
});
afterAll(async () => register.close());

describe('a repeating group is received', () => {
  test("the entries' answers are stored as submitted, under their keys", async () => {
    const { payload, response } = await sendAnswers(register, await medicinesOrder(register), twoMedicines);
    expect(response.status).toBe(201);
    expect((await register.store.getSubmission(payload.submissionId))?.answers).toEqual(twoMedicines);
  });

  test('entries the device kept under other numbers arrive numbered 1, 2 in order, as buildSubmissionPayload writes them', async () => {
    const ordered = await medicinesOrder(register);
    const onDevice: Answers = {
      takes: { value: true },
      meds: { value: ['4', '2'] },
      'meds.2.name': { value: 'B' },
      'meds.2.form': { value: 'liquid' },
      'meds.4.name': { value: 'A' },
      'meds.4.form': { value: 'injection' },
      sideEffects: { value: true },
    };
    const payload = payloadFor(ordered.order, onDevice);
    const response = await register.post('/api/submissions', { token: await sealFor(ordered.device, ordered.order, payload) });
    expect(response.status).toBe(201);
    expect((await register.store.getSubmission(payload.submissionId))?.answers).toEqual({
      takes: { value: true },
      meds: { value: ['1', '2'] },
      'meds.1.name': { value: 'A' },
      'meds.1.form': { value: 'injection' },
      'meds.2.name': { value: 'B' },
      'meds.2.form': { value: 'liquid' },
      sideEffects: { value: true },
    });
  });

  test('a hidden group has no entries to send', async () => {
    const answers: Answers = { takes: { value: false }, sideEffects: { value: false } };
    expect((await sendAnswers(register, await medicinesOrder(register), answers)).response.status).toBe(201);
  });
});

const without = (answers: Answers, ...keys: string[]): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([key]) => !keys.includes(key)));

const nine = Array.from({ length: 9 }, (_v, i) => String(i + 1));
const nineEntries: Answers = Object.fromEntries(
  nine.flatMap((entry) => [
    [`meds.${entry}.name`, { value: `M${entry}` }],
    [`meds.${entry}.form`, { value: 'tablet' }],
  ]),
);

describe('a list of entries that cannot stand is refused, naming the group', () => {
  const cases: [string, Answers, string][] = [
    [
      'entries not numbered 1, 2, 3… in order',
      {
        ...without(twoMedicines, 'meds.2.name', 'meds.2.form', 'meds.2.formOther'),
        meds: { value: ['1', '3'] },
        'meds.3.name': { value: 'X' },
        'meds.3.form': { value: 'tablet' },
      },
      'meds: invalidEntryList (the entries of "meds" are not numbered 1, 2, 3… in order)',
    ],
    [
      'fewer entries than the minimum',
      { takes: { value: true }, meds: { value: [] }, sideEffects: { value: false } },
      'meds: invalidEntryList ("meds" has 0 entries, fewer than its minimum 1)',
    ],
    ['no list for a visible group', without(twoMedicines, 'meds'), 'meds: invalidEntryList ("meds" does not list its entries)'],
    ['a list declined', { ...twoMedicines, meds: { declined: true } }, 'meds: invalidEntryList ("meds" does not list its entries)'],
    [
      'more entries than the maximum',
      { ...twoMedicines, meds: { value: nine }, ...nineEntries },
      'meds: invalidEntryList ("meds" does not list its entries)',
    ],
  ];
  test.each(cases)('%s', async (name, answers, detail) => {
    const { response } = await sendAnswers(register, await medicinesOrder(register), answers);
    expectCountedRefusal('receive', `repeating group: ${name}`, response, 422, 'invalidAnswers');
    expect(response.json.details).toEqual([detail]);
  });
});

describe("an entry's answer is checked as any other answer, by its key", () => {
  const cases: [string, Answers, string[]][] = [
    ['a number above the maximum', { ...twoMedicines, 'meds.1.perDay': { value: 30 } }, ['meds.1.perDay: aboveMax']],
    ['an option the item does not have', { ...twoMedicines, 'meds.1.form': { value: 'pill' } }, ['meds.1.form: unknownOption']],
    ['a required answer missing in the second entry', without(twoMedicines, 'meds.2.name'), ['meds.2.name: required']],
    ['a text of the wrong type', { ...twoMedicines, 'meds.1.name': { value: 7 } }, ['meds.1.name: wrongType']],
    ['an answer its entry did not show', { ...twoMedicines, 'meds.1.formOther': { value: 'x' } }, ['meds.1.formOther: notShown']],
    ['an entry beyond the list', { ...twoMedicines, 'meds.3.name': { value: 'x' } }, ['meds.3.name: notShown']],
    ['an entry beyond the maximum', { ...twoMedicines, 'meds.9.name': { value: 'x' } }, ['meds.9.name: unknownItem']],
    ['an item the group does not have', { ...twoMedicines, 'meds.1.dose': { value: 'x' } }, ['meds.1.dose: unknownItem']],
    ["an entry's item under its bare id", { ...twoMedicines, name: { value: 'x' } }, ['name: unknownItem']],
    [
      'a list for a hidden group',
      { takes: { value: false }, meds: { value: ['1'] }, 'meds.1.name': { value: 'x' }, sideEffects: { value: false } },
      ['meds: notShown', 'meds.1.name: notShown'],
    ],
  ];
  test.each(cases)('%s', async (name, answers, details) => {
    const { response } = await sendAnswers(register, await medicinesOrder(register), answers);
    expectCountedRefusal('receive', `repeating group: ${name}`, response, 422, 'invalidAnswers');
    expect(response.json.details).toEqual(details);
  });
});
