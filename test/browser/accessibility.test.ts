// axe-core finds no violations on any page of the demo questionnaire or on the review page, on a
// phone-sized screen, in English and in nynorsk.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoLink, phoneContext, withServerAndBrowser, type RunningServer } from './harness.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so a Content-Security-Policy cannot block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

for (const [locale, labels] of [
  ['en-GB', { start: 'Start', next: 'Next', review: 'Review your answers', problems: /questions? (is|are) unanswered/ }],
  ['nn-NO', { start: 'Start', next: 'Neste', review: 'Sjå over svara', problems: /manglar svar/ }],
] as const) {
  test(`no axe violations on the start page, every questionnaire page and the review page (${locale}, 360×640)`, async () => {
    const context = await phoneContext(browser, locale);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator(demoLink).waitFor();
    const found: Record<string, string[]> = { start: await axeViolations(page) };

    await page.locator(demoLink).click();
    await page.getByRole('button', { name: labels.start }).click();
    for (let pageNumber = 1; pageNumber <= 6; pageNumber++) {
      await page.locator('form.page').waitFor();
      found[`page ${pageNumber}`] = await axeViolations(page);
      await page.getByRole('button', { name: pageNumber < 6 ? labels.next : labels.review }).click();
    }
    await expect.poll(() => page.getByText(labels.problems).isVisible()).toBe(true);
    found.review = await axeViolations(page);

    // A question reached from the review page shows why it was listed.
    await page.locator('button.problem').first().click();
    await page.locator('.error').first().waitFor();
    found['flagged question'] = await axeViolations(page);

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    await context.close();
  });
}
