// Several endpoint instances over one PostgreSQL database, as behind a load balancer: real
// processes (tsx src/server/main.ts) on their own ports, driven over HTTP. This module starts and
// stops them for the instances*.test.ts files and speaks to them as staff and as devices.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { claimResponse, type ClaimResponse } from '../../src/core/index.js';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { freePort, freshDatabase } from './postgres.js';
import { staffToken, type TestDevice } from './setup.js';

export interface Instance {
  url: string;
  process: ChildProcess;
  output: string[];
}

/** What the instances share: a folder with the app and the register keys, and the database. */
interface Shared {
  folder: string;
  keysFile: string;
  databaseUrl: string;
  /** Every instance started, for afterAll to kill. */
  instances: Instance[];
}

async function startInstance({ folder, keysFile, databaseUrl, instances }: Shared): Promise<Instance> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(folder, 'data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REGISTER_KEYS_FILE: keysFile,
      STAFF_TOKEN: staffToken,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      APP_DIR: folder,
      PUBLIC_URL: 'https://register.example',
      LOG_LEVEL: 'warn',
      // The tests speak for many clients through X-Forwarded-For.
      TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { url: `http://127.0.0.1:${port}`, process: child, output: [] };
  child.stdout?.on('data', (chunk: Buffer) => instance.output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => instance.output.push(chunk.toString()));
  instances.push(instance);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the instance exited (${child.exitCode}): ${instance.output.join('')}`);
    try {
      if ((await fetch(`${instance.url}/api/health`)).ok) return instance;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the instance did not start: ${instance.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A fresh database and two instances started together on it before the tests; every instance killed,
 * the database dropped and the folder removed after. startInstance starts one more.
 */
export function useInstances(): { instances: Instance[]; startInstance: () => Promise<Instance> } {
  const instances: Instance[] = [];
  let folder: string | undefined;
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  const start = () => {
    if (!folder || !database) throw new Error('the folder and the database are not ready');
    return startInstance({ folder, keysFile: path.join(folder, 'keys.json'), databaseUrl: database.url, instances });
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'eprom-instances-'));
    await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>test</title>');
    await loadRegisterKeys(folder);
    database = await freshDatabase();
    // Started together: they migrate the empty database once, under the advisory lock.
    await Promise.all([start(), start()]);
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) if (instance.process.exitCode === null) instance.process.kill('SIGKILL');
    await Promise.all(
      instances.map((instance) =>
        instance.process.exitCode === null && instance.process.signalCode === null
          ? new Promise((resolve) => instance.process.once('exit', resolve))
          : undefined,
      ),
    );
    await database?.drop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  return { instances, startInstance: start };
}

export async function call(instance: Instance, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${instance.url}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
export const staff = (instance: Instance, method: 'GET' | 'POST', url: string, body?: unknown) =>
  call(instance, method, url, body, { authorization: `Bearer ${staffToken}` });

export async function newOrder(instance: Instance) {
  const created = await staff(instance, 'POST', '/api/orders', {
    patientRef: 'pseudo-instances',
    questionnaires: ['demo-wellbeing@1'],
    measurementPoint: 'basis',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(created.status).toBe(201);
  return created.json as { order: { id: string }; accessCode: string };
}
export async function claimed(instance: Instance, code: string, device: TestDevice, address: string): Promise<ClaimResponse> {
  const response = await call(instance, 'POST', '/api/claim', { code, deviceKey: device.publicJwk }, { 'x-forwarded-for': address });
  expect(response.status).toBe(200);
  return claimResponse.parse(response.json);
}
export const storedIds = async (instance: Instance, orderId: string) =>
  ((await staff(instance, 'GET', `/api/submissions?orderId=${orderId}`)).json.submissions as { submissionId: string }[]).map(
    (s) => s.submissionId,
  );
