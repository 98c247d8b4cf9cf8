// The staff preview page: a file with a mistake is refused with the problem at its line, path and
// hint; the fixed file is shown as patients see it, with its condition, score and notice marked.
// Then the command line's preview server: the page follows the file on disk as it changes.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../../src/cli/preview.js';
import { builtApp, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

const fixtures = path.resolve('test/fixtures/definitions/preview');
const fixture = (name: string) => readFile(path.join(fixtures, name));

async function desktopPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  return context.newPage();
}

async function expectFixedFileShown(page: Page) {
  await page.getByText('No problems found.').waitFor();
  await page.getByRole('heading', { name: 'Preview test' }).waitFor();
  // the conditional item is marked, and hidden until its condition holds
  const detail = page.locator('[data-item="detail"]');
  await expect.poll(() => detail.getByText('Shown only when: mood = "poor"').isVisible()).toBe(true);
  await expect.poll(() => detail.getByText('“detail” is hidden now').isVisible()).toBe(true);
  await page.getByLabel('Poor').check();
  await expect.poll(() => page.getByLabel('What is hard? (optional)').isVisible()).toBe(true);
  // the score panel follows the answers, with its band; the notice shows when its condition holds
  const score = page.locator('[data-score="worry_score"]');
  await expect.poll(() => score.textContent()).toContain('no score yet (0 of 1 answers needed)');
  await page.locator('#item-worry input[value="4"]').check();
  await expect.poll(() => score.textContent()).toContain('4, band: high');
  await expect.poll(() => page.getByRole('heading', { name: 'Need someone to talk to?' }).isVisible()).toBe(true);
  await expect.poll(() => page.locator('[data-notice="worried"]').textContent()).toContain('shown now');
}

test('a file with a mistake, then the fixed one', async () => {
  const page = await desktopPage();
  const errors = watchForErrors(page);
  await page.goto(`${server.url}/#/preview`);
  await page.getByRole('heading', { name: 'Preview a questionnaire' }).waitFor();

  const picker = page.getByLabel('Choose a definition file');
  await picker.setInputFiles({ name: 'with-mistake.json', mimeType: 'application/json', buffer: await fixture('with-mistake.json') });
  const problems = page.locator('.preview-problems');
  await problems.waitFor();
  expect(await problems.textContent()).toContain('One problem.');
  const item = problems.locator('li');
  expect(await item.count()).toBe(1);
  expect(await item.textContent()).toBe('line 24, column 40 $.items[1].visibleWhen.item there is no item "mod" Hint: did you mean "mood"?');
  expect(await page.locator('.preview-form').count()).toBe(0);

  await picker.setInputFiles({ name: 'fixed.json', mimeType: 'application/json', buffer: await fixture('fixed.json') });
  await page.getByText('Checked: fixed.json').waitFor();
  await expectFixedFileShown(page);
  // In bokmål, the form's own texts switch with the questionnaire's language.
  await page.getByLabel('Language of the questionnaire').selectOption('nb');
  await page.getByRole('heading', { name: 'Forhåndsvisning' }).waitFor();

  // The preview stores nothing on the device.
  const answerCount = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('eprom');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('answers')) return resolve(0);
          const request = db.transaction('answers').objectStore('answers').count();
          request.onsuccess = () => resolve(request.result);
        };
        open.onerror = () => resolve(0);
      }),
  );
  expect(answerCount).toBe(0);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a pasted definition is checked too', async () => {
  const page = await desktopPage();
  await page.goto(`${server.url}/#/preview`);
  await page
    .getByLabel('… or paste its JSON text here')
    .fill((await fixture('fixed.json')).toString('utf8').replace('"license": "Test fixture",', ''));
  await page.getByRole('button', { name: 'Check the text' }).click();
  await page.getByText('Checked: pasted text').waitFor();
  expect(await page.locator('.preview-problems li').textContent()).toContain('$.license this field is required but missing');
  await page.context().close();
});

test('the preview page is not in the patients\u2019 bundle', async () => {
  const html = await readFile(path.join(builtApp, 'index.html'), 'utf8');
  const entry = /<script type="module" crossorigin src="\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
  expect(entry).toBeDefined();
  const code = await readFile(path.join(builtApp, entry ?? ''), 'utf8');
  expect(code).not.toContain('preview-drop');
  expect(code).toContain('PreviewPage');
});

test('npm run questionnaires -- preview: the page follows the file on disk', async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'eprom-preview-'));
  const file = path.join(folder, 'draft.json');
  await copyFile(path.join(fixtures, 'with-mistake.json'), file);
  const preview = await startPreview({ file, appDir: builtApp, port: 0 });
  try {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/preview\?watch=1$/);
    const page = await desktopPage();
    const errors = watchForErrors(page);
    await page.goto(preview.url);
    await page.getByText('Showing the file on disk. The page updates when the file changes.').waitFor();
    await page.getByText('Checked: draft.json').waitFor();
    await expect.poll(() => page.locator('.preview-problems li').textContent()).toContain('there is no item "mod"');
    await writeFile(file, await fixture('fixed.json'));
    await expectFixedFileShown(page);
    expect(errors).toEqual([]);
    await page.context().close();
  } finally {
    await preview.close();
    await rm(folder, { recursive: true, force: true });
  }
});
