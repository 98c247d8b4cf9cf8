// A repeating group in the exports (issue 18): the CSV has a column with the group's number of
// entries and one per item and entry up to the group's maximum, known before the first row; the JSON
// export holds the answers as submitted, numbered 1, 2, 3…; on both stores.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Answers } from '../../src/core/index.js';
import { fixedColumns } from '../../src/server/export.js';
import { parseCsv } from './csv-fixture.js';
import type { TestRegister } from './setup.js';
import { medicinesKey, medicinesOrder, medicinesRegister, sendAnswers, twoMedicines } from './repeats-fixture.js';

let register: TestRegister;
const submitted: string[] = [];
const noMedicines: Answers = { takes: { value: false }, sideEffects: { value: true } };

beforeAll(async () => {
  register = await medicinesRegister();
  for (const answers of [twoMedicines, noMedicines]) {
    const { payload, response } = await sendAnswers(register, await medicinesOrder(register), answers);
    expect(response.status).toBe(201);
    submitted.push(payload.submissionId);
  }
});
afterAll(async () => register.close());

const entryColumns = (entry: number) => ['name', 'form', 'formOther', 'perDay'].map((item) => `meds.${entry}.${item}`);

test("CSV: the group's count, then each item of each entry up to its maximum, in the definition's order", async () => {
  const response = await register.staff('GET', `/api/export.csv?questionnaire=${medicinesKey}`);
  expect(response.status).toBe(200);
  const [header = [], ...rows] = parseCsv(response.body);
  expect(header).toEqual([
    ...fixedColumns,
    'takes',
    'meds',
    ...Array.from({ length: 8 }, (_v, i) => entryColumns(i + 1)).flat(),
    'sideEffects',
  ]);
  const byId = new Map(rows.map((row) => [row[0], (name: string) => row[header.indexOf(name)]]));
  const two = byId.get(submitted[0]);
  expect(['takes', 'meds', ...entryColumns(1), ...entryColumns(2), 'meds.3.name', 'sideEffects'].map((name) => two?.(name))).toEqual([
    'true',
    '2',
    'Paracet',
    'tablet',
    '',
    '3',
    // a text a spreadsheet would run as a formula stays text in an entry too
    '\'=HYPERLINK("x")',
    'other',
    'Plaster',
    '',
    '',
    'false',
  ]);
  expect(response.body).toContain(`"'=HYPERLINK(""x"")"`);
  // a group not shown has no count, and no entries
  const none = byId.get(submitted[1]);
  expect(['takes', 'meds', 'meds.1.name', 'sideEffects'].map((name) => none?.(name))).toEqual(['false', '', '', 'true']);
});

test('JSON: the answers as submitted, each entry under its key numbered 1, 2', async () => {
  const exported = await register.staff('GET', `/api/export.json?questionnaire=${medicinesKey}`);
  const submissions = exported.json.submissions as { submissionId: string; answers: Answers }[];
  expect(submissions.find((s) => s.submissionId === submitted[0])?.answers).toEqual(twoMedicines);
  expect(submissions.find((s) => s.submissionId === submitted[1])?.answers).toEqual(noMedicines);
});
