// The network fails again and again while the patient's phone waits longer after each failure; when
// the browser reports it is online again, the submission goes at once, not when its backoff (by then
// minutes) would have ended. The page's clock is driven by the test (page.clock).
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  answerDemo,
  claimInPage,
  createOrder,
  phoneContext,
  storedRows,
  storedSubmissions,
  watchForErrors,
  withServerAndBrowser,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

/** Network failures before the network comes back: the wait after the last is 2–4 minutes. */
const failures = 8;

interface OutboxRow {
  status: string;
  attempts: number;
  waitingFor: string | null;
  nextAttemptAt: string | null;
  updatedAt: string;
}

test('after repeated network failures, going online sends at once rather than after the backoff', async () => {
  const { accessCode, orderId } = await createOrder(server, 'faults-online');
  // Only the page sends (no service worker and its Background Sync), so every timer is the test's.
  const context = await phoneContext(browser, 'en-GB', { serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.clock.install();

  let attempts = 0;
  let isDisconnected = true;
  await context.route('**/api/submissions', async (route) => {
    attempts++;
    if (isDisconnected) return route.abort('internetdisconnected');
    return route.continue();
  });

  await claimInPage(page, server.url, accessCode);
  await page.getByRole('link', { name: 'Start' }).click();
  await answerDemo(page);
  await page.getByRole('link', { name: 'To your questionnaires' }).click();

  const outboxRow = async () => ((await storedRows(page, 'outbox')) as OutboxRow[])[0];
  // Time passes, 10 seconds at a time (the app looks every 20), and only while no attempt is under way.
  await expect
    .poll(
      async () => {
        const row = await outboxRow();
        const isSettled = row?.status === 'queued' && row.attempts === attempts;
        if (isSettled && row.attempts >= failures) return true;
        if (isSettled) await page.clock.fastForward(10_000);
        return false;
      },
      { timeout: 30_000, interval: 50 },
    )
    .toBe(true);
  const waiting = await outboxRow();
  expect(waiting).toMatchObject({ status: 'queued', waitingFor: 'network', attempts: failures });
  await page.getByText('Completed – will be sent when you are online').waitFor();
  const dueAt = Date.parse(waiting?.nextAttemptAt ?? '');
  expect(dueAt - (await page.evaluate(() => Date.now()))).toBeGreaterThan(60_000);

  // The network is back and the browser says so; nobody presses anything and no backoff is waited out.
  isDisconnected = false;
  await context.setOffline(true);
  await context.setOffline(false);
  await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 30_000 }).toBe(true);
  const delivered = await outboxRow();
  expect(delivered).toMatchObject({ status: 'acknowledged', attempts: failures + 1 });
  // Acknowledged by the page's clock before the backoff would have let it try.
  expect(Date.parse(delivered?.updatedAt ?? '')).toBeLessThan(dueAt);
  expect(attempts).toBe(failures + 1);
  expect(await storedSubmissions(server, orderId)).toHaveLength(1);
  expect(errors).toEqual([]);
  await context.close();
});
