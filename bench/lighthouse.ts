// 6. Lighthouse (12, its default mobile preset: a mid-range phone, simulated slow 4G and 4× CPU) on
// our app showing EDE-Q and on the SurveyJS page, in Debian's chromium started by chrome-launcher
// with the browser tests' flags (headless, nothing beyond 127.0.0.1): performance and accessibility
// scores, LCP and TBT, runs interleaved, medians.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { benchChromiumArgs, chromiumPath, log, summarise, type Summary } from './lib.js';
import type { Target } from './load.js';

interface Sample {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
}

export interface LighthouseSide {
  performance: Summary;
  accessibility: Summary;
  lcpMs: Summary;
  tbtMs: Summary;
  /** Accessibility audits that failed in any run, by id. */
  failedAccessibilityAudits: string[];
}

export interface LighthouseResult {
  version: string;
  formFactor: string;
  throttlingMethod: string;
  runs: number;
  ours: LighthouseSide;
  surveyjs: LighthouseSide;
}

/** Lighthouse could not record the run (NO_NAVSTART and the like: "Please run Lighthouse again"). */
class LighthouseRunError extends Error {}

/** Tries a run Lighthouse could not record twice more, each in a fresh browser, before giving up. */
const attemptsPerRun = 3;

async function audit(
  port: number,
  url: string,
  failed: Set<string>,
): Promise<{ sample: Sample; version: string; formFactor: string; throttlingMethod: string }> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new LighthouseRunError(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  for (const ref of lhr.categories.accessibility?.auditRefs ?? []) {
    const item = lhr.audits[ref.id];
    if (ref.weight > 0 && item && item.score !== null && item.score < 1) failed.add(ref.id);
  }
  return {
    sample: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      lcpMs: numeric('largest-contentful-paint'),
      tbtMs: numeric('total-blocking-time'),
    },
    version: lhr.lighthouseVersion,
    formFactor: lhr.configSettings.formFactor,
    throttlingMethod: lhr.configSettings.throttlingMethod,
  };
}

const side = (samples: Sample[], failed: Set<string>): LighthouseSide => ({
  performance: summarise(samples.map((s) => s.performance)),
  accessibility: summarise(samples.map((s) => s.accessibility)),
  lcpMs: summarise(samples.map((s) => s.lcpMs)),
  tbtMs: summarise(samples.map((s) => s.tbtMs)),
  failedAccessibilityAudits: [...failed].sort(),
});

export async function measureLighthouse(ours: Target, surveyjs: Target, runs = 3): Promise<LighthouseResult> {
  // A fresh browser per run: Lighthouse resets storage, but the HTTP cache of a long-lived one would warm later runs.
  const samples: Record<Target['name'], Sample[]> = { ours: [], surveyjs: [] };
  const failed: Record<Target['name'], Set<string>> = { ours: new Set(), surveyjs: new Set() };
  let about = { version: '', formFactor: '', throttlingMethod: '' };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? [ours, surveyjs] : [surveyjs, ours];
    for (const target of order) {
      for (let attempt = 1; ; attempt++) {
        const chrome = await chromeLauncher.launch({
          chromePath: chromiumPath(),
          chromeFlags: ['--headless=new', ...benchChromiumArgs],
          logLevel: 'silent',
        });
        try {
          const { sample, ...rest } = await audit(chrome.port, target.url, failed[target.name]);
          samples[target.name].push(sample);
          about = rest;
          break;
        } catch (error) {
          if (!(error instanceof LighthouseRunError) || attempt >= attemptsPerRun) throw error;
          log(`${error.message}; run again (${attempt + 1}/${attemptsPerRun})`);
        } finally {
          chrome.kill();
        }
      }
    }
    const last = (name: Target['name']) => samples[name][run]!;
    log(
      `lighthouse run ${run + 1}/${runs}: ours performance ${last('ours').performance}, TBT ${last('ours').tbtMs.toFixed(0)} ms; ` +
        `SurveyJS ${last('surveyjs').performance}, TBT ${last('surveyjs').tbtMs.toFixed(0)} ms`,
    );
  }
  return { ...about, runs, ours: side(samples.ours, failed.ours), surveyjs: side(samples.surveyjs, failed.surveyjs) };
}
