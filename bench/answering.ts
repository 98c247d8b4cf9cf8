// 7. Answering, in headless chromium on a phone viewport: a tap on a radio (touch, through CDP) until
// the answer row is committed to IndexedDB, and until the page has answered the tap (input latency).
//
// Instrumented in the page before its scripts run: a capturing pointerdown listener stamps the tap;
// IDBObjectStore.prototype.put is wrapped so a put into the `answers` store (src/device/
// schema-versions.ts: one row per [responseId+itemId]) stamps its transaction's `complete` event;
// the Event Timing API (durationThreshold 16 ms, the least it allows) gives each interaction's
// duration, input to the next frame painted; and a listener after the click waits for the next
// animation frame and a task after it, as a second measure of the next frame. Taps cycle through
// the options of the first page's items, so every tap changes an answer and writes a row.
//
// The same scenario runs, in the same browser and in turn, on ours (opened at its first page,
// #/q/<key>/1) and on the two tap floors of bench/floors: the bare page (the same markup, one raw
// IndexedDB put per tap) and the bare React page (the same radios, one Dexie put per tap). Both
// write into a store called `answers`, so the probe is the same for all three.
import type { Browser, Page } from 'playwright-core';
import { isAnswerable, leafItems } from '../src/core/index.js';
import { parseDefinitionText } from '../src/core/parse-definition.js';
import { bigOptionCodes, bigQuestionnaireFile, bigQuestionnaireKey, hidingOption } from './big-questionnaire.js';
import { log, quantile, summarise, throttleCpu, type Summary } from './lib.js';

export const answeringProbe = `(() => {
  const probe = { tap: -1, writes: [], frames: [], interactions: [] };
  window.__answering = probe;
  addEventListener('pointerdown', () => { probe.tap = performance.now(); }, { capture: true });
  addEventListener('click', () => {
    const tap = probe.tap;
    requestAnimationFrame(() => setTimeout(() => probe.frames.push({ tap, at: performance.now() }), 0));
  });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === 'answers') {
      const tap = probe.tap;
      this.transaction.addEventListener('complete', () => probe.writes.push({ tap, at: performance.now() }));
    }
    return put.apply(this, args);
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.interactionId) probe.interactions.push({ id: entry.interactionId, start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
})();`;

interface Probe {
  tap: number;
  writes: { tap: number; at: number }[];
  frames: { tap: number; at: number }[];
  interactions: { id: number; start: number; duration: number }[];
}

/** Ours, or one of the floors of bench/floors. */
export type AnsweringPage = 'ours' | 'bare' | 'react';

export const answeringPageNames: Record<AnsweringPage, string> = {
  ours: 'ours',
  bare: 'bare page (no framework, raw IndexedDB)',
  react: 'bare React page (React 19, Dexie)',
};

export interface AnsweringScenario {
  /** Absent in results from before the floors: ours. */
  page?: AnsweringPage;
  questionnaire: string;
  items: number;
  /** Items on the page tapped, each tapped in turn. */
  itemsOnPage: number;
  cpuThrottling: number;
  taps: number;
  /** Tap to the answers row's transaction completed. */
  toIndexedDbMs: Summary;
  /** Event Timing interaction duration; taps with no entry took under 16 ms and count as 16. */
  inputLatencyMs: Summary;
  /** Taps that Event Timing reported (longer than 16 ms). */
  over16ms: number;
  /** Tap to the first task after the next animation frame. */
  nextFrameMs: Summary;
}

export interface AnsweringResult {
  scenarios: AnsweringScenario[];
}

const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { __answering: Probe }).__answering);

