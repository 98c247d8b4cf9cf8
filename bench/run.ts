// npm run bench: builds the app, the SurveyJS page and the tap floors, runs every benchmark, and writes
// bench/results.json, bench/results.md and the README's Benchmarks section (between markers).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import { launchBrowser, log, startBenchServer } from './lib.js';
import { measureAnswering, type AnsweringResult } from './answering.js';
import { addBigQuestionnaire } from './big-questionnaire.js';
import { measureLighthouse, type LighthouseResult } from './lighthouse.js';
import { measureLoad, type LoadResult } from './load.js';
import { measureTapProfile, type TapProfileResult } from './profile.js';
import { renderMarkdown } from './report.js';
import { measureRegister, type RegisterResult } from './register.js';
import { measureExports, type ExportsResult } from './exports.js';
import { measureDelivery, measureSeal, type SealSendResult } from './seal-send.js';
import { measureRoute, measureSize, type SizeResult } from './size.js';

export interface Results {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  chromium: string;
  size?: { ours: SizeResult; surveyjs: { js: SizeResult['patientRoute']['js']; css: SizeResult['patientRoute']['css'] } };
  load?: LoadResult;
  sealSend?: SealSendResult;
  register?: RegisterResult;
  lighthouse?: LighthouseResult;
  answering?: AnsweringResult;
  exports?: ExportsResult;
  profile?: TapProfileResult;
  /** The day each part was measured, where a run of some parts kept the others from earlier runs. */
  measuredOn?: Record<string, string>;
  [section: string]: unknown;
}

const parts = ['size', 'load', 'sealSend', 'lighthouse', 'answering', 'profile', 'register', 'exports'] as const;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const surveyJsDir = path.join(root, 'tmp/bench/surveyjs');
const floorsDir = path.join(root, 'tmp/bench/floors');
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);

function run(command: string, args: string[]) {
  log(`${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

function machineOf(browser: Browser): Pick<Results, 'machine' | 'chromium'> {
  return {
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    chromium: browser.version(),
  };
}

/** The benchmarks in a browser against the built app, the SurveyJS page and the floors, each on a server of its own. */
async function measureInBrowser(browser: Browser, results: Results): Promise<void> {
  // Ours with the generated 300-item questionnaire beside the shipped ones (for answering).
  const ours = await startBenchServer(path.join(root, 'dist'), { prepareApp: addBigQuestionnaire });
  const surveyjs = await startBenchServer(surveyJsDir);
  const floors = await startBenchServer(floorsDir);
  try {
    if (wanted('load')) {
      log('load, side by side: ours through the introduction and at its first page, SurveyJS, the bare React and stack floors');
      results.load = await measureLoad(browser, [
        { name: 'ours', url: `${ours.url}/#/q/ede-q%406.0` },
        { name: 'oursFirstPage', url: `${ours.url}/#/q/ede-q%406.0/1` },
        { name: 'surveyjs', url: `${surveyjs.url}/` },
        { name: 'react', url: `${floors.url}/react.html?q=ede-q` },
        { name: 'stack', url: `${floors.url}/stack.html?q=ede-q` },
      ]);
    }
    if (wanted('lighthouse')) {
      log('lighthouse, mobile preset');
      results.lighthouse = await measureLighthouse(
        { name: 'ours', url: `${ours.url}/#/q/ede-q%406.0/1` },
        { name: 'surveyjs', url: `${surveyjs.url}/` },
      );
    }
    if (wanted('answering')) {
      log('answering: tap to IndexedDB and input latency, ours and the two floors');
      results.answering = await measureAnswering(browser, ours.url, floors.url);
    }
    if (wanted('profile')) {
      log('profile: where a tap goes in ours at 4× CPU');
      results.profile = await measureTapProfile(
        browser,
        { url: ours.url, distDir: path.join(root, 'dist') },
        { url: floors.url, distDir: floorsDir },
      );
    }
    if (wanted('seal')) {
      log('sealing and sending');
      const sealMs = await measureSeal(root);
      const sender = await startBenchServer(path.join(root, 'dist'), { logLevel: 'silent' });
      try {
        results.sealSend = { sealMs, deliver: await measureDelivery(root, sender) };
      } finally {
        await sender.stop();
      }
    }
  } finally {
    await browser.close();
    await ours.stop();
    await surveyjs.stop();
    await floors.stop();
  }
}

/** bench/results.json and .md, and the README's Benchmarks section between its markers. */
/** A run of some parts (npm run bench -- size load) keeps the other parts' last results, each with its day. */
function withEarlierParts(results: Results): Results {
  const file = path.join(root, 'bench/results.json');
  if (only.size === 0 || !existsSync(file)) return results;
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const merged: Results = { ...results, measuredOn: {} };
  for (const part of parts) {
    if (results[part] !== undefined) merged.measuredOn![part] = results.date;
    else if (earlier[part] !== undefined) {
      Object.assign(merged, { [part]: earlier[part] });
      merged.measuredOn![part] = earlier.measuredOn?.[part] ?? earlier.date;
    }
  }
  return merged;
}

function writeResults(measured: Results): void {
  const results = withEarlierParts(measured);
  writeFileSync(path.join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  const markdown = renderMarkdown(results);
  writeFileSync(path.join(root, 'bench/results.md'), markdown);
  const readmePath = path.join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (readme.includes(start) && readme.includes(end)) {
    const before = readme.slice(0, readme.indexOf(start) + start.length);
    const after = readme.slice(readme.indexOf(end));
    writeFileSync(readmePath, `${before}\n${markdown}${after}`);
  } else log('README.md has no bench markers: the table is only in bench/results.md');
}

async function main() {
  const started = Date.now();
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  run('npx', ['vite', 'build', '--config', 'bench/surveyjs/vite.config.ts']);
  run('npx', ['vite', 'build', '--config', 'bench/floors/vite.config.ts']);

  const browser = await launchBrowser();
  const results: Results = { date: new Date().toISOString(), ...machineOf(browser) };

  if (wanted('size')) {
    log('size');
    const surveyjs = measureRoute(surveyJsDir);
    results.size = { ours: measureSize(path.join(root, 'dist')), surveyjs: { js: surveyjs.js, css: surveyjs.css } };
  }
  await measureInBrowser(browser, results);

  // Last and alone: the endpoint gets a core of its own, the load generator the rest.
  if (wanted('register')) {
    log('register under load (SQLite, PostgreSQL, a profiled run) and the cryptographic ceiling');
    results.register = await measureRegister(root);
  }

  // One million submissions per store: minutes (BENCH_EXPORT_COUNT sets fewer).
  if (wanted('exports')) {
    log('exports: one million submissions per store, CSV, JSON and FHIR, time and peak memory');
    results.exports = await measureExports(root);
  }

  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  writeResults(results);
  log(`done in ${results.durationSeconds} s`);
}

await main();
