// 8. Where a tap's time goes in ours (issue 19): chromium's CPU profiler (CDP Profiler domain, 100 µs
// sampling) at 4× CPU throttling, on a phone viewport, over taps on the first page of EDE-Q and of
// the generated 300-item questionnaire (#/q/<key>/1), the same taps as bench/answering.ts. The
// profiler runs only from just before each tap until its answer row's transaction has completed and
// the next frame has been drawn, so the samples are the tap's. Each sample's own (self) time is
// put down to the code it is in, through the bundle's source maps: React rendering (react-dom),
// Dexie (its transactions and puts), live queries (dexie-react-hooks and Dexie's observability),
// i18n, zod, our own core, device layer and components, the browser's own work ((program): style,
// layout, paint, event dispatch, IndexedDB) and garbage collection. A native function (no script of
// its own) counts for the code that called it. `npm run bench -- profile`.
import path from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { answeringProbe, type AnsweringPage } from './answering.js';
import { bigQuestionnaireKey } from './big-questionnaire.js';
import { log, throttleCpu } from './lib.js';
import { attribute, clockOffset, type Profile } from './profile-attribution.js';
import { profileLoad, type LoadProfile } from './profile-load.js';

export interface TapProfile {
  questionnaire: string;
  cpuThrottling: number;
  taps: number;
  page: AnsweringPage;
  /** From the pointerdown to the first task after the frame that follows the write, mean over the taps. */
  windowMsPerTap: number;
  /** Busy time in those windows (everything sampled but idle and the benchmark's own script), milliseconds, mean over the taps. */
  busyMsPerTap: number;
  /** The benchmark's own script in those windows (the probe), left out of the rest. */
  harnessMsPerTap: number;
  /** Self time by part, share of the busy time, largest first. */
  byPart: { name: string; msPerTap: number; share: number }[];
  /** The busiest functions by self time, with the source they come from. */
  topFunctions: { name: string; msPerTap: number; share: number }[];
}

export interface TapProfileResult {
  profiles: TapProfile[];
  /** A cold load of EDE-Q's first page, ours and the React floor (bench/profile-load.ts). */
  loads?: LoadProfile[];
}

/**
 * Resolves on the next answer row written and then the next frame, without polling (no harness code
 * in the samples). A string: tsx would add `__name` helpers to a function's source.
 */
const waitForWriteAndFrame = `(count) => new Promise((resolve) => {
  const probe = window.__answering;
  const tap = probe.tap;
  const afterFrame = () => requestAnimationFrame(() => setTimeout(() => {
    (window.__profileWindows ??= []).push({ from: tap, to: performance.now() });
    resolve();
  }, 0));
  if (probe.writes.length > count) return afterFrame();
  const push = probe.writes.push.bind(probe.writes);
  probe.writes.push = (...items) => {
    probe.writes.push = push;
    const length = push(...items);
    afterFrame();
    return length;
  };
})`;

export interface Served {
  url: string;
  /** The build it serves, for its source maps. */
  distDir: string;
}

/**
 * A named function that keeps the page busy for 20 ms, sampled many times: where its samples fall
 * in the profile, against the performance.now() it returns, ties the profile's clock to the page's.
 */
export const clockMark = `(function __profileClockMark() {
  const start = performance.now();
  while (performance.now() - start < 20);
  return { start, end: performance.now() };
})()`;

