// On the patient's own phone: a three-questionnaire order answered over two visits with the network
// off in between, a support notice shown offline, and everything delivered once the network is back.
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  answerDemo,
  phoneContext,
  storedAnswerIds,
  waitForServiceWorker,
  watchForErrors,
  withServerAndBrowser,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

async function openOrder(page: Page, url: string, orderId: string) {
  await page.goto(`${url}/#/order/${orderId}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
}

test('three questionnaires over two visits offline, a support notice offline, then all delivered', async () => {
  const created = (
    await server.staff('POST', '/api/orders', {
      patientRef: 'norspis-7',
      questionnaires: ['demo-wellbeing@1', 'norspis-outcome@1', 'ect-madrs-s@1'],
      measurementPoint: 'avslutning',
      validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    })
  ).json as { accessCode: string; order: { id: string } };

  const context = await phoneContext(browser);
  let page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${server.url}/#/claim/${created.accessCode}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
  // The welcome says who asks, for how long, and that nobody reads the answers in real time.
  expect(await page.getByText('Demo quality register asks you to answer 3 questionnaires, one after the other.').isVisible()).toBe(true);
  expect(await page.getByText(/Nobody reads your answers while you answer/).isVisible()).toBe(true);
  await waitForServiceWorker(page);

  // First visit, offline: the first questionnaire, and the second begun.
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Start' }).click();
  expect(await page.getByText('Questionnaire 1 of 3').isVisible()).toBe(false); // the introduction comes first
  await answerDemo(page);
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await page.getByText('1 of 3 completed').waitFor();
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText('Questionnaire 2 of 3').waitFor();
  await page.getByLabel('Clearly better').check();
  await expect.poll(() => storedAnswerIds(page)).toContain('outcome');
  await page.close();

  // Second visit, days later and still offline.
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await openOrder(page, server.url, created.order.id);
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.getByLabel('Clearly better').waitFor();
  expect(await page.getByLabel('Clearly better').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Review your answers' }).click();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  for (const item of ['q1', 'q2', 'q3', 'q4', 'q5']) await page.locator(`#item-${item} input[value="2"]`).check();
  await page.getByRole('button', { name: 'Next' }).click();
  for (const item of ['q6', 'q7', 'q8']) await page.locator(`#item-${item} input[value="1"]`).check();
  await page.locator('#item-q9 input[value="4"]').check();
  // The support notice shows at once, offline, with numbers that dial.
  const notice = page.getByRole('alert').filter({ hasText: 'Do you need someone to talk to now?' });
  await notice.waitFor();
  expect(await notice.getByRole('link', { name: /113/ }).getAttribute('href')).toBe('tel:113');
  expect(await notice.getByRole('link', { name: /116 117/ }).getAttribute('href')).toBe('tel:116117');
  await page.getByRole('button', { name: 'Review your answers' }).click();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await expect.poll(() => page.getByText('Completed – will be sent when you are online').count()).toBe(3);

  await context.setOffline(false);
  await expect.poll(() => page.getByText(/^Received by the register/).count(), { timeout: 30_000 }).toBe(3);
  const stored = (await server.staff('GET', `/api/submissions?orderId=${created.order.id}`)).json as {
    submissions: { questionnaireKey: string; noticesShown: string[]; scores: Record<string, { value?: number }> | null }[];
  };
  expect(stored.submissions.map((s) => s.questionnaireKey).sort()).toEqual(['demo-wellbeing@1', 'ect-madrs-s@1', 'norspis-outcome@1']);
  const madrs = stored.submissions.find((s) => s.questionnaireKey === 'ect-madrs-s@1');
  expect(madrs?.noticesShown).toEqual(['thoughts_of_death']);
  expect(madrs?.scores?.total?.value).toBe(2 * 5 + 1 * 3 + 4);
  expect(errors).toEqual([]);
  await context.close();
});
