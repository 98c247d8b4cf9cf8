// A patient lists their medicines on a phone (the medicines fixture, a repeating group): two entries
// filled in, the page reloaded and every answer still there, one entry removed with the keyboard
// alone, and the response completed with the removed entry's answers gone from the device. (Here the
// questionnaire is answered from the app's catalogue, completed on the device: the register does not
// yet take entries' answers, see src/server/receive-checks.ts.)
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { visibility, type Answers } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { wcagViolations } from './axe.js';
import { phoneContext, storedAnswerIds, storedRows, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

const fixture = path.resolve('test/fixtures/definitions/accepted/medicines.json');

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

/** Puts the medicines questionnaire in the served app's catalogue, as a published questionnaire is. */
async function addToCatalogue() {
  const indexPath = path.join(server.appDir, 'questionnaires', 'index.json');
  const index = JSON.parse(await readFile(indexPath, 'utf8')) as { questionnaires: { key: string; file: string; title: object }[] };
  const definition = JSON.parse(await readFile(fixture, 'utf8')) as { title: object };
  index.questionnaires.push({ key: 'medicines@1', file: 'medicines.json', title: definition.title });
  await writeFile(indexPath, JSON.stringify(index));
  await writeFile(path.join(server.appDir, 'questionnaires', 'medicines.json'), JSON.stringify(definition));
}

/** Tabs forward until the focused element's text is `name`, as a keyboard user would. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

const entry = (page: Page, position: number) => page.getByRole('group', { name: `Entry ${position}`, exact: true });
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);

test('two medicines listed survive a reload; one is removed with the keyboard; completing keeps only what is listed', async () => {
  await addToCatalogue();
  const page = await (await phoneContext(browser)).newPage();
  const errors = watchForErrors(page);
  await page.goto(`${server.url}/#/q/medicines%401`);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Yes', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  await entry(page, 1).getByLabel('Name of the medicine').fill('Paracetamol');
  await entry(page, 1).getByLabel('Tablet or capsule').check();
  await tabTo(page, 'Add another entry');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedId(page)).toBe('entry-meds-2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Insulin');
  await entry(page, 2).getByLabel('Another way').check();
  await entry(page, 2)
    .getByLabel(/Describe how/)
    .fill('pump');
  await expect.poll(() => storedAnswerIds(page)).toContain('meds.2.formOther');

  await page.reload();
  await entry(page, 2).waitFor();
  expect(await entry(page, 1).getByLabel('Name of the medicine').inputValue()).toBe('Paracetamol');
  expect(await entry(page, 2).getByLabel('Name of the medicine').inputValue()).toBe('Insulin');
  expect(
    await entry(page, 2)
      .getByLabel(/Describe how/)
      .inputValue(),
  ).toBe('pump');

  // Remove entry 1 with the keyboard: the confirmation takes focus on "keep"; Tab, Enter removes.
  await tabTo(page, 'Remove entry 1');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedId(page)).toBe('entry-meds-1-keep');
  expect(await wcagViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Entry 1 removed.' }).count()).toBe(1);
  expect(await entry(page, 1).getByLabel('Name of the medicine').inputValue()).toBe('Insulin');
  expect(await entry(page, 2).count()).toBe(0);

  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByRole('button', { name: 'Review your answers' }).click();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  // Stored: the list holds the entry that was second; nothing of the removed one is kept.
  const rows = (await storedRows(page, 'answers')) as { itemId: string; answer: Answers[string] }[];
  const stored: Answers = Object.fromEntries(rows.map((row) => [row.itemId, row.answer]));
  expect(stored).toEqual({
    takes: { value: true },
    meds: { value: ['2'] },
    'meds.2.name': { value: 'Insulin' },
    'meds.2.form': { value: 'other' },
    'meds.2.formOther': { value: 'pump' },
    sideEffects: { value: false },
  });
  // What is submitted (as buildSubmissionPayload takes it) numbers the entries 1..n.
  const parsed = parseDefinition(JSON.parse(await readFile(fixture, 'utf8')));
  if (!parsed.ok) throw new Error('the fixture does not parse');
  expect(visibility(parsed.definition, stored).effective).toEqual({
    takes: { value: true },
    meds: { value: ['1'] },
    'meds.1.name': { value: 'Insulin' },
    'meds.1.form': { value: 'other' },
    'meds.1.formOther': { value: 'pump' },
    sideEffects: { value: false },
  });
  expect(errors).toEqual([]);
  await page.context().close();
});
