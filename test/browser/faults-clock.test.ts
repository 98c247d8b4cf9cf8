// The device's clock is wrong by days, ahead or behind (page.clock: the page's Date and timers run
// from a wrong time). Submissions are still accepted; the register records its own time of
// receipt, which the device shows; the device sends its started and completed times in the
// register's time, learnt when it claimed.
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  answerDemo,
  answerDemoPages,
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

const day = 86_400_000;

for (const { name, offsetDays } of [
  { name: 'five days ahead', offsetDays: 5 },
  { name: 'four days behind', offsetDays: -4 },
]) {
  test(`a device clock ${name}: accepted, and the register's receipt time is the register's own`, async () => {
    const { accessCode, orderId } = await createOrder(server, `faults-clock-${offsetDays}`, ['demo-wellbeing@1'], 30);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.clock.install({ time: Date.now() + offsetDays * day });
    const before = Date.now();
    await claimInPage(page, server.url, accessCode);
    const deviceNow = await page.evaluate(() => Date.now());
    expect(Math.abs(deviceNow - before - offsetDays * day)).toBeLessThan(day / 2);

    await page.getByRole('link', { name: 'Start' }).click();
    await answerDemo(page);
    await page.getByRole('link', { name: 'To your questionnaires' }).click();
    await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 60_000 }).toBe(true);
    const after = Date.now();

    const [stored] = await storedSubmissions(server, orderId);
    expect(stored).toBeDefined();
    if (!stored) return;
    // The register's own time of receipt, whatever the device's clock says.
    const receivedAt = Date.parse(stored.receivedAt);
    expect(receivedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(receivedAt).toBeLessThanOrEqual(after + 1000);
    // The device stamps its times in the register's time (its clock and the offset learnt at the claim), so they
    // fit the register's clock and are not flagged (issue 14, item 7).
    expect(Math.abs(Date.parse(stored.completedAt) - receivedAt)).toBeLessThan(5 * 60_000);
    expect(Math.abs(Date.parse(stored.startedAt) - receivedAt)).toBeLessThan(5 * 60_000);
    expect(stored).not.toHaveProperty('timeFlags');

    // The export carries the register's time too.
    const exported = await server.staff('GET', `/api/export.json?orderId=${orderId}`);
    expect((exported.json as { submissions: { receivedAt: string }[] }).submissions.map((s) => s.receivedAt)).toEqual([stored.receivedAt]);

    // The device keeps the register's receipt and shows the register's date, not its own.
    const [row] = (await storedRows(page, 'outbox')) as { status: string; receipt: { receivedAt: string } | null }[];
    expect(row).toMatchObject({ status: 'acknowledged', receipt: { receivedAt: stored.receivedAt } });
    const formatted = (at: number) =>
      page.evaluate((time) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(time)), at);
    expect(await page.getByText(/^Received by the register/).textContent()).toBe(`Received by the register ${await formatted(receivedAt)}`);
    expect(await formatted(receivedAt)).not.toBe(await formatted(receivedAt + offsetDays * day));
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('a device clock five days ahead and an order valid two days: the patient answers, a reload keeps the draft, and it is stored', async () => {
  const { accessCode, orderId } = await createOrder(server, 'faults-clock-short', ['demo-wellbeing@1'], 2);
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.clock.install({ time: Date.now() + 5 * day });
  await claimInPage(page, server.url, accessCode);
  // By the phone's clock the order ended three days ago; by the register's it has two days left.
  expect(await page.getByText(/The time for answering ran out/).count()).toBe(0);
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await answerDemoPages(page, { complete: false });

  await expect.poll(async () => ((await storedRows(page, 'responses')) as { onReview: boolean }[])[0]?.onReview).toBe(true);
  // Starting again discards drafts of orders that ran out: not this one.
  await page.reload();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 60_000 }).toBe(true);
  const stored = await storedSubmissions(server, orderId);
  expect(stored).toHaveLength(1);
  // Every answer, including those given before the reload.
  expect(Object.keys(stored[0]?.answers ?? {})).toEqual(expect.arrayContaining(['mood_overall', 'good_sleep_days']));
  expect(errors).toEqual([]);
  await context.close();
});
