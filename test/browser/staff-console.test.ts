// The staff console in chromium against the real register, at 768 px and on a desktop: staff create
// an order and are shown its access code, link and QR code; the letter prints alone; a patient opens
// the link on a phone; axe finds no violations; nothing breaks the Content-Security-Policy. The
// README's console screenshots are taken here (npm run screenshots: SCREENSHOTS=update).
//
// Staff sessions are built on the auth branch, not merged here yet: the browser sends the staff
// token (the service account) on every request, and the one session route the console asks at start
// is answered with the service account's session. Sign-in for real comes with the auth merge.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { wcagViolations } from './axe.js';
import { withServerAndBrowser, type RunningServer } from './harness.js';

const screenshots =
  process.env.SCREENSHOTS === 'update' ? path.resolve('docs/screenshots') : await mkdtemp(path.join(tmpdir(), 'eprom-staff-screens-'));

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

const serviceSession = {
  account: {
    id: 'service',
    username: 'service',
    displayName: 'Service account',
    roles: ['register', 'clinician'],
    units: 'all',
    hasTotp: false,
    mustEnrolTotp: false,
  },
  csrfToken: 'bearer-needs-none',
  idleExpiresAt: new Date(Date.now() + 1_800_000).toISOString(),
  absoluteExpiresAt: new Date(Date.now() + 43_200_000).toISOString(),
};

async function staffPage(viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport,
    locale: 'en-GB',
    extraHTTPHeaders: { Authorization: `Bearer ${server.staffToken}` },
  });
  await context.route('**/api/staff/session', (route) => route.fulfill({ json: serviceSession }));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return { page, problems };
}

const viewports = [
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

for (const viewport of viewports) {
  test(`staff create an order and get its code, link, QR code and letter; no axe violations (${viewport.width}×${viewport.height})`, async () => {
    const { page, problems } = await staffPage(viewport);
    const found: Record<string, string[]> = {};
    const shoot = async (name: string) => {
      if (viewport.name === 'desktop') await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
    };
    await mkdir(screenshots, { recursive: true });

    await page.goto(`${server.url}/staff/#/orders/new`);
    await page.getByRole('heading', { level: 1, name: 'New order' }).waitFor();
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
    await page.context().close();
  });
}
