// Every screen a patient meets, on a phone (360×640) and a tablet (768×1024): axe-core finds no
// WCAG violations on the welcome, questionnaire, review, receipt, tablet start and timeout screens;
// the whole flow is done with the keyboard alone; and the README's screenshots are taken here.
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  answerDemoPages,
  cleanUp,
  launchBrowser,
  setTabletIdleSeconds,
  startServer,
  watchForErrors,
  type RunningServer,
} from './harness.js';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** `npm run screenshots` refreshes the README's copies; an ordinary test run keeps its own. */
const screenshots =
  process.env.SCREENSHOTS === 'update' ? path.resolve('docs/screenshots') : await mkdtemp(path.join(tmpdir(), 'eprom-screens-'));

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await mkdir(screenshots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  if (server) await cleanUp(server);
});

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}

async function newOrder(unit?: string) {
  const created = await server.staff('POST', '/api/orders', {
    patientRef: `screens-${Math.random().toString(36).slice(2, 8)}`,
    questionnaires: ['demo-wellbeing@1'],
    measurementPoint: 'basis',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    ...(unit ? { unit } : {}),
  });
  return created.json as { accessCode: string; order: { id: string } };
}

const viewports = [
  { name: 'phone', width: 360, height: 640 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

for (const viewport of viewports) {
  test(`no axe violations on the patient's screens and the tablet's (${viewport.width}×${viewport.height})`, async () => {
    const found: Record<string, string[]> = {};
    const shoot = async (page: Page, name: string) => {
      if (viewport.name !== 'phone' && !name.startsWith('tablet')) return;
      // The browser's storage warning is closed first, as a person would after reading it.
      const close = page.getByRole('button', { name: 'Close' });
      if (await close.isVisible()) await close.click();
      await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: !name.startsWith('tablet-timeout') });
    };

    // The patient's own device.
    const context = await browser.newContext({ viewport, locale: 'en-GB', hasTouch: true });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    const { accessCode } = await newOrder();
    await page.goto(`${server.url}/#/claim/${accessCode}`);
    await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
    found.welcome = await violations(page);
    await shoot(page, 'phone-welcome');
    await page.getByRole('link', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Good', { exact: true }).check();
    found.questionnaire = await violations(page);
    await shoot(page, 'phone-questionnaire');
    await page.getByRole('button', { name: 'Back' }).click();
    await answerDemoPages(page);
    await page.getByRole('link', { name: 'To your questionnaires' }).click();
    await page.getByText(/^Received by the register/).waitFor({ timeout: 20_000 });
    found.receipt = await violations(page);
    await shoot(page, 'phone-receipt');
    await context.close();

    // The review page with something missing.
    const reviewContext = await browser.newContext({ viewport, locale: 'en-GB' });
    const review = await reviewContext.newPage();
    await review.goto(`${server.url}/#/q/demo-wellbeing%401`);
    await review.getByRole('button', { name: 'Start' }).click();
    for (let i = 0; i < 5; i++) await review.getByRole('button', { name: 'Next' }).click();
    await review.getByRole('button', { name: 'Review your answers' }).click();
    await review.getByText(/questions are unanswered/).waitFor();
    found.review = await violations(review);
    await shoot(review, 'phone-review');
    await reviewContext.close();

    // The waiting-room tablet: start, the timeout warning, and the locked start.
    const enrolment = (await server.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' })).json as { code: string };
    const tabletContext = await browser.newContext({ viewport, locale: 'en-GB', hasTouch: true });
    const tablet = await tabletContext.newPage();
    tablet.on('pageerror', (error) => errors.push(error.message));
    await tablet.goto(`${server.url}/#/tablet/setup`);
    await tablet.getByRole('heading', { name: 'Waiting-room tablet' }).waitFor();
    found['tablet setup'] = await violations(tablet);
    await tablet.getByLabel('Enrolment code').fill(enrolment.code);
    await tablet.getByLabel('Lock after this long without use').selectOption('1');
    await tablet.getByRole('button', { name: 'Set up' }).click();
    await tablet.getByRole('heading', { name: 'Welcome' }).waitFor();
    await setTabletIdleSeconds(tablet, 12);
    await tablet.getByRole('heading', { name: 'Welcome' }).waitFor();
    found['tablet start'] = await violations(tablet);
    await shoot(tablet, `tablet-start-${viewport.name}`);
    const patient = await newOrder('Poliklinikk A');
    await tablet.getByLabel('Access code').fill(patient.accessCode);
    await tablet.getByRole('button', { name: 'Begin' }).click();
    await tablet.getByRole('button', { name: 'Next' }).click();
    await shoot(tablet, `tablet-questionnaire-${viewport.name}`);
    await tablet.getByRole('alertdialog', { name: 'Are you still there?' }).waitFor({ timeout: 20_000 });
    found['timeout warning'] = await violations(tablet);
    await shoot(tablet, `tablet-timeout-${viewport.name}`);
    await tablet.getByText(/The session was locked/).waitFor({ timeout: 20_000 });
    found['tablet locked'] = await violations(tablet);
    await tabletContext.close();

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    expect(errors).toEqual([]);
  });
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('the whole flow with the keyboard alone: link, order, every page, review, complete', async () => {
  const { accessCode } = await newOrder();
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${server.url}/#/claim/${accessCode}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
  await tabTo(page, 'a.button.primary');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Start' }).waitFor();
  await tabTo(page, 'button.primary');
  await page.keyboard.press('Enter');
  const next = async () => {
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
  };
  /** Tab into a radio group and choose with the arrow keys, the way radio groups work. */
  const choose = async (item: string, steps: number) => {
    await tabTo(page, `#item-${item} input`);
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  };
  await page.getByText('Page 1 of 6').waitFor();
  await next();
  await choose('mood_overall', 1);
  await choose('worry', 2);
  await next();
  await tabTo(page, '#item-good_sleep_days');
  await page.keyboard.type('20');
  await choose('woke_rested', 2);
  await choose('felt_lonely', 1);
  await next();
  await choose('had_hard_time', 1);
  await next();
  await choose('has_appointment', 1);
  await next();
  await next();
  await page.getByText('All questions that need an answer have been answered.').waitFor();
  await tabTo(page, 'button.primary');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  await context.close();
});
