// 5. The register under load: sealed EDE-Q submissions from many simulated devices, received,
// decrypted, verified, validated, scored and stored by the endpoint running as its own process on
// one core (SQLite, then PostgreSQL), fired over HTTP keep-alive by 16 concurrent clients from this
// process (kept off the endpoint's core). Every answer is checked (status, receipt signed by the
// register's receipt key, for the submission sent) and the rows counted afterwards. Beside it, the
// cryptographic ceiling on the same core: how many submissions per second the endpoint's own crypto
// path opens, verifies and signs a receipt for (bench/register-crypto.ts), and jose's figures beside it.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadRegisterKeys } from '../src/server/keys.js';
import { allCores, hasTaskset, pinSelf, profilerClock, startEndpoint, summariseCpuProfile, type ProfileSummary } from './endpoint.js';
import { log, quantile, summarise, type Summary } from './lib.js';
import { startBenchPostgres } from './postgres.js';
import { ceilingAnswer, type cryptoSample } from './register-crypto.js';
import { checkAnswers, cpuSecondsOf, fire, prepare, storedIds, type Answer, type Sealed } from './register-load.js';
import type { z } from 'zod';

export interface RegisterRun {
  store: 'sqlite' | 'postgres';
  submissions: number;
  warmUp: number;
  concurrency: number;
  devices: number;
  seconds: number;
  perSecond: number;
  /** CPU time (user + system, all its threads) the endpoint used while the measured submissions were fired. */
  cpuSeconds: number;
  /** submissions / cpuSeconds: what one core of its own would store per second; steadier than perSecond on a shared machine. */
  perCpuSecond: number;
  latencyMs: Summary;
  /** VmRSS of the endpoint, sampled every 100 ms while the measured submissions were fired. */
  rssBytes: Summary;
  rssBeforeBytes: number;
  statuses: Record<string, number>;
  receiptsVerified: number;
  rowsStored: number;
  /** Rows whose submission id or token appears more than once, or that were not sent: there should be none. */
  storedTwice: number;
  allAcknowledged: boolean;
}

export interface RegisterResult {
  /** The core the endpoint ran on (taskset), or null when it was not pinned. */
  endpointCpu: number | null;
  /**
   * perSecond: what the endpoint's own crypto path (src/server/jose-sync.ts) does per CPU-second (one
   * core of its own), decrypt, verify and the receipt's signature in a row, measured together; each
   * alone beside it. jose: the same operations with jose (WebCrypto), the path used before, for reference;
   * its perSecond = 1/(1/decrypt + 1/verify) and withReceiptPerSecond adds the signature.
   */
  ceiling: {
    perSecond: number;
    sync: { decryptPerSecond: number; verifyPerSecond: number; signPerSecond: number; withoutReceiptPerSecond: number };
    jose: { decryptPerSecond: number; verifyPerSecond: number; signPerSecond: number; perSecond: number; withReceiptPerSecond: number };
  };
  sqlite?: RegisterRun;
  postgres?: RegisterRun | { skipped: string };
  /** A shorter run on SQLite under node --cpu-prof: where the endpoint's time went. */
  profile?: ProfileSummary & { submissions: number; perSecond: number };
}

interface RunOptions {
  root: string;
  store: 'sqlite' | 'postgres';
  databaseUrl?: string;
  keysFile: string;
  appDir: string;
  cpu: number | undefined;
  submissions: number;
  warmUp: number;
  devices: number;
  concurrency: number;
  cpuProfileDir?: string;
}

