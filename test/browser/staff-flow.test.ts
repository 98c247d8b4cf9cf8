// The whole staff flow in chromium against the real register: a clinician signs in and makes an
// order in the console; the patient, in another browser context (a phone), claims it with the code,
// answers and submits; the register receives it; the clinician's submission page shows every answer
// with the question as the patient saw it and the register's scores with their bands; axe finds no
// violations there; every step is in the audit trail as the clinician. And an administrator resets
// a lost phone's second factor from the accounts screen. The README's screenshots of the submission
// page and of the accounts screen are taken here (npm run screenshots: SCREENSHOTS=update).
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { wcagViolations } from './axe.js';
import { phoneContext, withServerAndBrowser, type RunningServer } from './harness.js';
import { makeStaffAccount, readStaffAccount, signInToConsole } from './staff-accounts.js';

const screenshots =
  process.env.SCREENSHOTS === 'update' ? path.resolve('docs/screenshots') : await mkdtemp(path.join(tmpdir(), 'eprom-staff-flow-'));

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

/** CIA 3.0 as the patient answers it: "A lot" (3) for the first item, "Quite a bit" (2) for the others. */
const ciaValue = (item: number) => (item === 1 ? 3 : 2);

test('an order made in the console is claimed, answered and received, and the clinician sees every answer and the scores with bands', async () => {
  const username = 'flow-clinician';
  const { page, problems } = await signInToConsole(server, browser, { username, viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/staff/#/orders/new`);
  await page.getByRole('heading', { level: 1, name: 'New order' }).waitFor();
  const patientRef = 'flow-patient-1';
  await page.getByLabel(/^Patient reference/).fill(patientRef);
  await page.getByRole('checkbox', { name: /\(cia@3\.0\)/ }).check();
  await page.getByLabel('Measurement point').fill('basis');
  await page.getByRole('button', { name: 'Create order' }).click();
  await page.getByRole('status').getByText(`The order for ${patientRef} is created.`).waitFor();
  const code = (await page.getByTestId('access-code').textContent()) ?? '';
  const link = (await page.getByTestId('patient-link').getAttribute('href')) ?? '';

  // The patient, on their own phone: the link the console showed, then the questionnaire.
  const phone = await phoneContext(browser);
  const patient = await phone.newPage();
  // The link names the register's public address (PUBLIC_URL); here the register is on a test port.
  expect(link).toMatch(new RegExp(`/#/claim/${code}$`));
  await patient.goto(`${server.url}/#/claim/${code}`);
  await patient.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
  await patient.getByRole('link', { name: 'Start' }).click();
  await patient.getByRole('button', { name: 'Start' }).click();
  // Each item is on the page shown or the next one: wait for the page to be drawn before deciding.
  await patient.locator('#item-q1').waitFor();
  for (let item = 1; item <= 16; item++) {
    const choice = patient.locator(`#item-q${item} input[value="${ciaValue(item)}"]`);
    if (!(await choice.isVisible())) {
      await patient.getByRole('button', { name: 'Next' }).click();
      await choice.waitFor();
    }
    await choice.check();
  }
  while (!(await patient.getByRole('button', { name: 'Review your answers' }).isVisible()))
    await patient.getByRole('button', { name: 'Next' }).click();
  await patient.getByRole('button', { name: 'Review your answers' }).click();
  await patient.getByRole('button', { name: 'Complete' }).click();
  await patient.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  await patient.getByRole('link', { name: 'To your questionnaires' }).click();
  await expect.poll(() => patient.getByText(/^Received by the register/).isVisible(), { timeout: 30_000 }).toBe(true);
  await phone.close();

  // The clinician: the patient's page, then the answers.
  await page.goto(`${server.url}/staff/#/patients/${patientRef}`);
  await page.getByRole('heading', { level: 1, name: `Patient ${patientRef}` }).waitFor();
  await page.getByRole('link', { name: 'See the answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Answers to Clinical Impairment Assessment (CIA 3.0)' }).waitFor();
  const tables = page.getByRole('table');
  const answerRows = tables.last().getByRole('row');
  await expect.poll(() => answerRows.count()).toBe(17);
  expect(await answerRows.nth(1).textContent()).toBe('1. … made it hard for you to concentrate?A lot');
  for (let item = 2; item <= 16; item++) expect(await answerRows.nth(item).getByRole('cell').textContent()).toBe('Quite a bit');
  expect(await answerRows.nth(16).getByRole('rowheader').textContent()).toMatch(/^16\. … /);
  const scoreRows = await tables.first().getByRole('row').allTextContents();
  expect(scoreRows.slice(1)).toEqual([
    'Global score (0–48)33Clinically significant impairment (16 or more)—',
    'Personal12——',
    'Social10——',
    'Cognitive11——',
  ]);
  for (const time of ['Started on the device', 'Completed on the device', 'Received by the register'])
    expect(await page.locator('dt', { hasText: time }).locator('+ dd').textContent()).toMatch(/\d{4}/);
  expect(await wcagViolations(page)).toEqual([]);
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, 'staff-submission.png'), fullPage: true });
  expect(problems).toEqual([]);

  // Every step, as this clinician.
  const audit = (await server.staff('GET', `/api/staff/audit?actor=${username}`)).json as { entries: { action: string; result: string }[] };
  expect(audit.entries.map((entry) => `${entry.action} ${entry.result}`).reverse()).toEqual(
    expect.arrayContaining(['session.signIn ok', 'orders.create ok', 'orders.list ok', 'submissions.read ok']),
  );
  await page.context().close();
});

test('an administrator resets a lost phone’s second factor from the accounts screen; no axe violations', async () => {
  // The secret's value is never read here: the screen shows that there is one, and the reset clears it.
  const kari = await makeStaffAccount(server, {
    username: 'kari-totp',
    displayName: 'Kari Nordmann',
    requireTotp: true,
    totpSecret: 'v1.sealed-by-the-register',
  });
  const { page, problems } = await signInToConsole(server, browser, {
    username: 'flow-admin',
    displayName: 'Administrator',
    roles: ['admin'],
    units: [],
    viewport: { width: 1280, height: 800 },
  });
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  const card = page.getByRole('article', { name: /Kari Nordmann/ });
  await card.getByText('App set up').waitFor();
  await card.getByRole('button', { name: 'Reset authenticator app' }).click();
  await card.getByText(/Reset the authenticator app of kari-totp\?/).waitFor();
  expect(await wcagViolations(page)).toEqual([]);
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, 'staff-accounts.png'), fullPage: true });
  await card.getByRole('button', { name: 'Yes, reset' }).click();
  await page
    .getByRole('status')
    .getByText('The authenticator app of kari-totp is reset, and kari-totp is signed out.', { exact: false })
    .waitFor();
  await expect.poll(() => card.getByText('App set up').count()).toBe(0);
  expect(await readStaffAccount(server, kari.id)).toMatchObject({ totpSecret: null, requireTotp: true });
  expect(problems).toEqual([]);
  await page.context().close();
});
