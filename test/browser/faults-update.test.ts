// A new version is deployed while a patient is halfway through a questionnaire, and that version no
// longer ships the questionnaire (update.test.ts covers the prompt itself). The app does not reload
// until the person agrees, answers given while the update waits are kept, and after the update the
// open response's definition is still there with no network at all: from the device, not the cache.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  answerDemoPages,
  demoLink,
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

/** The next version: the demo questionnaire is withdrawn from the app's catalogue, its file and the precache. */
async function deployVersionWithoutDemo(appDir: string) {
  await rm(path.join(appDir, 'questionnaires', 'demo-wellbeing.json'));
  const indexFile = path.join(appDir, 'questionnaires', 'index.json');
  const index = JSON.parse(await readFile(indexFile, 'utf8')) as { questionnaires: { key: string }[] };
  await writeFile(indexFile, JSON.stringify({ questionnaires: index.questionnaires.filter((q) => q.key !== 'demo-wellbeing@1') }));
  const swFile = path.join(appDir, 'sw.js');
  const sw = await readFile(swFile, 'utf8');
  const next = sw
    .replace(/\{"revision":"[0-9a-f]+","url":"questionnaires\/demo-wellbeing\.json"\},?/, '')
    .replace(/("revision":")[0-9a-f]+(","url":"questionnaires\/index\.json")/, '$1next-version$2');
  if (next.includes('demo-wellbeing.json') || !next.includes('next-version'))
    throw new Error('sw.js does not list the questionnaires as this test expects');
  await writeFile(swFile, next);
}

test('an update that withdraws the open questionnaire: no reload until agreed, answers kept, the definition still there offline', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${server.url}/`);
  await waitForServiceWorker(page);
  await page.locator(demoLink).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Mixed').check();
  await expect.poll(() => storedAnswerIds(page)).toContain('mood_overall');
  await page.evaluate(() => Object.assign(window, { unchangedPage: true }));

  await deployVersionWithoutDemo(server.appDir);
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  const notice = page.getByText('A new version of the app is ready');
  await expect.poll(() => notice.isVisible(), { timeout: 30_000 }).toBe(true);

  // While the update waits, the person goes on answering; nothing reloads.
  await page.locator('#item-worry input[value="3"]').check();
  await expect.poll(() => storedAnswerIds(page)).toContain('worry');
  expect(await page.evaluate(() => 'unchangedPage' in window)).toBe(true);

  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
  await page.getByText('Page 2 of 6').waitFor();
  expect(await page.getByLabel('Mixed').isChecked()).toBe(true);
  expect(await page.locator('#item-worry input[value="3"]').isChecked()).toBe(true);
  // The new version has withdrawn the file: neither the server nor the new precache has it.
  expect(await page.evaluate(async () => (await fetch('/questionnaires/demo-wellbeing.json', { cache: 'no-store' })).status)).toBe(404);
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    return urls;
  });
  expect(cached.some((url) => url.includes('questionnaires/index.json'))).toBe(true);
  expect(cached.filter((url) => url.includes('demo-wellbeing'))).toEqual([]);

  // No network at all: the open response reopens from the device and can be finished.
  await context.setOffline(true);
  await server.stop();
  await page.reload();
  await page.getByText('Page 2 of 6').waitFor();
  expect(await page.getByLabel('Mixed').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Back' }).click();
  await answerDemoPages(page);
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
