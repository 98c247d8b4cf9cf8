// A patient reference and a submission in the console against a real register: the patient's page
// lists that patient's orders only and leads to the answers; the submission shows every answer with
// the question as the patient saw it (in the patient's language, whatever the console's), the
// register's scores with their bands, the support notices shown and the three times. An unknown
// submission, and another unit's for a clinician, are answered as not found.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { Answers } from '../../../src/core/index.js';
import type { TestRegister } from '../../server/setup.js';
import { makeAccount } from '../../server/staff-fixture.js';
import { renderConsole, renderConsoleAs, startRegister, storeSubmission } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

const ciaAnswers: Answers = Object.fromEntries(Array.from({ length: 16 }, (_v, i) => [`q${i + 1}`, { value: 2 }]));
const answerRows = () =>
  within(screen.getAllByRole('table').at(-1) ?? document.body)
    .getAllByRole('row')
    .slice(1);

test("the patient's orders only, and from one the answers: the questions as seen in the patient's language, the scores with bands", async () => {
  const { submissionId } = await storeSubmission(register, {
    patientRef: 'pseudo-p1',
    questionnaire: 'cia@3.0',
    answers: ciaAnswers,
    language: 'nb',
  });
  await storeSubmission(register, { patientRef: 'pseudo-p2' });
  const { user } = renderConsole(register, '#/patients/pseudo-p1');
  expect(await screen.findByRole('heading', { level: 1, name: 'Patient pseudo-p1' })).toHaveFocus();
  expect(await screen.findAllByRole('article')).toHaveLength(1);
  expect(screen.queryByText(/pseudo-p2/)).not.toBeInTheDocument();

  await user.click(await screen.findByRole('link', { name: 'See the answers' }));
  expect(window.location.hash).toBe(`#/submissions/${submissionId}`);
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Answers to Funksjonsnedsettelse ved spiseproblemer (CIA 3.0)' }),
  ).toHaveFocus();
  // The interface is English; the questions are in Norwegian, as the patient saw them.
  expect(answerRows()).toHaveLength(16);
  expect(answerRows()[0]).toHaveTextContent('1. … gjort det vanskelig for deg å konsentrere deg?En god del');
  expect(within(answerRows()[0] ?? document.body).getByRole('rowheader')).toHaveAttribute('lang', 'nb');

  const scores = within(screen.getAllByRole('table')[0] ?? document.body)
    .getAllByRole('row')
    .slice(1);
  expect(scores.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
    ['Global skåre (0–48)', '32', 'Klinisk betydelig funksjonsnedsettelse (16 eller mer)', '—'],
    ['Personlig', '12', '—', '—'],
    ['Sosial', '10', '—', '—'],
    ['Kognitiv', '10', '—', '—'],
  ]);
  expect(screen.getByText('No support notices were shown.')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'pseudo-p1' })).toHaveAttribute('href', '#/patients/pseudo-p1');
  for (const time of ['Started on the device', 'Completed on the device', 'Received by the register'])
    expect(screen.getByText(time).nextElementSibling?.textContent).toMatch(/\d{4}/);
});

test('declined, yes/no, numbers with their unit, and the support notice shown', async () => {
  const answers: Answers = {
    mood_overall: { value: 'poor' },
    good_sleep_days: { value: 12 },
    felt_lonely: { declined: true },
    had_hard_time: { value: true },
    hard_time_text: { value: 'A <b>hard</b> week' },
  };
  const { submissionId } = await storeSubmission(register, { patientRef: 'pseudo-p3', answers, noticesShown: ['hard_time'] });
  renderConsole(register, `#/submissions/${submissionId}`);
  expect(await screen.findByRole('heading', { level: 1, name: 'Answers to How are you doing?' })).toBeInTheDocument();
  expect(answerRows().map((row) => row.textContent)).toEqual([
    'How have you been over the past week?Poor',
    'On how many of the past 28 days have you slept well?12 days',
    'How often have you felt lonely over the past week?Prefers not to answer',
    'Has anything happened lately that has been difficult for you?Yes',
    // What the patient typed is text, never markup.
    'Would you like to say briefly what it was?A <b>hard</b> week',
  ]);
  const notice = screen.getByText('You do not have to face this alone');
  expect([notice.tagName, notice.getAttribute('lang')]).toEqual(['LI', 'en']);
  expect(screen.getByText('The questionnaire has no scores.')).toBeInTheDocument();
});

test("an unknown submission, and another unit's for a clinician, are not found", async () => {
  const unknown = renderConsole(register, '#/submissions/no-such-submission');
  expect(await screen.findByRole('alert')).toHaveTextContent('Could not find what you asked for.');
  unknown.unmount();

  const { submissionId } = await storeSubmission(register, { patientRef: 'pseudo-p4', unit: 'A' });
  const ofB = await makeAccount(register, { username: 'clin-b', roles: ['clinician'], units: ['B'] });
  const { unmount } = await renderConsoleAs(register, `#/submissions/${submissionId}`, ofB);
  expect(await screen.findByRole('alert')).toHaveTextContent('Could not find what you asked for.');
  expect(screen.queryByText('pseudo-p4')).not.toBeInTheDocument();
  unmount();
});
