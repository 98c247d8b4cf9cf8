// Hostile text: a definition whose texts look like HTML, script, template and SQL (the hostile-texts
// fixture, served by the register from a private questionnaires folder) and an answer typed with
// such text. Everything is shown as text and nothing runs; the answer is stored and exported exactly
// as typed; the built app's Content-Security-Policy stops an injected inline script; and a whole
// order, from the link to the receipt, makes no request to any origin but the app's own.
import { expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  claimInPage,
  createOrder,
  fixtureQuestionnaires,
  phoneContext,
  storedSubmissions,
  watchForErrors,
  withServerAndBrowser,
  type RunningServer,
} from './harness.js';

const questionnairesDir = await fixtureQuestionnaires('hostile-texts.json');

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started), { questionnairesDir });

/** Typed into the text question: a spreadsheet formula, markup, script, SQL, a template, bidi and emoji. */
const typed = `=HYPERLINK("https://evil.example","x") <script>alert(3)</script><img src=x onerror=alert(4)> '; DROP TABLE submissions; -- {{7*7}} \${7*7} \u202Eevil\u202C 🙂 back\\slash`;

/** Parses RFC 4180 CSV into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') isQuoted = false;
      else cell += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') {
      rows.at(-1)?.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      rows.at(-1)?.push(cell);
      cell = '';
      rows.push([]);
    } else cell += char;
  }
  if (cell !== '' || (rows.at(-1)?.length ?? 0) > 0) rows.at(-1)?.push(cell);
  return rows.filter((row) => row.length > 0);
}

test('hostile texts and answers are shown as text and stored exactly; an injected script is blocked; no other origin is asked', async () => {
  const { accessCode, orderId } = await createOrder(server, 'faults-hostile', ['hostile-texts@1.0.2']);
  const context = await phoneContext(browser);
  const origins = new Set<string>();
  context.on('request', (request) => origins.add(new URL(request.url()).origin));
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await claimInPage(page, server.url, accessCode);
  await page.getByRole('link', { name: 'Start' }).click();
  // The title and introduction, shown as the characters they are.
  await page.getByRole('heading', { name: '<img src=x onerror=alert(1)>' }).waitFor();
  expect(await page.getByText("{{constructor.constructor('alert(1)')()}} ${process.exit(1)} javascript:alert(1)").isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText('<style>body{display:none}</style>').waitFor();
  await page.getByLabel('<svg onload=alert(1)>').check();
  expect(await page.getByLabel('</textarea><script>alert(2)</script>').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Next' }).click();
  const field = page.getByLabel('<img src=x onerror=alert(document.cookie)>');
  await field.fill(typed);
  await expect.poll(() => field.inputValue()).toBe(typed);
  // None of it became markup.
  for (const selector of ['img[src="x"]', 'svg[onload]', 'iframe', 'main style', 'main script', 'a[href^="javascript:"]', 'b[onmouseover]'])
    expect(await page.locator(selector).count(), selector).toBe(0);
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');

  // The app's policy blocks an inline script put into the page, and says so.
  const injected = await page.evaluate(
    () =>
      new Promise<{ hasRun: boolean; violations: string[] }>((resolve) => {
        const violations: string[] = [];
        const done = () => resolve({ hasRun: 'injectedScriptRan' in window, violations });
        // An allowed inline script runs as it is appended; the report of a blocked one comes as an event.
        document.addEventListener('securitypolicyviolation', (event) => {
          violations.push(event.effectiveDirective);
          done();
        });
        const script = document.createElement('script');
        script.textContent = 'window.injectedScriptRan = true;';
        document.body.append(script);
        setTimeout(done, 5_000); // bounded, for when no report comes
      }),
  );
  expect(injected.hasRun).toBe(false);
  expect(injected.violations).toContain('script-src-elem');

  await page.getByRole('button', { name: 'Review your answers' }).click();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await expect.poll(() => page.getByText(/^Received by the register/).isVisible(), { timeout: 60_000 }).toBe(true);

  // Stored and exported exactly as typed.
  const [stored] = await storedSubmissions(server, orderId);
  expect(stored?.answers).toEqual({ constructor: { value: 'a' }, toString: { value: typed } });
  const exported = await server.staff('GET', `/api/export.json?orderId=${orderId}`);
  expect((exported.json as { submissions: { answers: unknown }[] }).submissions.map((s) => s.answers)).toEqual([
    { constructor: { value: 'a' }, toString: { value: typed } },
  ]);
  // The CSV export keeps every character, with a quote in front so a spreadsheet does not run the formula.
  const csv = await fetch(`${server.url}/api/export.csv?questionnaire=hostile-texts@1.0.2`, {
    headers: { Authorization: `Bearer ${server.staffToken}` },
  });
  const [header, ...rows] = parseCsv(await csv.text());
  const column = header?.indexOf('toString') ?? -1;
  expect(column).toBeGreaterThanOrEqual(0);
  expect(rows.map((row) => row[column])).toEqual([`'${typed}`]);

  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  expect([...origins].filter((origin) => origin !== 'null')).toEqual([server.url]);
  await context.close();
});
