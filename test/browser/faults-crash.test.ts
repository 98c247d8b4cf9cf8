// The page is closed, or the browser process killed, right after an answer is given or while the
// answers are being sealed. The browser keeps its profile on disk (a persistent user-data-dir), so
// on reopening the device holds either the draft with every answer or the sealed submission, never
// neither and never both, and whatever it holds reaches the register exactly once.
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.js';
import {
  answerDemoPages,
  claimInPage,
  cleanUp,
  createOrder,
  startServer,
  storedAnswerIds,
  storedRows,
  storedSubmissions,
  waitForServiceWorker,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
const profiles: string[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await cleanUp(server);
  for (const profile of profiles) await rm(profile, { recursive: true, force: true });
});

/** A phone whose browser keeps its data on disk between launches. */
async function launchPhone(profile: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: chromiumArgs,
    viewport: { width: 360, height: 640 },
    locale: 'en-GB',
    hasTouch: true,
    isMobile: true,
  });
  // Sealing signs with WebCrypto; a test may make that take a while, to be sure to interrupt it.
  await context.addInitScript(() => {
    const subtle = crypto.subtle;
    const sign = subtle.sign.bind(subtle);
    subtle.sign = async (...args: Parameters<SubtleCrypto['sign']>) => {
      const state = window as unknown as { isSealingSlow?: boolean; sealingStarted?: boolean };
      state.sealingStarted = true;
      if (state.isSealingSlow) await new Promise((resolve) => setTimeout(resolve, 3_000));
      return sign(...args);
    };
  });
  return context;
}

async function newProfile(): Promise<string> {
  const profile = await mkdtemp(path.join(tmpdir(), 'eprom-profile-'));
  profiles.push(profile);
  return profile;
}

/** Kills the browser's main process, as the system does to an app: no unload, no goodbye. */
async function killBrowser(context: BrowserContext, profile: string): Promise<void> {
  const closed = new Promise((resolve) => context.once('close', resolve));
  let killed = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = commandLine.split('\0');
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((arg) => arg.startsWith('--type='))) {
      process.kill(Number(entry), 'SIGKILL');
      killed++;
    }
  }
  if (killed !== 1) throw new Error(`expected one browser process for ${profile}, found ${killed}`);
  await closed;
}

interface ResponseRow {
  id: string;
  orderId: string | null;
  status: string;
}
interface AnswerRow {
  responseId: string;
  itemId: string;
}
interface OutboxRow {
  submissionId: string;
  orderId: string;
  responseId: string;
  status: string;
}

/** What the device holds for the order: the draft with its answered items, or the sealed submission; fails on neither or both. */
async function heldFor(page: Page, orderId: string): Promise<{ kind: 'draft'; itemIds: string[] } | { kind: 'sealed'; row: OutboxRow }> {
  const responses = ((await storedRows(page, 'responses')) as ResponseRow[]).filter((r) => r.orderId === orderId);
  const answers = (await storedRows(page, 'answers')) as AnswerRow[];
  const outbox = ((await storedRows(page, 'outbox')) as OutboxRow[]).filter((r) => r.orderId === orderId);
  expect(responses).toHaveLength(1);
  const [response] = responses;
  const itemIds = answers.filter((a) => a.responseId === response?.id).map((a) => a.itemId);
  if (response?.status === 'in-progress') {
    expect(outbox).toEqual([]);
    return { kind: 'draft', itemIds };
  }
  expect(response?.status).toBe('completed');
  expect(itemIds).toEqual([]);
  expect(outbox).toHaveLength(1);
  return { kind: 'sealed', row: outbox[0] as OutboxRow };
}

const allDemoItems = ['mood_overall', 'worry', 'good_sleep_days', 'woke_rested', 'felt_lonely', 'had_hard_time', 'has_appointment'];

async function openOrder(context: BrowserContext, orderId: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/#/order/${orderId}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
  return page;
}

/** From the order page of a reopened device: continue the draft, which must have every answer, and complete it. */
async function completeDraft(page: Page) {
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
}

async function expectDeliveredOnce(page: Page, orderId: string) {
  await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 60_000 }).toBe(true);
  const stored = await storedSubmissions(server, orderId);
  expect(stored).toHaveLength(1);
  const held = await heldFor(page, orderId);
  expect(held.kind === 'sealed' && held.row).toMatchObject({ status: 'acknowledged', submissionId: stored[0]?.submissionId });
}

