// What every benchmark needs: statistics, a register serving a built app on 127.0.0.1, and
// Debian's chromium started with the browser tests' flags (test/browser/chromium.ts).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readConfig } from '../src/server/config.js';
import { startRegister, type RunningRegister } from '../src/server/start.js';
import { chromiumArgs, findChromium } from '../test/browser/chromium.js';

export interface Summary {
  median: number;
  min: number;
  max: number;
  p95?: number;
  runs: number;
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function summarise(values: number[], withP95 = false): Summary {
  return {
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    ...(withP95 ? { p95: quantile(values, 0.95) } : {}),
    runs: values.length,
  };
}

export const staffToken = 'benchmark-staff-token-0123456789abcdef';

export interface BenchServer {
  url: string;
  running: RunningRegister;
  staff: (method: 'GET' | 'POST', apiPath: string, body?: unknown) => Promise<{ status: number; json: unknown }>;
  stop: () => Promise<void>;
}

/** Above what a benchmark sends from one device in a minute: it measures receiving, not the per-device limit. */
export const benchSubmissionsPerMinute = 1_000_000;

/** The real register (startRegister) on a fresh data folder, serving a private copy of `appDir`. */
export async function startBenchServer(
  appDir: string,
  options: { prepareApp?: (dir: string) => Promise<void>; logLevel?: 'warn' | 'silent' } = {},
): Promise<BenchServer> {
  const servedDir = await mkdtemp(path.join(tmpdir(), 'eprom-bench-app-'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-bench-data-'));
  await cp(appDir, servedDir, { recursive: true });
  await options.prepareApp?.(servedDir);
  // The delivery benchmark sends a thousand submissions from one device key: no per-device limit in the way.
  const env = {
    LOG_LEVEL: options.logLevel ?? 'warn',
    STAFF_TOKEN: staffToken,
    SUBMISSIONS_PER_DEVICE_PER_MINUTE: String(benchSubmissionsPerMinute),
  };
  const config = { ...readConfig(env), appDir: servedDir, dataDir, port: 0 };
  const running = await startRegister(config);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const address = running.app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the register has no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    running,
    staff: async (method, apiPath, body) => {
      const response = await fetch(url + apiPath, {
        method,
        headers: { Authorization: `Bearer ${staffToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    stop: async () => {
      await running.app.close();
      await rm(servedDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const chromiumPath = (): string => findChromium();

/** Loopback only: everything else is refused by the browser itself. */
export const benchChromiumArgs = [...chromiumArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: benchChromiumArgs });
}

export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

export async function jsHeapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
}

/** Requests a page makes to anything but 127.0.0.1 (there should be none). */
export function watchThirdParty(page: Page, into: string[]): void {
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') into.push(request.url());
  });
}

export const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
