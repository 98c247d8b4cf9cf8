// The register answers 500, 503 with Retry-After, or not at all (past the client's timeout), many
// times in a row: the device waits longer after each failure (2 s doubling, with jitter, up to
// 5 minutes), never tries before it is due, and then delivers once. The page's clock is driven by
// the test (page.clock), so minutes of backoff pass in seconds.
import { expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

type Fault = '500' | '503' | 'hang';
/** What the register does to each attempt, in order; the attempt after the last fault goes through. */
const faults: Fault[] = ['500', '503', '500', 'hang', '500', '500', '500', '500', '500', '500'];
const retryAfterSeconds = 45;
const firstMs = 2_000;
const capMs = 5 * 60_000;

interface OutboxRow {
  submissionId: string;
  status: string;
  attempts: number;
  waitingFor: string | null;
  nextAttemptAt: string | null;
  updatedAt: string;
  lastError: { error: string } | null;
  receipt: { receivedAt: string } | null;
}

/**
 * Counts the submission requests the page has in flight: time is moved on only while none is,
 * so that no answer is overtaken by the client's timeout (which runs on the page's clock too).
 */
async function countSubmissionsInFlight(context: BrowserContext, page: Page): Promise<() => Promise<number>> {
  await context.addInitScript(() => {
    const original = window.fetch.bind(window);
    let inFlight = 0;
    Object.assign(window, { submissionsInFlight: () => inFlight });
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.includes('/api/submissions')) return original(input, init);
      inFlight++;
      return original(input, init).finally(() => inFlight--);
    };
  });
  return () => page.evaluate(() => (window as unknown as { submissionsInFlight: () => number }).submissionsInFlight());
}

type Wait = { attempts: number; delayMs: number; waitingFor: string | null };

/** Once attempt `failure` has failed (its row back in the queue with the attempt counted): the wait the device chose. */
async function failedAttempt(
  page: Page,
  outboxRow: () => Promise<OutboxRow | undefined>,
  failure: number,
  made: () => number,
): Promise<Wait> {
  let wait: Wait | undefined;
  await expect
    .poll(
      async () => {
        const row = await outboxRow();
        if (row && row.status === 'queued' && row.attempts === failure && row.nextAttemptAt) {
          wait = { attempts: row.attempts, delayMs: Date.parse(row.nextAttemptAt) - Date.parse(row.updatedAt), waitingFor: row.waitingFor };
          return true;
        }
        // The hanging request ends at the client's timeout.
        if (faults[failure - 1] === 'hang' && made() === failure) await page.clock.fastForward(5_000);
        return false;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
  return wait ?? { attempts: failure, delayMs: Number.NaN, waitingFor: null };
}

/** Time passes, 10 seconds at a time (the app looks every 20) and only while no request is in flight, until the next attempt comes. */
async function untilNextAttempt(page: Page, inFlight: () => Promise<number>, failure: number, made: () => number): Promise<void> {
  await expect
    .poll(
      async () => {
        if (made() === failure && (await inFlight()) === 0) await page.clock.fastForward(10_000);
        return made() > failure;
      },
      { timeout: 30_000, interval: 20 },
    )
    .toBe(true);
}

test('repeated 500s, a 503 with Retry-After and a hang: growing waits up to the cap, then delivered once', async () => {
  const { accessCode, orderId } = await createOrder(server, 'faults-backoff');
  // Only the page sends (no service worker and its Background Sync), so every timer is the test's.
  const context = await phoneContext(browser, 'en-GB', { serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.clock.install();

  const inFlight = await countSubmissionsInFlight(context, page);

  const attempts: { fault: Fault | 'ok'; at: number }[] = [];
  await context.route('**/api/submissions', async (route) => {
    const fault = faults[attempts.length] ?? 'ok';
    attempts.push({ fault, at: await page.evaluate(() => Date.now()) });
    if (fault === '500')
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'internal', message: 'a test failure' }),
      });
    if (fault === '503')
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'Retry-After': String(retryAfterSeconds) },
        body: JSON.stringify({ error: 'internal', message: 'busy' }),
      });
    if (fault === 'hang') return; // never answered: the client gives up by itself
    return route.continue();
  });

  await claimInPage(page, server.url, accessCode);
  await page.getByRole('link', { name: 'Start' }).click();
  await answerDemo(page);
  await page.getByRole('link', { name: 'To your questionnaires' }).click();

  const outboxRow = async () => ((await storedRows(page, 'outbox')) as OutboxRow[])[0];
  const waits: Wait[] = [];
  for (let failure = 1; failure <= faults.length; failure++) {
    waits.push(await failedAttempt(page, outboxRow, failure, () => attempts.length));
    if (failure === 1) await page.getByText('Completed – sending did not work, trying again soon').waitFor();
    await untilNextAttempt(page, inFlight, failure, () => attempts.length);
  }
  await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 30_000 }).toBe(true);

  expect(attempts.map((a) => a.fault)).toEqual([...faults, 'ok']);
  waits.forEach(({ attempts: n, delayMs, waitingFor }) => {
    const ceiling = Math.min(capMs, firstMs * 2 ** (n - 1));
    // A request with no answer is told apart from the register's failure: the network coming back retries it.
    expect(waitingFor).toBe(faults[n - 1] === 'hang' ? 'timeout' : 'failure');
    // The register's Retry-After is respected; otherwise between half and all of the ceiling.
    if (faults[n - 1] === '503') expect(delayMs).toBeGreaterThanOrEqual(Math.max(ceiling / 2, retryAfterSeconds * 1000));
    else {
      expect(delayMs).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delayMs).toBeLessThanOrEqual(ceiling);
    }
  });
  // No attempt before it was due, and the gaps grow to minutes (the cap is reached by the last ones).
  const gaps = attempts.slice(1).map((attempt, i) => attempt.at - (attempts[i]?.at ?? 0));
  gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(waits[i]?.delayMs ?? 0));
  expect(gaps.at(-1)).toBeGreaterThanOrEqual(capMs / 2);
  expect(gaps.at(-1)).toBeGreaterThan(4 * (gaps[0] ?? 0));
  expect(Math.max(...waits.map((w) => w.delayMs))).toBeLessThanOrEqual(capMs);

  const stored = await storedSubmissions(server, orderId);
  expect(stored).toHaveLength(1);
  expect(await outboxRow()).toMatchObject({ status: 'acknowledged', submissionId: stored[0]?.submissionId, attempts: faults.length + 1 });
  expect(errors).toEqual([]);
  await context.close();
});