/** A claimed order on a fresh persistent phone, answered up to the review page's Complete. */
async function phoneAtReview(patientRef: string) {
  const profile = await newProfile();
  const { accessCode, orderId } = await createOrder(server, patientRef);
  const context = await launchPhone(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await claimInPage(page, server.url, accessCode);
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await answerDemoPages(page, { complete: false });
  return { profile, orderId, context, page };
}

test('the page closed right after an answer, and again while sealing: the draft keeps every answer, then one submission', async () => {
  const profile = await newProfile();
  const { accessCode, orderId } = await createOrder(server, 'faults-crash-close');
  const context = await launchPhone(profile);
  let page = context.pages()[0] ?? (await context.newPage());
  await claimInPage(page, server.url, accessCode);
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Good', { exact: true }).check();
  await page.locator('#item-worry input[value="2"]').check();
  // Closed the moment the answer is written (a tab closed in the same few milliseconds as the tap
  // can lose that one answer before its write lands).
  await expect.poll(() => storedAnswerIds(page), { interval: 5 }).toContain('worry');
  await page.close();

  page = await openOrder(context, orderId);
  const held = await heldFor(page, orderId);
  expect(held.kind === 'draft' && [...held.itemIds].sort()).toEqual(['mood_overall', 'worry']);
  await page.getByRole('link', { name: 'Continue' }).click();
  expect(await page.getByLabel('Good', { exact: true }).isChecked()).toBe(true);
  expect(await page.locator('#item-worry input[value="2"]').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('On how many of the past 28 days have you slept well?').fill('20');
  await page.locator('#item-woke_rested').getByLabel('Often').check();
  await page.locator('#item-felt_lonely').getByLabel('Sometimes').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#item-had_hard_time').getByLabel('No').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#item-has_appointment').getByLabel('No').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review your answers' }).click();

  // Closed while the answers are being signed.
  await page.evaluate(() => Object.assign(window, { isSealingSlow: true }));
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { sealingStarted?: boolean }).sealingStarted === true)).toBe(true);
  await page.close();

  page = await openOrder(context, orderId);
  const again = await heldFor(page, orderId);
  expect(again.kind === 'draft' && [...again.itemIds].sort()).toEqual([...allDemoItems].sort());
  await completeDraft(page);
  await expectDeliveredOnce(page, orderId);
  await context.close();
});

test('the browser killed right after an answer: every answer is there when it opens again', async () => {
  const profile = await newProfile();
  const { accessCode, orderId } = await createOrder(server, 'faults-crash-answer');
  let context = await launchPhone(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await claimInPage(page, server.url, accessCode);
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Poor', { exact: true }).check();
  await page.locator('#item-worry input[value="4"]').check();
  await expect.poll(() => storedAnswerIds(page), { interval: 5 }).toContain('worry');
  await killBrowser(context, profile);

  context = await launchPhone(profile);
  const reopened = await openOrder(context, orderId);
  const held = await heldFor(reopened, orderId);
  expect(held.kind === 'draft' && [...held.itemIds].sort()).toEqual(['mood_overall', 'worry']);
  await reopened.getByRole('link', { name: 'Continue' }).click();
  expect(await reopened.getByLabel('Poor', { exact: true }).isChecked()).toBe(true);
  expect(await reopened.locator('#item-worry input[value="4"]').isChecked()).toBe(true);
  await context.close();
});

test('the browser killed while sealing: the draft with every answer is there, and is delivered once', async () => {
  const { profile, orderId, context, page } = await phoneAtReview('faults-crash-sealing');
  await page.evaluate(() => Object.assign(window, { isSealingSlow: true }));
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { sealingStarted?: boolean }).sealingStarted === true)).toBe(true);
  await killBrowser(context, profile);

  const reopenedContext = await launchPhone(profile);
  const reopened = await openOrder(reopenedContext, orderId);
  const held = await heldFor(reopened, orderId);
  expect(held.kind === 'draft' && [...held.itemIds].sort()).toEqual([...allDemoItems].sort());
  expect(await storedSubmissions(server, orderId)).toEqual([]);
  await completeDraft(reopened);
  await expectDeliveredOnce(reopened, orderId);
  await reopenedContext.close();
});

test('the browser killed just after sealing: the sealed submission is there, no draft, and it is delivered once', async () => {
  const { profile, orderId, context, page } = await phoneAtReview('faults-crash-sealed');
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect.poll(async () => (await storedRows(page, 'outbox')).length, { interval: 5 }).toBe(1);
  await killBrowser(context, profile);

  const reopenedContext = await launchPhone(profile);
  const reopened = await openOrder(reopenedContext, orderId);
  const held = await heldFor(reopened, orderId);
  expect(held.kind).toBe('sealed');
  await expectDeliveredOnce(reopened, orderId);
  await reopenedContext.close();
});