async function profileTaps(
  browser: Browser,
  pageName: AnsweringPage,
  { url, distDir }: Served,
  questionnaire: string,
  rate: number,
  taps: number,
): Promise<TapProfile> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB', hasTouch: true, isMobile: true });
  try {
    await context.addInitScript({ content: answeringProbe });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('label.choice:has(input[type="radio"])').first().waitFor({ timeout: 60_000 });
    const names = await page.evaluate(() => [
      ...new Set([...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.name)),
    ]);
    const options = await page.locator(`input[name="${names[0]}"]`).count();
    await throttleCpu(page, rate);
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const tap = async (n: number) => {
      const name = names[n % names.length]!;
      // Never the last option: in the generated questionnaire it hides later items.
      const option = Math.floor(n / names.length) % Math.max(options - 1, 1);
      const written = await page.evaluate(() => (window as unknown as { __answering: { writes: unknown[] } }).__answering.writes.length);
      // Playwright's checks before a tap run script in the page: done before the profiler starts, then a bare touch.
      const target = page.locator(`label.choice:has(input[name="${name}"])`).nth(option);
      await target.scrollIntoViewIfNeeded();
      const box = await target.boundingBox();
      if (!box) throw new Error(`no box for ${name}`);
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      await page.evaluate(`(${waitForWriteAndFrame})(${written})`);
    };
    // Two unmeasured taps: the response's first row and the code paths warmed, as in answering.
    await tap(0);
    await tap(1);
    // One profile over all the taps: starting the profiler is itself costly (it logs every compiled function).
    // Only the samples from each tap's pointerdown to the first task after the frame that follows its write count.
    await cdp.send('Profiler.start');
    const mark = (await page.evaluate(clockMark)) as { start: number; end: number };
    for (let n = 2; n < taps + 2; n++) await tap(n);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const windows = (await page.evaluate('window.__profileWindows')) as { from: number; to: number }[];
    const windowMs = windows.slice(-taps).reduce((sum, w) => sum + (w.to - w.from), 0);
    const { self, functions, busyUs, harnessUs } = attribute(profile, windows, clockOffset(profile, mark), distDir);
    await cdp.detach();
    const ms = (us: number) => us / 1000 / taps;
    const ranked = (map: Map<string, number>) =>
      [...map.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, msPerTap: ms(us), share: us / busyUs }));
    const result: TapProfile = {
      page: pageName,
      questionnaire,
      cpuThrottling: rate,
      taps,
      windowMsPerTap: windowMs / taps,
      busyMsPerTap: ms(busyUs),
      harnessMsPerTap: ms(harnessUs),
      byPart: ranked(self),
      topFunctions: ranked(functions).slice(0, 15),
    };
    log(
      `profile ${questionnaire}, ${pageName}, at ${rate}×: ${result.busyMsPerTap.toFixed(1)} ms busy of ${result.windowMsPerTap.toFixed(1)} ms per tap; ` +
        result.byPart
          .slice(0, 8)
          .map((p) => `${p.name} ${p.msPerTap.toFixed(1)} ms`)
          .join(', '),
    );
    return result;
  } finally {
    await context.close();
  }
}

/** Ours and the two floors, each questionnaire, the three pages in turn. */
export async function measureTapProfile(browser: Browser, ours: Served, floors: Served, taps = 40, rate = 4): Promise<TapProfileResult> {
  const profiles: TapProfile[] = [];
  for (const q of [
    { name: 'EDE-Q', key: 'ede-q@6.0', floor: 'ede-q' },
    { name: 'generated, with conditions', key: bigQuestionnaireKey, floor: 'bench-300' },
  ]) {
    profiles.push(
      await profileTaps(browser, 'ours', { ...ours, url: `${ours.url}/#/q/${encodeURIComponent(q.key)}/1` }, q.name, rate, taps),
    );
    profiles.push(await profileTaps(browser, 'bare', { ...floors, url: `${floors.url}/bare.html?q=${q.floor}` }, q.name, rate, taps));
    profiles.push(await profileTaps(browser, 'react', { ...floors, url: `${floors.url}/react.html?q=${q.floor}` }, q.name, rate, taps));
  }
  const loads = [
    await profileLoad(browser, 'ours', { ...ours, url: `${ours.url}/#/q/ede-q%406.0/1` }, `${ours.url}/manifest.webmanifest`, rate),
    await profileLoad(browser, 'react', { ...floors, url: `${floors.url}/react.html?q=ede-q` }, `${floors.url}/index.html`, rate),
  ];
  return { profiles, loads };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Alone, against a built app and floors (npx vite build; npx vite build --config bench/floors/vite.config.ts): tsx bench/profile.ts [taps]
  const { launchBrowser, startBenchServer } = await import('./lib.js');
  const { addBigQuestionnaire } = await import('./big-questionnaire.js');
  const server = await startBenchServer(path.resolve('dist'), { prepareApp: addBigQuestionnaire });
  const floorsServer = await startBenchServer(path.resolve('tmp/bench/floors'));
  const browser = await launchBrowser();
  try {
    const result = await measureTapProfile(
      browser,
      { url: server.url, distDir: path.resolve('dist') },
      { url: floorsServer.url, distDir: path.resolve('tmp/bench/floors') },
      Number(process.argv[2] ?? 40),
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await server.stop();
    await floorsServer.stop();
  }
}
