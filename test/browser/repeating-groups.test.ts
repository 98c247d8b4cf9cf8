// A patient lists their medicines on a phone (the medicines fixture, a repeating group), from an
// order their clinician made: two entries filled in, the page reloaded and every answer still there,
// one entry removed with the keyboard alone, and the response completed. The removed entry's answers
// are gone from the device, and the register receives the entries numbered 1, 2, 3… in order.
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Answers } from '../../src/core/index.js';
import { wcagViolations } from './axe.js';
import {
  claimInPage,
  createOrder,
  fixtureQuestionnaires,
  phoneContext,
  storedAnswerIds,
  storedRows,
  storedSubmissions,
  watchForErrors,
  withServerAndBrowser,
  type RunningServer,
} from './harness.js';

const questionnairesDir = await fixtureQuestionnaires('medicines.json');

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started), { questionnairesDir });

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

test('two medicines listed survive a reload; one is removed with the keyboard; the register receives what is listed', async () => {
  const { accessCode, orderId } = await createOrder(server, 'repeating-groups', ['medicines@1']);
  const page = await (await phoneContext(browser)).newPage();
  const errors = watchForErrors(page);
  await claimInPage(page, server.url, accessCode);
  await page.getByRole('link', { name: 'Start' }).click();
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
  // The draft is sealed and gone from the device; the register holds the entry that was second as entry 1.
  await expect.poll(() => storedRows(page, 'answers'), { timeout: 15_000 }).toEqual([]);
  await expect.poll(async () => (await storedSubmissions(server, orderId)).length, { timeout: 30_000 }).toBe(1);
  const [received] = await storedSubmissions(server, orderId);
  const expected: Answers = {
    takes: { value: true },
    meds: { value: ['1'] },
    'meds.1.name': { value: 'Insulin' },
    'meds.1.form': { value: 'other' },
    'meds.1.formOther': { value: 'pump' },
    sideEffects: { value: false },
  };
  expect(received?.answers).toEqual(expected);
  expect(errors).toEqual([]);
  await page.context().close();
});
