// A new version deployed while a patient is halfway: the app says so, never reloads on its own, and
// updates only when the person agrees; every answer survives the update.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoLink, phoneContext, waitForServiceWorker, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

test('an update waits for consent, then reloads into the same page with the answers kept', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  // The page's clock is the test's (it runs at its own pace until moved on), so no second is waited out in real time.
  await page.clock.install();
  await page.goto(`${server.url}/`);
  await waitForServiceWorker(page);
  await page.locator(demoLink).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Very good').check();
  await page.evaluate(() => Object.assign(window, { unchangedPage: true }));

  // Deploy a new version: any change to the service worker script is one.
  await appendFile(path.join(server.appDir, 'sw.js'), '\n// a new version\n');
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  const notice = page.getByText('A new version of the app is ready');
  await expect.poll(() => notice.isVisible(), { timeout: 20_000 }).toBe(true);
  // Nothing reloads by itself while the person is answering, however long the page waits.
  await page.clock.runFor(1000);
  expect(await page.evaluate(() => 'unchangedPage' in window)).toBe(true);
  expect(await page.getByLabel('Very good').isChecked()).toBe(true);

  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
  expect(await page.evaluate(() => 'unchangedPage' in window)).toBe(false);
  await expect.poll(() => page.getByText('Page 2 of 6').isVisible()).toBe(true);
  expect(await page.getByLabel('Very good').isChecked()).toBe(true);
  expect(await notice.isVisible()).toBe(false);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  expect(errors).toEqual([]);
  await context.close();
});
