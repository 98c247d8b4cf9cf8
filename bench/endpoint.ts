// The register endpoint as a process of its own (tsx src/server/main.ts, as `npm run serve` starts
// it), pinned to one core with taskset, with its resident memory read from /proc while it works and,
// when asked, a CPU profile (node --cpu-prof) summarised by where the time went.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { freePort } from '../test/server/postgres.js';
import { staffToken } from './lib.js';

export interface Endpoint {
  url: string;
  pid: number;
  /** Resident memory (VmRSS) of the endpoint process now, in bytes. */
  rss: () => number;
  staff: (method: 'GET' | 'POST', apiPath: string, body?: unknown) => Promise<{ status: number; json: unknown }>;
  /** SIGTERM (the endpoint closes and exits, writing its profile), SIGKILL after 10 s. */
  stop: () => Promise<void>;
}

export interface EndpointOptions {
  root: string;
  dataDir: string;
  appDir: string;
  keysFile: string;
  databaseUrl?: string;
  /** The core it runs on (taskset -c); none: wherever the system puts it. */
  cpu?: number;
  cpuProfileDir?: string;
}

export const hasTaskset = (): boolean => os.platform() === 'linux' && existsSync('/usr/bin/taskset');

/** Pins every thread of this process to the given cores (taskset -a -p), e.g. off the endpoint's core while it is loaded. */
export function pinSelf(cores: string): void {
  if (hasTaskset()) execFileSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' });
}

export const allCores = (): string => `0-${os.cpus().length - 1}`;

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the endpoint exited with ${child.exitCode}: ${output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the endpoint did not answer /api/health within 60 s: ${output()}`);
}

export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nodeArgs = [
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    '--import',
    'tsx',
    path.join(options.root, 'src/server/main.ts'),
  ];
  const [command, args] =
    options.cpu !== undefined && hasTaskset()
      ? ['taskset', ['-c', String(options.cpu), process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  const child = spawn(command, args, {
    cwd: options.root,
    // The production log level: one line per stored submission, written to /dev/null.
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_DIR: options.appDir,
      DATA_DIR: options.dataDir,
      QUESTIONNAIRES_DIR: path.join(options.root, 'questionnaires'),
      STAFF_TOKEN: staffToken,
      REGISTER_KEYS_FILE: options.keysFile,
      LOG_LEVEL: 'info',
      // Many submissions from each of few devices: the benchmark measures receiving, not the per-device limit.
      SUBMISSIONS_PER_DEVICE_PER_MINUTE: '1000000',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the endpoint did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    pid,
    rss: () => rssOf(pid),
    staff: async (method, apiPath, body) => {
      const response = await fetch(url + apiPath, {
        method,
        headers: { Authorization: `Bearer ${staffToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    stop,
  };
}

const cpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  startTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** Now on the clock V8's profiler stamps samples with (monotonic, microseconds). */
export const profilerClock = (): number => Number(process.hrtime.bigint() / 1000n);

export interface ProfileShare {
  name: string;
  /** Share of the sampled time the process was not idle, 0–1. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  byPart: ProfileShare[];
  topFunctions: ProfileShare[];
}

/** What the code at a script URL belongs to: a package, a folder of ours, Node itself, or V8's own. */
function partOf(url: string, functionName: string): string {
  if (url === '')
    return functionName === '(garbage collector)'
      ? 'garbage collection'
      : functionName === '(program)'
        ? 'V8 and native (program)'
        : `native ${functionName}`;
  if (url.startsWith('node:')) return `Node ${url.slice(5).split('/').slice(0, -1).join('/') || url.slice(5)}`;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 14).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const source = /\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url);
  return source ? source[1]!.replace(/\.tsx?$/, '') : url;
}

/** Self time of every frame sampled within the window (profilerClock), by package or folder and by function, idle time left out. */
export function summariseCpuProfile(dir: string, window: { from: number; to: number }): ProfileSummary | undefined {
  const file = existsSync(dir) ? readdirSync(dir).find((name) => name.endsWith('.cpuprofile')) : undefined;
  if (!file) return undefined;
  const profile = cpuProfile.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (!frame || frame.functionName === '(idle)' || at < window.from || at > window.to) return;
    busy += delta;
    const part = partOf(frame.url, frame.functionName);
    parts.set(part, (parts.get(part) ?? 0) + delta);
    const where = frame.url.startsWith('node:') ? frame.url : part;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + delta);
  });
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => ({ name, share: time / busy }));
  return { busyMs: busy / 1000, byPart: top(parts, 12), topFunctions: top(functions, 12) };
}
