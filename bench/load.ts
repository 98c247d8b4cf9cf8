// 2. Load, side by side: our app showing EDE-Q from its own definition and SurveyJS showing the same
// EDE-Q, cold (a fresh browser context: no HTTP cache, no service worker) and warm (the same context
// loading the page again), with 4× CPU throttling, runs interleaved ours/SurveyJS.
//
// "The first question can be answered" = the first radio button of the first question page is in
// the DOM, laid out visible (checkVisibility) and not disabled, seen by a MutationObserver in the
// page itself (no round-trip to the benchmark). Ours opens the practice route #/q/ede-q%406.0, which
// shows the questionnaire's introduction; the page script presses "Start" (or "Continue") the
// moment it appears, so our time includes the introduction and the press. SurveyJS starts on page 1.
//
// From the same screen (issue 19): ours is also opened directly at its first page (#/q/ede-q%406.0/1,
// a real patient route: no introduction, the response started on opening), beside SurveyJS on page 1
// and the bare React floor (bench/floors/react.html?q=ede-q) showing the same first page, and the
// stack floor (bench/floors/stack.html?q=ede-q): that page once its data is fetched and checked with
// zod, IndexedDB opened and read with Dexie and i18next started, the least the design card's stack costs.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jsHeapUsed, log, summarise, throttleCpu, watchThirdParty, type Summary } from './lib.js';

export interface Target {
  name: 'ours' | 'surveyjs';
  url: string;
}

/** ours = through the introduction; oursFirstPage = #/q/<key>/1; react = the bare React floor; stack = the stack floor. */
export type LoadTargetName = 'ours' | 'oursFirstPage' | 'surveyjs' | 'react' | 'stack';

export interface LoadTarget {
  name: LoadTargetName;
  url: string;
}

interface Sample {
  firstRadioMs: number;
  heapBytes: number;
  longTaskMs: number;
}

export interface LoadSide {
  cold: Record<keyof Sample, Summary>;
  warm: Record<keyof Sample, Summary>;
}

/** One way of opening ours against the floor and SurveyJS, each run's pair taken in turn. */
export interface SameScreenRatios {
  oursOverReact: { cold: Summary; warm: Summary };
  /** Against the stack floor (absent in results from before it). */
  oursOverStack?: { cold: Summary; warm: Summary };
  surveyjsOverOurs: { cold: Summary; warm: Summary };
}

export interface LoadResult {
  cpuThrottling: number;
  runs: number;
  ours: LoadSide;
  surveyjs: LoadSide;
  /** Ours opened at its first page, and the bare React floor (absent in results from before them). */
  oursFirstPage?: LoadSide;
  react?: LoadSide;
  /** The stack floor (bench/floors/stack.tsx), and it against the bare React floor, each run's pair in turn. */
  stack?: LoadSide;
  stackOverReact?: { cold: Summary; warm: Summary };
  /** SurveyJS / ours (through the introduction), each run's pair taken in turn. */
  ratio: { coldFirstRadio: Summary; warmFirstRadio: Summary; coldHeap: Summary };
  /** First radio: ours through the introduction, and ours at its first page, each against the floor and SurveyJS. */
  sameScreen?: { throughIntroduction: SameScreenRatios; firstPage: SameScreenRatios };
  thirdPartyRequests: string[];
}

/**
 * Runs in the page before any of its scripts. A string, not a function: tsx would add `__name`
 * helpers to a function's source, which do not exist in the page.
 */
export const pageProbe = `(() => {
  const probe = { longTaskMs: 0, firstRadioMs: -1, pressedStart: false };
  window.__bench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTaskMs += entry.duration;
  }).observe({ type: 'longtask', buffered: true });
  let observer = null;
  const check = () => {
    if (probe.firstRadioMs >= 0) return;
    const radio = document.querySelector('input[type="radio"]');
    if (radio && !radio.disabled && radio.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
      probe.firstRadioMs = performance.now();
      observer.disconnect();
      return;
    }
    if (!probe.pressedStart) {
      const start = [...document.querySelectorAll('button')].find((b) => /^(Start|Continue)$/.test((b.textContent || '').trim()));
      if (start && !start.disabled) {
        probe.pressedStart = true;
        start.click();
      }
    }
  };
  observer = new MutationObserver(check);
  const begin = () => {
    if (!document.documentElement) return void setTimeout(begin, 0);
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
    check();
  };
  begin();
})();`;

