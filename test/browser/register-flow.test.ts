// The whole way of one answer: the patient's link claims the order, the network goes, the patient
// answers and completes offline, the register restarts, the network comes back, and the register
// holds exactly one submission with the right answers while the app says it was received.
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { answerDemo, phoneContext, waitForServiceWorker, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

test('claim online, answer offline, deliver exactly once after the register restarts', async () => {
  const created = await server.staff('POST', '/api/orders', {
    patientRef: 'browser-test-1',
    questionnaires: ['demo-wellbeing@1'],
    measurementPoint: 'basis',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const { accessCode, order } = created.json as { accessCode: string; order: { id: string } };

  const context = await phoneContext(browser);
  // Anything the Content-Security-Policy blocks is reported here; the app must need nothing it forbids.
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`),
    );
  });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${server.url}/#/claim/${accessCode}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
  // The code has left the address bar once it did its work.
  expect(page.url()).not.toContain(accessCode);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await server.stop();
  await page.getByRole('link', { name: 'Start' }).click();
  await answerDemo(page);
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await expect.poll(() => page.getByText('Completed – will be sent when you are online').isVisible()).toBe(true);

  await server.restart();
  await context.setOffline(false);
  await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 30_000 }).toBe(true);

  const stored = await server.staff('GET', `/api/submissions?orderId=${order.id}`);
  const submissions = (stored.json as { submissions: { answers: Record<string, unknown>; questionnaireKey: string }[] }).submissions;
  expect(submissions).toHaveLength(1);
  expect(submissions[0]).toMatchObject({
    questionnaireKey: 'demo-wellbeing@1',
    answers: {
      mood_overall: { value: 'good' },
      worry: { value: 2 },
      good_sleep_days: { value: 20 },
      woke_rested: { value: 'often' },
      had_hard_time: { value: false },
    },
  });
  // Reloading and sending again changes nothing at the register.
  await page.reload();
  await page.getByText(/^Received by the register/).waitFor();
  expect(((await server.staff('GET', `/api/submissions?orderId=${order.id}`)).json as { submissions: unknown[] }).submissions).toHaveLength(
    1,
  );
  // After sealing, the device holds no readable answers.
  expect(
    await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('eprom');
          open.onerror = () => reject(open.error ?? new Error('the database did not open'));
          open.onsuccess = () => {
            const request = open.result.transaction('answers').objectStore('answers').count();
            request.onsuccess = () => resolve(request.result);
          };
        }),
    ),
  ).toBe(0);
  expect(errors).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  await context.close();
});

test('an unknown access code is explained, with a way to type another', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/#/claim/ZZZZ-ZZZZ-ZZZZ`);
  await page.getByText('We could not find this access code. Check that it is typed correctly.').waitFor();
  expect(await page.getByLabel('Access code').isVisible()).toBe(true);
  await context.close();
});
