// Where a cold load's time goes (issue 19), beside the tap profile of bench/profile.ts: chromium's
// CPU profiler at 4× from the navigation to the first radio answerable (bench/load.ts's probe), for
// ours at its first page and the bare React floor on the same page, in a fresh browser context. The
// page is first opened on a small file of the same origin (same renderer, so the profiler keeps
// running across the navigation), and the profile's clock is tied to the page's afterwards.
import type { Browser } from 'playwright-core';
import { log, throttleCpu } from './lib.js';
import { pageProbe } from './load.js';
import { attribute, clockOffset, type Profile } from './profile-attribution.js';
import { clockMark, type Served } from './profile.js';

export interface LoadProfile {
  page: 'ours' | 'react';
  cpuThrottling: number;
  /** From the navigation to the first radio answerable, in this (profiled) load. */
  firstRadioMs: number;
  /** Busy time in that window (all but idle and the benchmark's own script). */
  busyMs: number;
  byPart: { name: string; ms: number; share: number }[];
  topFunctions: { name: string; ms: number; share: number }[];
}

export async function profileLoad(
  browser: Browser,
  page: LoadProfile['page'],
  { url, distDir }: Served,
  /** A small file on the same origin that starts nothing. */
  firstUrl: string,
  rate = 4,
): Promise<LoadProfile> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB', hasTouch: true, isMobile: true });
  try {
    await context.addInitScript({ content: pageProbe });
    const tab = await context.newPage();
    await tab.goto(firstUrl);
    await throttleCpu(tab, rate);
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await tab.goto(url, { waitUntil: 'commit' });
    await tab.waitForFunction(
      () => ((window as unknown as { __bench?: { firstRadioMs: number } }).__bench?.firstRadioMs ?? -1) >= 0,
      undefined,
      {
        timeout: 60_000,
        polling: 100,
      },
    );
    const firstRadioMs = await tab.evaluate(() => (window as unknown as { __bench: { firstRadioMs: number } }).__bench.firstRadioMs);
    const mark = (await tab.evaluate(clockMark)) as { start: number; end: number };
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.detach();
    const { self, functions, busyUs } = attribute(profile, [{ from: 0, to: firstRadioMs }], clockOffset(profile, mark), distDir);
    const ranked = (map: Map<string, number>) =>
      [...map.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs }));
    const result: LoadProfile = {
      page,
      cpuThrottling: rate,
      firstRadioMs,
      busyMs: busyUs / 1000,
      byPart: ranked(self),
      topFunctions: ranked(functions).slice(0, 15),
    };
    log(
      `load profile, ${page}, at ${rate}×: first radio ${firstRadioMs.toFixed(0)} ms, ${result.busyMs.toFixed(0)} ms busy; ` +
        result.byPart
          .slice(0, 8)
          .map((p) => `${p.name} ${p.ms.toFixed(0)} ms`)
          .join(', '),
    );
    return result;
  } finally {
    await context.close();
  }
}
