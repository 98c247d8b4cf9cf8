// After one visit the app opens and works with no network at all: the server is stopped.
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoLink, phoneContext, waitForServiceWorker, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

test('after the first visit, the app reloads and a questionnaire can be answered offline', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${server.url}/`);
  await expect.poll(() => page.locator(demoLink).isVisible()).toBe(true);
  await waitForServiceWorker(page);

  // Offline in every sense: the browser's switch, and nothing listening any more.
  await context.setOffline(true);
  await server.stop();

  await page.reload();
  await expect.poll(() => page.getByText(/You are offline/).isVisible()).toBe(true);
  await page.locator(demoLink).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Good', { exact: true }).check();

  // A deep link opened offline is served from the precache too.
  const second = await context.newPage();
  await second.goto(`${server.url}/#/q/demo-wellbeing%401`);
  await expect.poll(() => second.getByText('Page 2 of 6').isVisible()).toBe(true);
  expect(await second.getByLabel('Good', { exact: true }).isChecked()).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});
