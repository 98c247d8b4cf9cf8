// Measurement plans in the staff console in chromium against the real register, at 768 px: a
// clinician enrols a patient in KVARUS with a contact, opens the enrolment page (its time points, the
// contact masked), and, once the register's scheduler has opened the first time points, sees
// coverage as a table and an SVG chart; axe finds no violations on any of these screens.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { coverageResponse } from '../../src/core/index.js';
import { hashPassword } from '../../src/server/staff-passwords.js';
import { openSqliteStore } from '../../src/server/store/kysely-store.js';
import { wcagViolations } from './axe.js';
import { withServerAndBrowser, type RunningServer } from './harness.js';

const password = 'a long and private passphrase';
const unit = 'Poliklinikk A';

let server: RunningServer;
let browser: Browser;
// The scheduler every 2 s rather than every minute: the test waits for it to open the first time points.
withServerAndBrowser((started) => ({ server, browser } = started), { env: { SCHEDULER_INTERVAL_SECONDS: '2' } });

async function makeClinician(username: string): Promise<void> {
  const store = await openSqliteStore(path.join(server.dataDir, 'register.sqlite'));
  try {
    const isMade = await store.staff.insertAccount({
      id: randomUUID(),
      username,
      displayName: `Clinician ${username}`,
      passwordHash: await hashPassword(password),
      roles: ['clinician'],
      units: [unit],
      disabledAt: null,
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      requireTotp: false,
      oidcSubject: null,
      createdAt: new Date().toISOString(),
      passwordChangedAt: null,
    });
    expect(isMade).toBe(true);
  } finally {
    await store.close();
  }
}

test('a clinician enrols a patient, sees the enrolment page and coverage; no axe violations (768×1024)', { timeout: 180_000 }, async () => {
  await makeClinician('plans-clinician');
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const found: Record<string, string[]> = {};

  await page.goto(`${server.url}/staff/#/enrolments/new`);
  await page.getByLabel('Username').fill('plans-clinician');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Enrol a patient in a plan' }).waitFor();
  await page.getByRole('link', { name: 'Coverage' }).waitFor();

  await page.getByRole('button', { name: 'Enrol' }).click();
  await page.getByText('Choose a plan.').waitFor();
  found['enrol form with problems'] = await wcagViolations(page);
  await page.getByLabel(/^Patient reference/).fill('K-2001');
  await page.getByLabel('Plan').selectOption('kvarus');
  expect(await page.getByLabel('Unit').inputValue()).toBe(unit);
  await page.getByLabel('E-mail address').fill('pasient@example.org');
  found['enrol form'] = await wcagViolations(page);
  await page.getByRole('button', { name: 'Enrol' }).click();
  await page
    .getByRole('status')
    .getByText(/K-2001 is enrolled in KVARUS/)
    .waitFor();

  await page.getByRole('link', { name: 'Open the enrolment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Enrolment of K-2001' }).waitFor();
  const contact = page.getByRole('region', { name: 'Contact' });
  expect(await contact.textContent()).not.toContain('pasient@example.org');
  found['enrolment page'] = await wcagViolations(page);

  // Four more at the unit, so that its group is not "fewer than 5"; the scheduler opens their first time points.
  for (let n = 2; n <= 5; n++) {
    const made = await server.staff('POST', '/api/plan-enrolments', { patientRef: `K-200${n}`, plan: 'kvarus', unit, language: 'nb' });
    expect(made.status).toBe(201);
  }
  await expect
    .poll(async () => coverageResponse.parse((await server.staff('GET', '/api/coverage.json')).json).groups.length, {
      timeout: 120_000,
      interval: 2_000,
    })
    .toBeGreaterThan(0);

  await page.getByRole('link', { name: 'Coverage' }).click();
  await page.getByRole('heading', { level: 1, name: 'Coverage' }).waitFor();
  const table = page.getByRole('table', { name: 'Coverage per unit, plan, time point and period' });
  await table.waitFor();
  expect(await table.getByRole('row').nth(1).textContent()).toContain(unit);
  const chart = page.getByRole('img', { name: /Response rate per unit, plan, time point and period/ });
  expect((await chart.boundingBox())?.width).toBeGreaterThan(300);
  found.coverage = await wcagViolations(page);

  await page.getByRole('link', { name: 'Enrolments' }).click();
  await page.getByRole('link', { name: 'K-2001' }).waitFor();
  found.enrolments = await wcagViolations(page);

  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  expect(problems).toEqual([]);
  await context.close();
});
