// The staff console in chromium against the real register, at 768 px and on a desktop: a clinician
// signs in (an account as an administrator would make it, then the sign-in screen), creates an order
// and is shown its access code, link and QR code; the letter prints alone; a patient opens the link
// on a phone and the console shows the order opened; axe finds no violations; nothing breaks the
// Content-Security-Policy; every step is in the audit trail. The README's console screenshots are
// taken here (npm run screenshots: SCREENSHOTS=update).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/server/staff-passwords.js';
import { openSqliteStore } from '../../src/server/store/kysely-store.js';
import { wcagViolations } from './axe.js';
import { withServerAndBrowser, type RunningServer } from './harness.js';

const screenshots =
  process.env.SCREENSHOTS === 'update' ? path.resolve('docs/screenshots') : await mkdtemp(path.join(tmpdir(), 'eprom-staff-screens-'));
const password = 'a long and private passphrase';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

/** A clinician of one unit, made in the register's database as an administrator's account screen would. */
async function makeClinician(username: string): Promise<void> {
  const store = await openSqliteStore(path.join(server.dataDir, 'register.sqlite'));
  try {
    const isMade = await store.staff.insertAccount({
      id: randomUUID(),
      username,
      displayName: `Clinician ${username}`,
      passwordHash: await hashPassword(password),
      roles: ['clinician'],
      units: ['Poliklinikk A'],
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

async function signedIn(viewport: { width: number; height: number }, username: string): Promise<{ page: Page; problems: string[] }> {
  await makeClinician(username);
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${server.url}/staff/#/orders/new`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
  // The refused sign-in answers 401, which the browser reports on its console; that is expected.
  problems.length = 0;
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as Clinician ${username}`).waitFor();
  return { page, problems };
}

const viewports = [
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

for (const viewport of viewports) {
  test(`staff create an order and get its code, link, QR code and letter; no axe violations (${viewport.width}×${viewport.height})`, async () => {
    const username = `clinician-${viewport.name}`;
    const { page, problems } = await signedIn(viewport, username);
    const found: Record<string, string[]> = {};
    const shoot = async (name: string) => {
      if (viewport.name === 'desktop') await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
    };
    await mkdir(screenshots, { recursive: true });

    await page.getByRole('heading', { level: 1, name: 'New order' }).waitFor();
    expect(await page.getByLabel('Unit').inputValue()).toBe('Poliklinikk A');
    await page.getByRole('checkbox', { name: /How are you doing\?/ }).waitFor();
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.getByText('Enter the patient reference.').waitFor();
    found['order form with problems'] = await wcagViolations(page);

    const patientRef = `console-${viewport.name}`;
    await page.getByLabel(/^Patient reference/).fill(patientRef);
    await page.getByRole('checkbox', { name: /How are you doing\?/ }).check();
    await page.getByLabel('Measurement point').fill('basis');
    found['order form'] = await wcagViolations(page);
    await shoot('staff-new-order');
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.getByRole('status').getByText(`The order for ${patientRef} is created.`).waitFor();
    const code = (await page.getByTestId('access-code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
    expect(await page.getByTestId('patient-link').getAttribute('href')).toMatch(new RegExp(`/#/claim/${code}$`));
    const qr = page.getByRole('img', { name: 'QR code of the link' }).first();
    expect((await qr.boundingBox())?.width).toBeGreaterThan(100);
    found['order made'] = await wcagViolations(page);
    await shoot('staff-order-made');

    // Printed, only the letter is on the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.console-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print letter' }).isVisible()).toBe(false);
    expect(await page.getByRole('region', { name: 'A questionnaire from your clinic' }).isVisible()).toBe(true);
    await shoot('staff-letter-print');
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByRole('article', { name: new RegExp(patientRef) }).waitFor();
    found.orders = await wcagViolations(page);
    await shoot('staff-orders');

    // The patient, on their own phone, opens what the console gave them.
    const phone = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB', hasTouch: true });
    const patient = await phone.newPage();
    await patient.goto(`${server.url}/#/claim/${code}`);
    await patient.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
    await phone.close();
    await page.reload();
    const card = page.getByRole('article', { name: new RegExp(patientRef) });
    await card.getByText('Opened').waitFor();

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    expect(problems).toEqual([]);

    // Every step is in the audit trail, as this clinician.
    const audit = (await server.staff('GET', `/api/staff/audit?actor=${username}`)).json as {
      entries: { action: string; result: string }[];
    };
    expect(audit.entries.map((entry) => `${entry.action} ${entry.result}`).reverse()).toEqual(
      expect.arrayContaining(['session.signIn signInFailed', 'session.signIn ok', 'orders.create ok', 'orders.list ok']),
    );
    await page.context().close();
  });
}
