// What clinicians and register staff see of results in chromium against the real register, at 768 px
// and 1280 px, with axe: the registers' quality indicators (one shown with its figures, one unit's
// group suppressed), and a patient's course chart with the alert an answer raised at the top of the
// console. The README's screenshots of these are taken here (npm run screenshots: SCREENSHOTS=update).
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expect, test } from 'vitest';
import { wcagViolations } from './axe.js';
import { withServerAndBrowser, type RunningServer } from './harness.js';
import { norspisUnits, seedMadrsCourse, seedNorspis } from './results-seed.js';
import { signInToConsole } from './staff-accounts.js';

const screenshots =
  process.env.SCREENSHOTS === 'update' ? path.resolve('docs/screenshots') : await mkdtemp(path.join(tmpdir(), 'eprom-staff-results-'));

let server: RunningServer;
let browser: Browser;
// No scheduler: the plan windows are the test's own.
withServerAndBrowser((started) => ({ server, browser } = started), { env: { SCHEDULER_INTERVAL_SECONDS: '0' } });

test(
  'register staff see the NorSpis indicators: figures, a suppressed group, the drawing; no axe violations',
  { timeout: 120_000 },
  async () => {
    await seedNorspis(server);
    const { page, problems } = await signInToConsole(server, browser, {
      username: 'results-register',
      displayName: 'Register staff',
      roles: ['register'],
      viewport: { width: 768, height: 1024 },
    });
    await page.getByRole('link', { name: 'Indicators' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quality indicators' }).waitFor();
    const table = page.getByRole('table', { name: 'Improvement in the CIA total score: per unit and period' });
    await table.waitFor();
    const rows = table.getByRole('row');
    const cells = async (n: number) => (await rows.nth(n).locator('th, td').allTextContents()).map((text) => text.trim());
    expect(await cells(1)).toEqual([norspisUnits.shown, '2026-Q2', '3', '5', '0.60', '0.23 to 0.88', '83%']);
    expect(await cells(2)).toEqual([norspisUnits.suppressed, '2026-Q2', 'suppressed (fewer than 5)']);
    expect(await cells(3)).toEqual(['All units together', '2026-Q2', '5', '8', '0.63', '0.31 to 0.86', '89%']);
    const figure = page.getByRole('figure', { name: /Improvement in the CIA total score: the share with its 95% interval/ });
    expect((await figure.boundingBox())?.width).toBeGreaterThan(300);
    const found: Record<string, string[]> = { 'indicators 768': await wcagViolations(page) };

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Unit', { exact: true }).selectOption(norspisUnits.shown);
    await expect.poll(() => rows.count()).toBe(3);
    expect(await cells(2)).toEqual(['All units together', '2026-Q2', '3', '5', '0.60', '0.23 to 0.88', '83%']);
    await page.getByLabel('Unit', { exact: true }).selectOption('');
    await expect.poll(() => rows.count()).toBe(4);
    found['indicators 1280'] = await wcagViolations(page);
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'staff-indicators.png'), fullPage: true });

    expect(found).toEqual({ 'indicators 768': [], 'indicators 1280': [] });
    expect(problems).toEqual([]);
    await page.context().close();
  },
);

test("a clinician sees the alert an answer raised, and the patient's course chart; no axe violations", { timeout: 120_000 }, async () => {
  const unit = 'Poliklinikk A';
  await seedMadrsCourse(server, 'K-3001', unit);
  const { page, problems } = await signInToConsole(server, browser, {
    username: 'results-clinician',
    displayName: 'Clinician results',
    roles: ['clinician'],
    units: [unit],
    viewport: { width: 1280, height: 900 },
  });
  const alerts = page.getByRole('region', { name: '1 new alert' });
  await alerts.waitFor();
  expect(await alerts.textContent()).toContain('K-3001');
  await mkdir(screenshots, { recursive: true });
  await alerts.screenshot({ path: path.join(screenshots, 'staff-alerts.png') });
  const found: Record<string, string[]> = { 'alerts 1280': await wcagViolations(page) };

  await page.goto(`${server.url}/staff/#/patients/K-3001`);
  await page.getByRole('heading', { name: 'Scores over time' }).waitFor();
  const chart = page.getByRole('img', { name: /over time/ }).first();
  await chart.waitFor();
  const course = page.getByRole('table', { name: /each answer, its value, band and change/ }).first();
  const values = await course.getByRole('row').allTextContents();
  expect(values.join('\n')).toMatch(/30[\s\S]*18[\s\S]*9/);
  found['course 1280'] = await wcagViolations(page);
  await page
    .locator('figure.course')
    .first()
    .screenshot({ path: path.join(screenshots, 'staff-patient-course.png') });

  await page.setViewportSize({ width: 768, height: 1024 });
  expect((await chart.boundingBox())?.width).toBeGreaterThan(300);
  found['course 768'] = await wcagViolations(page);

  expect(found).toEqual({ 'alerts 1280': [], 'course 1280': [], 'course 768': [] });
  expect(problems).toEqual([]);
  await page.context().close();
});