async function scenario(
  browser: Browser,
  { page: pageName, url }: { page: AnsweringPage; url: string },
  questionnaire: string,
  items: number,
  rate: number,
  taps: number,
  options: number,
): Promise<AnsweringScenario> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB', hasTouch: true, isMobile: true });
  try {
    await context.addInitScript({ content: answeringProbe });
    const page = await context.newPage();
    await page.goto(url);
    const radios = page.locator('label.choice:has(input[type="radio"])');
    await radios.first().waitFor({ timeout: 60_000 });
    const names = await page.evaluate(() => [
      ...new Set([...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.name)),
    ]);
    await throttleCpu(page, rate);
    // Two unmeasured taps: the first write opens the response row and warms the code paths.
    const tapOption = async (n: number) => {
      const name = names[n % names.length]!;
      const option = Math.floor(n / names.length) % options;
      await page.locator(`label.choice:has(input[name="${name}"])`).nth(option).tap();
    };
    const before = (await readProbe(page)).writes.length;
    for (let n = 0; n < taps + 2; n++) {
      const written = (await readProbe(page)).writes.length;
      await tapOption(n);
      await page.waitForFunction((count) => (window as unknown as { __answering: Probe }).__answering.writes.length > count, written, {
        timeout: 10_000,
        polling: 20,
      });
      await page.waitForTimeout(150); // let the frame and the observers settle before the next tap
    }
    const probe = await readProbe(page);
    const writes = probe.writes.slice(before + 2);
    const tapTimes = writes.map((w) => w.tap);
    const toIndexedDb = writes.map((w) => w.at - w.tap);
    const frameByTap = new Map(probe.frames.map((f) => [f.tap, f.at - f.tap]));
    const nextFrame = tapTimes.map((tap) => frameByTap.get(tap)).filter((ms): ms is number => ms !== undefined);
    const longest = new Map<number, { start: number; duration: number }>();
    for (const entry of probe.interactions) {
      const known = longest.get(entry.id);
      if (!known || entry.duration > known.duration) longest.set(entry.id, entry);
    }
    const interactions = [...longest.values()];
    let over16ms = 0;
    const inputLatency = tapTimes.map((tap) => {
      // The interaction whose first event started at (or just before) the stamp: pointerdown's timeStamp precedes its listener.
      const match = interactions.find((entry) => entry.start <= tap + 1 && entry.start > tap - 200);
      if (match) over16ms++;
      return match ? match.duration : 16;
    });
    const result: AnsweringScenario = {
      page: pageName,
      questionnaire,
      items,
      itemsOnPage: names.length,
      cpuThrottling: rate,
      taps: writes.length,
      toIndexedDbMs: summarise(toIndexedDb, true),
      inputLatencyMs: summarise(inputLatency, true),
      over16ms,
      nextFrameMs: summarise(nextFrame, true),
    };
    log(
      `answering ${questionnaire}, ${pageName} (${names.length} items on the page) at ${rate}× CPU: to IndexedDB p50 ${result.toIndexedDbMs.median.toFixed(1)} ms, p95 ${quantile(toIndexedDb, 0.95).toFixed(1)} ms; ` +
        `input latency p95 ${quantile(inputLatency, 0.95).toFixed(0)} ms (${over16ms} over 16 ms); next frame p95 ${quantile(nextFrame, 0.95).toFixed(1)} ms`,
    );
    return result;
  } finally {
    await context.close();
  }
}

/** Answerable items of a served definition. */
async function itemCount(baseUrl: string, file: string): Promise<number> {
  const parsed = parseDefinitionText(await (await fetch(`${baseUrl}/questionnaires/${file}`)).text());
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return leafItems(parsed.definition).filter(isAnswerable).length;
}

/**
 * Ours at `baseUrl`, the floors at `floorsUrl` (bench/floors built and served), each questionnaire
 * at 1× and 4×, the three pages in turn for each so that they share the machine's state.
 */
export async function measureAnswering(browser: Browser, baseUrl: string, floorsUrl: string, taps = 50): Promise<AnsweringResult> {
  const bigOptions = bigOptionCodes.filter((code) => code !== hidingOption).length;
  const questionnaires = [
    { name: 'EDE-Q', key: 'ede-q@6.0', floor: 'ede-q', items: await itemCount(baseUrl, 'ede-q-6.0.json'), options: 7 },
    {
      name: 'generated, with conditions',
      key: bigQuestionnaireKey,
      floor: 'bench-300',
      items: await itemCount(baseUrl, bigQuestionnaireFile),
      options: bigOptions,
    },
  ];
  const scenarios: AnsweringScenario[] = [];
  for (const q of questionnaires)
    for (const rate of [1, 4]) {
      const pages: { page: AnsweringPage; url: string }[] = [
        { page: 'ours', url: `${baseUrl}/#/q/${encodeURIComponent(q.key)}/1` },
        { page: 'bare', url: `${floorsUrl}/bare.html?q=${q.floor}` },
        { page: 'react', url: `${floorsUrl}/react.html?q=${q.floor}` },
      ];
      for (const target of pages) scenarios.push(await scenario(browser, target, q.name, q.items, rate, taps, q.options));
    }
  return { scenarios };
}
