// A patient answers, closes the page (or reloads), comes back, and finds every answer where they left it.
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoLink, phoneContext, storedAnswerIds, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

async function startDemo(page: Page, url: string) {
  await page.goto(`${url}/`);
  await page.locator(demoLink).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => page.getByText('Page 1 of 6').isVisible()).toBe(true);
}

test('answers given are there after closing the page and opening the app again', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await startDemo(page, server.url);
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByLabel('Mixed').check();
  await page.locator('#item-worry input[value="3"]').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('On how many of the past 28 days have you slept well?').fill('12');
  // The answer is written when it is given, without leaving the page; then the page is closed.
  await expect.poll(() => storedAnswerIds(page)).toContain('good_sleep_days');
  await page.close();

  const again = await context.newPage();
  await again.goto(`${server.url}/`);
  // The start page offers to continue where they left off.
  await expect.poll(() => again.locator(demoLink).textContent()).toBe('Continue');
  await again.locator(demoLink).click();
  await expect.poll(() => again.getByText('Page 3 of 6').isVisible()).toBe(true);
  await expect.poll(() => again.getByLabel('On how many of the past 28 days have you slept well?').inputValue()).toBe('12');

  await again.getByRole('button', { name: 'Back' }).click();
  expect(await again.getByLabel('Mixed').isChecked()).toBe(true);
  expect(await again.locator('#item-worry input[value="3"]').isChecked()).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});

test('a reload in the middle of a page keeps the page and every answer on it', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await startDemo(page, server.url);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Very poor').check();
  // The condition shows a note when the mood is poor or worse.
  await expect.poll(() => page.getByText(/sounds as if things have been hard/).isVisible()).toBe(true);
  await expect.poll(() => storedAnswerIds(page)).toContain('mood_overall');

  await page.reload();
  await expect.poll(() => page.getByText('Page 2 of 6').isVisible()).toBe(true);
  expect(await page.getByLabel('Very poor').isChecked()).toBe(true);
  expect(await page.getByText(/sounds as if things have been hard/).isVisible()).toBe(true);
  await context.close();
});
