// Storage the person cannot count on: the browser refuses to make it persistent (headless chromium
// does), and storage runs out while answering and while completing. The person is told in words,
// and nothing already stored is lost.
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
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

const persistenceWarning =
  "The browser has not promised to keep this app's data. Unsent answers could be deleted by the browser if the app is not used for a long time.";
const saveFailed =
  "Your answer could not be saved on this device. Please try again. If it happens again, the device's storage may be full.";

test('persistent storage refused: the person is told once, and can close the notice for good', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  expect(await page.evaluate(() => navigator.storage.persist())).toBe(false);
  const notice = page.getByRole('status').filter({ hasText: persistenceWarning });
  await notice.waitFor();
  await notice.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => notice.count()).toBe(0);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  expect(await page.getByText(persistenceWarning).count()).toBe(0);
  await context.close();
});

/**
 * A full device, as IndexedDB reports it: every write fails with QuotaExceededError while the page's
 * sessionStorage says so. (CDP's Storage.overrideQuotaForOrigin far below what is used does not do
 * this for the app: chromium still lets small writes into pages its database file already has.)
 */
function simulateFullStorage() {
  const isFull = () => sessionStorage.getItem('test.storageFull') === 'yes';
  const store = IDBObjectStore.prototype as unknown as Record<'put' | 'add', (this: IDBObjectStore, ...args: unknown[]) => IDBRequest>;
  for (const method of ['put', 'add'] as const) {
    const original = store[method];
    store[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      if (isFull()) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    };
  }
}

test('storage full while answering and completing: the person is told, every stored answer stays, and it goes on once there is room', async () => {
  const { accessCode, orderId } = await createOrder(server, 'faults-storage-full');
  const context = await phoneContext(browser);
  await context.addInitScript(simulateFullStorage);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const setFull = (isFull: boolean) => page.evaluate((full) => sessionStorage.setItem('test.storageFull', full ? 'yes' : 'no'), isFull);
  await claimInPage(page, server.url, accessCode);
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Good', { exact: true }).check();
  await page.locator('#item-worry input[value="2"]').check();
  await expect.poll(async () => [...(await storedAnswerIds(page))].sort()).toEqual(['mood_overall', 'worry']);

  // The device is full: a new answer cannot be stored, and the person is told.
  await setFull(true);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('On how many of the past 28 days have you slept well?').fill('20');
  await page.getByRole('alert').filter({ hasText: saveFailed }).waitFor();
  expect([...(await storedAnswerIds(page))].sort()).toEqual(['mood_overall', 'worry']);

  // Opened again while still full: what was stored is all there.
  await page.reload();
  await page.getByText('Page 2 of 6').waitFor();
  expect(await page.getByLabel('Good', { exact: true }).isChecked()).toBe(true);
  expect(await page.locator('#item-worry input[value="2"]').isChecked()).toBe(true);

  // Room again: the answers are saved and the notice goes.
  await setFull(false);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('On how many of the past 28 days have you slept well?').fill('20');
  await page.locator('#item-woke_rested').getByLabel('Often').check();
  await page.locator('#item-felt_lonely').getByLabel('Sometimes').check();
  await expect.poll(() => storedAnswerIds(page)).toContain('felt_lonely');
  expect(await page.getByText(saveFailed).count()).toBe(0);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#item-had_hard_time').getByLabel('No').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#item-has_appointment').getByLabel('No').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review your answers' }).click();
  await expect.poll(async () => (await storedAnswerIds(page)).length).toBe(7);

  // Full again as the person completes: the sealed answers cannot be stored, the person is told, the draft stays whole.
  await setFull(true);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('alert').filter({ hasText: 'The questionnaire could not be completed. Please try again.' }).waitFor();
  expect(await storedRows(page, 'outbox')).toEqual([]);
  expect(await storedAnswerIds(page)).toHaveLength(7);
  expect(((await storedRows(page, 'responses')) as { status: string }[]).map((r) => r.status)).toEqual(['in-progress']);

  await setFull(false);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 60_000 }).toBe(true);
  expect(await storedSubmissions(server, orderId)).toHaveLength(1);
  expect(errors).toEqual([]);
  await context.close();
});
