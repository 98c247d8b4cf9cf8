// A repeating group in the console's submission (issue 18): the answers outside the group in their
// table, and each entry's answers in a table of its own, in order, named by its caption (the group's
// title as the patient saw it, and "Entry 1", "Entry 2" in the console's language).
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { medicinesKey, medicinesRegister, twoMedicines } from '../../server/repeats-fixture.js';
import type { TestRegister } from '../../server/setup.js';
import { renderConsole, storeSubmission } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await medicinesRegister();
});
afterEach(async () => register.close());

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));

test("each entry's answers in a table named by the group and the entry's place, in order, between the other answers", async () => {
  const { submissionId } = await storeSubmission(register, {
    patientRef: 'pseudo-r1',
    questionnaire: medicinesKey,
    answers: twoMedicines,
    language: 'nb',
  });
  renderConsole(register, `#/submissions/${submissionId}`);
  expect(await screen.findByRole('heading', { level: 1, name: 'Answers to Legemidler du bruker' })).toBeInTheDocument();
  const first = screen.getByRole('table', { name: 'Legemidlene dine: Entry 1' });
  const second = screen.getByRole('table', { name: 'Legemidlene dine: Entry 2' });
  const tables = screen.getAllByRole('table');
  // the answers before the group, entry 1, entry 2, the answer after it
  expect(tables.indexOf(first)).toBe(1);
  expect(tables.indexOf(second)).toBe(2);
  expect(rowsOf(tables[0] ?? document.body)).toEqual([['Bruker du legemidler fast?', 'Yes']]);
  expect(rowsOf(first)).toEqual([
    ['Navn på legemiddelet', 'Paracet'],
    ['Hvordan tar du det?', 'Tablett eller kapsel'],
    ['Hvor mange ganger om dagen?', '3 ganger'],
  ]);
  expect(rowsOf(second)).toEqual([
    // what the patient typed is text, whatever it looks like
    ['Navn på legemiddelet', '=HYPERLINK("x")'],
    ['Hvordan tar du det?', 'På en annen måte'],
    ['Beskriv hvordan', 'Plaster'],
  ]);
  expect(rowsOf(tables[3] ?? document.body)).toEqual([['Har du merket bivirkninger?', 'No']]);
  // the group's title and the questions are in the patient's language; "Entry" in the console's
  expect(within(first).getByText('Legemidlene dine')).toHaveAttribute('lang', 'nb');
  expect(within(first).getAllByRole('rowheader')[0]).toHaveAttribute('lang', 'nb');
  expect(
    within(first)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent),
  ).toEqual(['Question', 'Answer']);
});
