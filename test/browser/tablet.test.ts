// The waiting-room tablet: set up once for a unit, then one patient after another. The second
// patient can reach nothing of the first, an interrupted patient resumes with their code after the
// lock, and unfinished answers on the tablet are encrypted at rest.
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { answerDemoPages, setTabletIdleSeconds, storedRows, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

async function orderFor(patientRef: string) {
  const created = await server.staff('POST', '/api/orders', {
    patientRef,
    questionnaires: ['demo-wellbeing@1'],
    measurementPoint: 'basis',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    unit: 'Poliklinikk A',
  });
  return created.json as { accessCode: string; order: { id: string } };
}

async function typeCode(page: Page, code: string) {
  await page.getByLabel('Access code').fill(code);
  await page.getByRole('button', { name: 'Begin' }).click();
}

test('two patients one after the other, an interrupted one resuming after the lock; nothing of one reaches the next', async () => {
  const enrolment = (await server.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' })).json as { code: string };
  const [first, second] = [await orderFor('pasient-1'), await orderFor('pasient-2')];
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'en-GB', hasTouch: true });
  const page = await context.newPage();
  const errors = watchForErrors(page);

  // Set up once for the unit.
  await page.goto(`${server.url}/#/tablet/setup`);
  await page.getByLabel('Enrolment code').fill(enrolment.code);
  await page.getByLabel('Lock after this long without use').selectOption('1');
  await page.getByRole('button', { name: 'Set up' }).click();
  await page.getByRole('heading', { name: 'Welcome' }).waitFor();
  expect(await page.getByText('Tablet for Poliklinikk A').isVisible()).toBe(true);

  // The first patient answers and hands the tablet back.
  await typeCode(page, first.accessCode);
  await answerDemoPages(page);
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Welcome' }).waitFor();
  expect(await page.getByLabel('Access code').inputValue()).toBe('');
  expect(await page.locator('main').innerText()).not.toMatch(/slept well|Often|Sometimes/);
  expect(page.url()).not.toContain('#/');
  expect(await storedRows(page, 'answers')).toEqual([]);
  const sealed = JSON.stringify(await storedRows(page, 'outbox'));
  expect(sealed).not.toContain('"often"'); // quoted: base64url can spell the word by chance, never a JSON string

  // The second patient starts, is called in, and the tablet locks.
  await setTabletIdleSeconds(page, 10);
  await typeCode(page, second.accessCode);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Very good').check();
  await expect.poll(async () => (await storedRows(page, 'answers')).length).toBe(1);
  // Encrypted at rest: the stored row holds no answer.
  expect(JSON.stringify(await storedRows(page, 'answers'))).not.toContain('very-good');

  const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await warning.waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'I need more time' }).click();
  expect(await warning.isVisible()).toBe(false);
  await page.getByText(/The session was locked because the tablet was not in use/).waitFor({ timeout: 20_000 });
  expect(await page.locator('main').innerText()).not.toContain('Very good');

  // Someone else's code, or no code, reaches nothing; the patient's own code resumes where they were.
  await typeCode(page, 'ZZZZ-ZZZZ-ZZZZ');
  await page.getByText('We could not find this code.').waitFor();
  await typeCode(page, second.accessCode);
  await page.getByText('Page 2 of 6').waitFor();
  expect(await page.getByLabel('Very good').isChecked()).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});