async function measure(page: Page, url: string): Promise<Sample> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => ((window as unknown as { __bench?: { firstRadioMs: number } }).__bench?.firstRadioMs ?? -1) >= 0,
    undefined,
    {
      timeout: 60_000,
      polling: 100,
    },
  );
  // Let the work that follows the first render settle before reading long tasks and the heap.
  await page.waitForTimeout(1000);
  const probe = await page.evaluate(() => (window as unknown as { __bench: { firstRadioMs: number; longTaskMs: number } }).__bench);
  return { firstRadioMs: probe.firstRadioMs, longTaskMs: probe.longTaskMs, heapBytes: await jsHeapUsed(page) };
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB', hasTouch: true, isMobile: true });
  await context.addInitScript({ content: pageProbe });
  return context;
}

/** One cold load and then one warm load in the same context. */
async function coldAndWarm(
  browser: Browser,
  target: LoadTarget,
  rate: number,
  thirdParty: string[],
): Promise<{ cold: Sample; warm: Sample }> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    watchThirdParty(page, thirdParty);
    await throttleCpu(page, rate);
    const cold = await measure(page, target.url);
    if (target.name === 'ours' || target.name === 'oursFirstPage')
      await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await page.goto('about:blank');
    const warm = await measure(page, target.url);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const summariseSamples = (samples: Sample[]): Record<keyof Sample, Summary> => ({
  firstRadioMs: summarise(samples.map((s) => s.firstRadioMs)),
  heapBytes: summarise(samples.map((s) => s.heapBytes)),
  longTaskMs: summarise(samples.map((s) => s.longTaskMs)),
});

type Pair = { cold: Sample; warm: Sample };

/** Every target cold and warm, `runs` times, interleaved with the order turning each run. */
export async function measureLoad(browser: Browser, targets: LoadTarget[], runs = 5, rate = 4): Promise<LoadResult> {
  const thirdParty: string[] = [];
  // One unmeasured round first, so all start with chromium's own caches equally warm.
  for (const target of targets) await coldAndWarm(browser, target, rate, thirdParty);
  const samples = new Map<LoadTargetName, Pair[]>(targets.map((t) => [t.name, []]));
  const of = (name: LoadTargetName) => samples.get(name) ?? [];
  for (let run = 0; run < runs; run++) {
    // Interleaved, and the order turns, so none always goes first.
    const order = targets.map((_, i) => targets[(i + run) % targets.length]!);
    for (const target of order) of(target.name).push(await coldAndWarm(browser, target, rate, thirdParty));
    log(
      `load run ${run + 1}/${runs} (cold): ${targets.map((t) => `${t.name} ${of(t.name)[run]!.cold.firstRadioMs.toFixed(0)} ms`).join(', ')}`,
    );
  }
  const pairs = (over: LoadTargetName, under: LoadTargetName, pick: (s: Pair) => number) =>
    summarise(of(over).map((o, i) => pick(o) / pick(of(under)[i]!)));
  const side = (name: LoadTargetName): LoadSide => ({
    cold: summariseSamples(of(name).map((s) => s.cold)),
    warm: summariseSamples(of(name).map((s) => s.warm)),
  });
  const has = (name: LoadTargetName) => of(name).length > 0;
  const over = (above: LoadTargetName, below: LoadTargetName) => ({
    cold: pairs(above, below, (s) => s.cold.firstRadioMs),
    warm: pairs(above, below, (s) => s.warm.firstRadioMs),
  });
  const ratios = (ours: LoadTargetName): SameScreenRatios => ({
    oursOverReact: over(ours, 'react'),
    ...(has('stack') ? { oursOverStack: over(ours, 'stack') } : {}),
    surveyjsOverOurs: over('surveyjs', ours),
  });
  return {
    cpuThrottling: rate,
    runs,
    ours: side('ours'),
    surveyjs: side('surveyjs'),
    ...(has('oursFirstPage') ? { oursFirstPage: side('oursFirstPage') } : {}),
    ...(has('react') ? { react: side('react') } : {}),
    ...(has('stack') && has('react') ? { stack: side('stack'), stackOverReact: over('stack', 'react') } : {}),
    ratio: {
      coldFirstRadio: pairs('surveyjs', 'ours', (s) => s.cold.firstRadioMs),
      warmFirstRadio: pairs('surveyjs', 'ours', (s) => s.warm.firstRadioMs),
      coldHeap: pairs('surveyjs', 'ours', (s) => s.cold.heapBytes),
    },
    ...(has('oursFirstPage') && has('react')
      ? { sameScreen: { throughIntroduction: ratios('ours'), firstPage: ratios('oursFirstPage') } }
      : {}),
    thirdPartyRequests: [...new Set(thirdParty)],
  };
}
