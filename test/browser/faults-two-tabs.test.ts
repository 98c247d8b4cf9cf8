// The same response open in two tabs: answers given in either are kept and shown in the other when
// the person comes back to it, and completing it in both at once seals it once; the register
// stores one submission with every answer. A tab left behind after another completed says so.
import { expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  answerDemoPages,
  claimInPage,
  createOrder,
  phoneContext,
  storedAnswerIds,
  storedRows,
  storedSubmissions,
  waitForServiceWorker,
  watchForErrors,
  withServerAndBrowser,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

async function openOrder(page: Page, orderId: string) {
  await page.goto(`${server.url}/#/order/${orderId}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
}

/** The person comes back to this tab: it becomes visible again. */
async function switchTo(page: Page) {
  await page.bringToFront();
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
}

/** The patient claims the order in a first tab and starts its questionnaire. */
async function startInFirstTab(context: BrowserContext, accessCode: string) {
  const first = await context.newPage();
  const errors = watchForErrors(first);
  await claimInPage(first, server.url, accessCode);
  await waitForServiceWorker(first);
  await first.getByRole('link', { name: 'Start' }).click();
  await first.getByRole('button', { name: 'Start' }).click();
  return { first, errors };
}

test('two tabs answer the same response: every answer survives, completion seals once', async () => {
  const { accessCode, orderId } = await createOrder(server, 'faults-two-tabs');
  const context = await phoneContext(browser);
  const { first, errors } = await startInFirstTab(context, accessCode);
  await first.getByRole('button', { name: 'Next' }).click();
  await first.getByLabel('Good', { exact: true }).check();
  await expect.poll(() => storedAnswerIds(first)).toContain('mood_overall');

  // The second tab opens the same response and answers later pages.
  const second = await context.newPage();
  second.on('pageerror', (error) => errors.push(error.message));
  await openOrder(second, orderId);
  await second.getByRole('link', { name: 'Continue' }).click();
  await second.getByText('Page 2 of 6').waitFor();
  expect(await second.getByLabel('Good', { exact: true }).isChecked()).toBe(true);
  await second.getByRole('button', { name: 'Next' }).click();
  await second.getByLabel('On how many of the past 28 days have you slept well?').fill('20');
  await second.locator('#item-woke_rested').getByLabel('Often').check();
  await second.locator('#item-felt_lonely').getByLabel('Sometimes').check();
  await second.getByRole('button', { name: 'Next' }).click();
  await second.locator('#item-had_hard_time').getByLabel('No').check();
  await second.getByRole('button', { name: 'Next' }).click();
  await second.locator('#item-has_appointment').getByLabel('No').check();
  await expect.poll(() => storedAnswerIds(second)).toContain('has_appointment');

  // Meanwhile the first tab goes on with its own page.
  await first.locator('#item-worry input[value="2"]').check();
  await expect.poll(() => storedAnswerIds(first)).toContain('worry');
  expect([...(await storedAnswerIds(first))].sort()).toEqual([
    'felt_lonely',
    'good_sleep_days',
    'had_hard_time',
    'has_appointment',
    'mood_overall',
    'woke_rested',
    'worry',
  ]);

  // Back in the first tab (headless tabs never hide, so the switch is announced to it), what the
  // second tab answered shows there too, and counts on its review.
  await switchTo(first);
  await first.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => first.getByLabel('On how many of the past 28 days have you slept well?').inputValue()).toBe('20');
  expect(await first.locator('#item-felt_lonely').getByLabel('Sometimes').isChecked()).toBe(true);
  for (let page = 4; page <= 6; page++) await first.getByRole('button', { name: 'Next' }).click();
  await first.getByRole('button', { name: 'Review your answers' }).click();
  await first.getByRole('button', { name: 'Complete' }).waitFor();
  // And the second tab shows the first tab's latest answer.
  await switchTo(second);
  await second.getByRole('button', { name: 'Next' }).click();
  await second.getByRole('button', { name: 'Review your answers' }).click();
  await second.getByRole('button', { name: 'Complete' }).waitFor();

  // Both complete at the same moment: it is sealed once, and both say thank you.
  await Promise.all([first, second].map((page) => page.getByRole('button', { name: 'Complete' }).click()));
  for (const page of [first, second]) await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();

  await first.getByRole('link', { name: 'To your questionnaires' }).click();
  await expect.poll(() => first.getByText(/^Received by the register/).isVisible(), { timeout: 60_000 }).toBe(true);
  expect(await storedRows(first, 'outbox')).toHaveLength(1);
  const stored = await storedSubmissions(server, orderId);
  expect(stored).toHaveLength(1);
  expect(stored[0]?.answers).toMatchObject({
    mood_overall: { value: 'good' },
    worry: { value: 2 },
    good_sleep_days: { value: 20 },
    woke_rested: { value: 'often' },
    felt_lonely: { value: 'sometimes' },
    had_hard_time: { value: false },
    has_appointment: { value: false },
  });
  expect(errors).toEqual([]);
  await context.close();
});

test('a tab left behind after the other tab completed says so, and takes no more answers', async () => {
  const { accessCode, orderId } = await createOrder(server, 'faults-tab-left-behind');
  const context = await phoneContext(browser);
  const { first, errors } = await startInFirstTab(context, accessCode);

  // Two more tabs on the same response, on its second page (the second tab goes there, the third resumes there).
  const [second, third] = [await context.newPage(), await context.newPage()];
  for (const page of [second, third]) {
    page.on('pageerror', (error) => errors.push(error.message));
    await openOrder(page, orderId);
    await page.getByRole('link', { name: 'Continue' }).click();
    if (page === second) await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2 of 6').waitFor();
  }

  // The first tab answers everything and completes.
  await answerDemoPages(first);
  await first.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();

  // An answer given in the tab left behind cannot be stored: it says why, not that storage is full.
  await second.bringToFront();
  // (a click, not check(): the field is gone before it could be seen checked)
  await second.locator('#item-worry input[value="4"]').click();
  await second.getByRole('heading', { name: 'This questionnaire was completed elsewhere' }).waitFor();
  expect(await second.getByText('could not be saved').count()).toBe(0);
  expect(await second.locator('#item-worry').count()).toBe(0);

  // Coming back to such a tab says the same, before anything is answered there.
  await switchTo(third);
  await third.getByRole('heading', { name: 'This questionnaire was completed elsewhere' }).waitFor();
  await third.locator('section.response').getByRole('button', { name: 'Close' }).click();
  await third.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();

  await expect.poll(async () => (await storedSubmissions(server, orderId)).length, { timeout: 60_000 }).toBe(1);
  expect((await storedSubmissions(server, orderId))[0]?.answers).toMatchObject({ worry: { value: 2 } });
  expect(errors).toEqual([]);
  await context.close();
});
