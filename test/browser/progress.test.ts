// "My answers over time" on the patient's own phone, in chromium: two MADRS-S questionnaires answered
// weeks apart (here, minutes), then, offline, the start page offers the screen, which shows both
// answers with their levels as a chart and a table, passes axe, and deletes them after asking. The
// README's screenshot of the screen is taken here (npm run screenshots: SCREENSHOTS=update).
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { wcagViolations } from './axe.js';
import { createOrder, phoneContext, waitForServiceWorker, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

const screenshots =
  process.env.SCREENSHOTS === 'update' ? path.resolve('docs/screenshots') : await mkdtemp(path.join(tmpdir(), 'eprom-progress-'));

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

/** Claims the order from its link and answers every MADRS-S item with `each` (item 9 with 1: no support notice). */
async function answerMadrs(page: Page, accessCode: string, each: number) {
  await page.goto(`${server.url}/#/claim/${accessCode}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  // two pages, as the definition groups them: q1–q5, then q6–q9
  for (const item of ['q1', 'q2', 'q3', 'q4', 'q5']) await page.locator(`#item-${item} input[value="${each}"]`).check();
  await page.getByRole('button', { name: 'Next' }).click();
  for (const item of ['q6', 'q7', 'q8']) await page.locator(`#item-${item} input[value="${each}"]`).check();
  await page.locator('#item-q9 input[value="1"]').check();
  await page.getByRole('button', { name: 'Review your answers' }).click();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
}

test('two answers kept on the phone, shown offline over time with their levels, and deleted after asking', async () => {
  const first = await createOrder(server, 'ect-progress', ['ect-madrs-s@2']);
  const second = await createOrder(server, 'ect-progress', ['ect-madrs-s@2']);
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await answerMadrs(page, first.accessCode, 3); // 8 × 3 + 1 = 25: moderate
  await waitForServiceWorker(page);
  await answerMadrs(page, second.accessCode, 1); // 9 × 1 = 9: minimal

  await context.setOffline(true);
  await page.goto(`${server.url}/#/`);
  await page.getByRole('link', { name: 'My answers over time' }).click();
  await page.getByRole('heading', { name: 'My answers over time', level: 1 }).waitFor();
  expect(await page.getByRole('img', { name: /over time$/ }).count()).toBe(1);
  const rows = page.getByRole('table').getByRole('row');
  await expect.poll(() => rows.count()).toBe(3);
  const cells = async (n: number) => (await rows.nth(n).getByRole('cell').allTextContents()).slice(0, 2);
  expect([await cells(1), await cells(2)]).toEqual([
    ['25', 'Moderate depression (20–34)'],
    ['9', 'Minimal or no depression (0–12)'],
  ]);
  expect(await page.getByText('35 or more: Severe depression (35–54)').isVisible()).toBe(true);
  expect(await wcagViolations(page)).toEqual([]);
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, 'patient-progress.png'), fullPage: true });

  await page.getByRole('button', { name: 'Delete this from the phone' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('Your scores are deleted from this phone.').waitFor();
  expect(await page.getByRole('table').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});