async function runOnce(options: RunOptions): Promise<{ run: RegisterRun; samples: Sealed[]; loadWindow: { from: number; to: number } }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'eprom-bench-register-'));
  const endpoint = await startEndpoint({
    root: options.root,
    dataDir,
    appDir: options.appDir,
    keysFile: options.keysFile,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.cpu !== undefined ? { cpu: options.cpu } : {}),
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
  });
  try {
    const total = options.warmUp + options.submissions;
    log(`register (${options.store}): preparing ${total} sealed EDE-Q submissions from ${options.devices} devices`);
    const prepared = await prepare(endpoint, total, options.devices);
    const warmUp = prepared.slice(0, options.warmUp);
    const measured = prepared.slice(options.warmUp);
    // The load generator keeps off the endpoint's core.
    if (options.cpu !== undefined) pinSelf(`0-${options.cpu - 1}`);
    let fired: Awaited<ReturnType<typeof fire>>;
    let warmAnswers: Answer[];
    const rss: number[] = [];
    let rssBefore: number;
    let loadWindow = { from: 0, to: 0 };
    let cpuSeconds = Number.NaN;
    try {
      warmAnswers = (await fire(endpoint.url, warmUp, options.concurrency)).answers;
      rssBefore = endpoint.rss();
      const sampler = setInterval(() => rss.push(endpoint.rss()), 100);
      const from = profilerClock();
      const cpuBefore = cpuSecondsOf(endpoint.pid);
      try {
        fired = await fire(endpoint.url, measured, options.concurrency);
      } finally {
        clearInterval(sampler);
      }
      cpuSeconds = cpuSecondsOf(endpoint.pid) - cpuBefore;
      loadWindow = { from, to: profilerClock() };
    } finally {
      if (options.cpu !== undefined) pinSelf(allCores());
    }
    const { statuses, receiptsVerified } = await checkAnswers([...warmAnswers, ...fired.answers], prepared);
    await endpoint.stop();
    const rows = await storedIds(dataDir, options.databaseUrl);
    const sentIds = new Set(prepared.map((s) => s.submissionId));
    const ids = new Set(rows.map((r) => r.submissionId));
    const hashes = new Set(rows.map((r) => r.tokenHash));
    const storedTwice = rows.length - ids.size + (rows.length - hashes.size) + rows.filter((r) => !sentIds.has(r.submissionId)).length;
    const latencies = fired.answers.map((a) => a.ms).filter((ms) => Number.isFinite(ms));
    const run: RegisterRun = {
      store: options.store,
      submissions: measured.length,
      warmUp: warmUp.length,
      concurrency: options.concurrency,
      devices: options.devices,
      seconds: fired.seconds,
      perSecond: measured.length / fired.seconds,
      cpuSeconds,
      perCpuSecond: measured.length / cpuSeconds,
      latencyMs: { ...summarise(latencies, true), median: quantile(latencies, 0.5) },
      rssBytes: summarise(rss.filter((n) => Number.isFinite(n))),
      rssBeforeBytes: rssBefore,
      statuses,
      receiptsVerified,
      rowsStored: rows.length,
      storedTwice,
      allAcknowledged: receiptsVerified === prepared.length && rows.length === prepared.length && ids.size === sentIds.size,
    };
    log(
      `register (${options.store}): ${run.perSecond.toFixed(0)}/s (${run.perCpuSecond.toFixed(0)} per CPU-second of the endpoint), p50 ${run.latencyMs.median.toFixed(1)} ms, p95 ${(run.latencyMs.p95 ?? 0).toFixed(1)} ms, ` +
        `RSS ${(run.rssBytes.max / 2 ** 20).toFixed(0)} MB, ${run.receiptsVerified}/${prepared.length} receipts, ${run.rowsStored} rows`,
    );
    return { run, samples: prepared.slice(0, 500), loadWindow };
  } finally {
    await endpoint.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureCeiling(
  root: string,
  samples: Sealed[],
  keysFile: string,
  cpu: number | undefined,
  seconds: number,
): Promise<RegisterResult['ceiling']> {
  const file = path.join(path.dirname(keysFile), 'crypto-samples.json');
  await writeFile(
    file,
    JSON.stringify(samples.map((s) => ({ token: s.token, deviceKey: s.deviceKey }) satisfies z.input<typeof cryptoSample>)),
  );
  const nodeArgs = ['--import', 'tsx', path.join(root, 'bench/register-crypto.ts'), file, keysFile, String(seconds)];
  const [command, args] =
    cpu !== undefined ? ['taskset', ['-c', String(cpu), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const output = execFileSync(command, args, { cwd: root, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'inherit'] });
  const { sync, jose } = ceilingAnswer.parse(JSON.parse(output.trim().split('\n').at(-1) ?? ''));
  const ceiling: RegisterResult['ceiling'] = {
    perSecond: sync.allPerSecond,
    sync: {
      decryptPerSecond: sync.decryptPerSecond,
      verifyPerSecond: sync.verifyPerSecond,
      signPerSecond: sync.signPerSecond,
      withoutReceiptPerSecond: 1 / (1 / sync.decryptPerSecond + 1 / sync.verifyPerSecond),
    },
    jose: {
      ...jose,
      perSecond: 1 / (1 / jose.decryptPerSecond + 1 / jose.verifyPerSecond),
      withReceiptPerSecond: 1 / (1 / jose.decryptPerSecond + 1 / jose.verifyPerSecond + 1 / jose.signPerSecond),
    },
  };
  const rates = ({ decryptPerSecond, verifyPerSecond, signPerSecond }: typeof jose) =>
    `decrypt ${decryptPerSecond.toFixed(0)}/s, verify ${verifyPerSecond.toFixed(0)}/s, sign ${signPerSecond.toFixed(0)}/s`;
  log(`crypto ceiling (jose-sync, the endpoint's path): ${rates(sync)}, all three ${ceiling.perSecond.toFixed(0)}/s`);
  log(
    `crypto ceiling (jose, for reference): ${rates(jose)}, decrypt+verify ${ceiling.jose.perSecond.toFixed(0)}/s, with the receipt ${ceiling.jose.withReceiptPerSecond.toFixed(0)}/s`,
  );
  return ceiling;
}

export interface RegisterOptions {
  submissions?: number;
  warmUp?: number;
  devices?: number;
  concurrency?: number;
  postgres?: boolean;
  profile?: boolean;
  ceilingSeconds?: number;
}

export async function measureRegister(root: string, options: RegisterOptions = {}): Promise<RegisterResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'eprom-bench-register-keys-'));
  try {
    const appDir = path.join(work, 'app');
    await mkdir(appDir);
    await writeFile(path.join(appDir, 'index.html'), '<!doctype html><title>bench</title>');
    // One keys file for every run and the ceiling: PostgreSQL requires configured keys, SQLite takes them too.
    await loadRegisterKeys(work);
    const keysFile = path.join(work, 'keys.json');
    const cpu = hasTaskset() && os.cpus().length > 1 ? os.cpus().length - 1 : undefined;
    const common = {
      root,
      keysFile,
      appDir,
      cpu,
      submissions: options.submissions ?? 3000,
      warmUp: options.warmUp ?? 300,
      devices: options.devices ?? 100,
      concurrency: options.concurrency ?? 16,
    };
    const sqlite = await runOnce({ ...common, store: 'sqlite' });
    const ceiling = await measureCeiling(root, sqlite.samples, keysFile, cpu, options.ceilingSeconds ?? 3);
    const result: RegisterResult = { endpointCpu: cpu ?? null, ceiling, sqlite: sqlite.run };
    if (options.postgres !== false) {
      const cluster = await startBenchPostgres();
      if ('skipped' in cluster) result.postgres = { skipped: cluster.skipped };
      else {
        try {
          result.postgres = (await runOnce({ ...common, store: 'postgres', databaseUrl: await cluster.freshDatabase() })).run;
        } finally {
          cluster.stop();
        }
      }
    }
    if (options.profile !== false) {
      const cpuProfileDir = path.join(work, 'profile');
      const profiled = await runOnce({
        ...common,
        store: 'sqlite',
        submissions: Math.min(common.submissions, 1000),
        warmUp: 100,
        cpuProfileDir,
      });
      const summary = summariseCpuProfile(cpuProfileDir, profiled.loadWindow);
      if (summary) result.profile = { ...summary, submissions: profiled.run.submissions, perSecond: profiled.run.perSecond };
    }
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
