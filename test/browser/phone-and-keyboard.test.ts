// On a 320 px wide phone, with text at 200 %, nothing needs sideways scrolling and every touch target
// is at least 44 px; the whole questionnaire can be answered with the keyboard alone, with a visible
// focus; and a definition that is not valid shows an error page, never a blank screen.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoLink, watchForErrors, withServerAndBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

/** What breaks the layout on this page: sideways scrolling, or targets smaller than 44×44 px. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const targets = document.querySelectorAll<HTMLElement>(
      'button, a.button, .choice, .decline, select, input[type="text"], input[type="date"], textarea',
    );
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered
      if (box.height < 44 || box.width < 44)
        problems.push(
          `${target.tagName.toLowerCase()}.${target.className} "${(target.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return problems;
  });
}

for (const textSize of ['100%', '200%']) {
  test(`every page reflows at 320 px with text at ${textSize}, and touch targets are at least 44 px`, async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'en-GB', isMobile: true, hasTouch: true });
    await context.addInitScript((size) => {
      document.addEventListener('DOMContentLoaded', () => (document.documentElement.style.fontSize = size));
    }, textSize);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator(demoLink).click();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(textSize === '200%' ? '32px' : '16px');
    await page.getByRole('button', { name: 'Start' }).click();
    const found: Record<string, string[]> = {};
    for (let pageNumber = 1; pageNumber <= 6; pageNumber++) {
      await page.locator('form.page').waitFor();
      found[`page ${pageNumber}`] = await layoutProblems(page);
      await page.getByRole('button', { name: pageNumber < 6 ? 'Next' : 'Review your answers' }).click();
    }
    await page.locator('.review').waitFor();
    found.review = await layoutProblems(page);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    await context.close();
  });
}

test('the questionnaire can be answered with the keyboard alone, with a visible focus', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${server.url}/#/q/demo-wellbeing%401`);
  const start = page.getByRole('button', { name: 'Start' });
  await start.waitFor();
  await start.focus();
  await page.keyboard.press('Enter');
  await page.getByText('Page 1 of 6').waitFor();

  // Page 1 has only text: Tab reaches Next, Enter goes on.
  await tabTo(page, 'Next');
  await page.keyboard.press('Enter');
  await page.getByText('Page 2 of 6').waitFor();
  // Focus moved to the new page's heading; Tab enters the first radio group, arrows choose.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-heading');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  expect(await page.getByLabel('Good', { exact: true }).isChecked()).toBe(true);
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
  expect(outline).toMatch(/^solid [1-9]/);
  expect(errors).toEqual([]);
  await context.close();
});

async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent?.trim());
    if (text === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('a definition that is not valid shows an error page naming what is wrong', async () => {
  const indexPath = path.join(server.appDir, 'questionnaires', 'index.json');
  const index = JSON.parse(await readFile(indexPath, 'utf8')) as { questionnaires: { key: string; file: string; title: object }[] };
  index.questionnaires.push({ key: 'broken@1', file: 'broken.json', title: { en: 'Broken' } });
  await writeFile(indexPath, JSON.stringify(index));
  await writeFile(
    path.join(server.appDir, 'questionnaires', 'broken.json'),
    JSON.stringify({
      id: 'broken',
      version: '1',
      languages: ['en'],
      title: { en: 'Broken' },
      license: 'test',
      source: { citation: 'test' },
      items: [{ id: 'q1', kind: 'slider', text: { en: 'How?' } }],
    }),
  );
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${server.url}/#/q/broken%401`);
  await page.getByRole('heading', { name: 'This questionnaire cannot be shown' }).waitFor();
  expect(await page.getByText('$.items[0].kind').isVisible()).toBe(true);
  expect(await page.getByText(/unknown kind "slider"/).isVisible()).toBe(true);
  await context.close();
});
