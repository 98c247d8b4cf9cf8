// Several endpoint instances over one PostgreSQL database, as behind a load balancer: real
// processes (tsx src/server/main.ts) on their own ports, driven over HTTP. What must hold across
// instances is decided by the database: one stored submission per id, one device per order, one
// count of failed claims; and an instance killed mid-burst loses nothing it acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { claimResponse, type ClaimResponse } from '../../src/core/index.js';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { freePort, freshDatabase } from './postgres.js';
import { newDevice, payloadFor, sealFor, staffToken, testStore, type TestDevice } from './setup.js';

interface Instance {
  url: string;
  process: ChildProcess;
  output: string[];
}

const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

describeOnPostgres('several endpoint instances over one PostgreSQL', () => {
  let folder: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let keysFile: string;
  const instances: Instance[] = [];

  async function startInstance(): Promise<Instance> {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(folder, 'data-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
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

  async function call(instance: Instance, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${instance.url}${url}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const staff = (instance: Instance, method: 'GET' | 'POST', url: string, body?: unknown) =>
    call(instance, method, url, body, { authorization: `Bearer ${staffToken}` });

  async function newOrder(instance: Instance) {
    const created = await staff(instance, 'POST', '/api/orders', {
      patientRef: 'pseudo-instances',
      questionnaires: ['demo-wellbeing@1'],
      measurementPoint: 'basis',
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    return created.json as { order: { id: string }; accessCode: string };
  }
  async function claimed(instance: Instance, code: string, device: TestDevice, address: string): Promise<ClaimResponse> {
    const response = await call(instance, 'POST', '/api/claim', { code, deviceKey: device.publicJwk }, { 'x-forwarded-for': address });
    expect(response.status).toBe(200);
    return claimResponse.parse(response.json);
  }
  const storedIds = async (instance: Instance, orderId: string) =>
    ((await staff(instance, 'GET', `/api/submissions?orderId=${orderId}`)).json.submissions as { submissionId: string }[]).map(
      (s) => s.submissionId,
    );

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'eprom-instances-'));
    await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>test</title>');
    await loadRegisterKeys(folder);
    keysFile = path.join(folder, 'keys.json');
    database = await freshDatabase();
    // Started together: they migrate the empty database once, under the advisory lock.
    await Promise.all([startInstance(), startInstance()]);
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
    await rm(folder, { recursive: true, force: true });
  });

  test('started together on an empty database, they make one demo order between them', async () => {
    const [a, b] = instances as [Instance, Instance];
    // Each prints its start message once it has looked at the orders (after it began listening).
    while (!instances.every((instance) => instance.output.join('').includes('Stop it with Ctrl+C')))
      await new Promise((resolve) => setTimeout(resolve, 20));
    for (const instance of [a, b]) {
      const orders = (await staff(instance, 'GET', '/api/orders')).json.orders as { id: string; patientRef: string }[];
      expect(orders.filter((order) => order.patientRef === 'demo-patient')).toEqual([expect.objectContaining({ id: 'demo-order' })]);
    }
    expect(
      instances.map((instance) => instance.output.join('')).filter((output) => output.includes('A demo order for trying it out')),
    ).toHaveLength(1);
  });

  test('the same submission posted to both at the same moment is stored once, and both answer with the same receipt', async () => {
    const [a, b] = instances as [Instance, Instance];
    const { order, accessCode } = await newOrder(a);
    const device = await newDevice();
    const claim = await claimed(b, accessCode, device, '10.1.0.1');
    const tokens = await Promise.all(Array.from({ length: 12 }, async () => sealFor(device, claim, payloadFor(claim))));
    for (const token of tokens) {
      const [fromA, fromB] = await Promise.all([
        call(a, 'POST', '/api/submissions', { token }),
        call(b, 'POST', '/api/submissions', { token }),
      ]);
      expect([fromA.status, fromB.status].sort()).toEqual([200, 201]);
      expect(fromA.json.receipt).toBe(fromB.json.receipt);
      expect(fromA.json.submissionId).toBe(fromB.json.submissionId);
    }
    expect((await storedIds(a, order.id)).length).toBe(tokens.length);
  });

  test('two devices claiming the same code on two instances at once: exactly one wins', async () => {
    const [a, b] = instances as [Instance, Instance];
    for (let round = 0; round < 10; round++) {
      const { accessCode } = await newOrder(a);
      const [one, two] = [await newDevice(), await newDevice()];
      const answers = await Promise.all([
        call(a, 'POST', '/api/claim', { code: accessCode, deviceKey: one.publicJwk }, { 'x-forwarded-for': `10.2.${round}.1` }),
        call(b, 'POST', '/api/claim', { code: accessCode, deviceKey: two.publicJwk }, { 'x-forwarded-for': `10.3.${round}.1` }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)?.json.error).toBe('orderClaimed');
    }
  });

  test('failed claims from one address count across instances', async () => {
    const [a, b] = instances as [Instance, Instance];
    const statuses: number[] = [];
    for (let guess = 0; guess < 14; guess++) {
      const instance = guess % 2 === 0 ? a : b;
      const response = await call(
        instance,
        'POST',
        '/api/claim',
        { code: 'ABCD-EFGH-JKMN', deviceKey: (await newDevice()).publicJwk },
        { 'x-forwarded-for': '10.4.0.1' },
      );
      statuses.push(response.status);
    }
    // Ten failures in the window in all, wherever they landed; then every instance refuses.
    expect(statuses.filter((status) => status === 404).length).toBe(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
  });

  test('an instance killed mid-burst while the other goes on: no acknowledged submission is lost', async () => {
    const survivor = instances[1] as Instance;
    const victim = await startInstance();
    const { order, accessCode } = await newOrder(survivor);
    const device = await newDevice();
    const claim = await claimed(victim, accessCode, device, '10.5.0.1');
    const tokens = await Promise.all(Array.from({ length: 40 }, async () => sealFor(device, claim, payloadFor(claim))));
    const acknowledged = new Map<string, string>();
    let failedOnVictim = 0;
    let acknowledgedByVictim = 0;
    const send = async (token: string, index: number) => {
      // As the load balancer would: half to each instance; what the killed one did not answer goes to the other.
      const first = index % 2 === 0 ? victim : survivor;
      for (const instance of first === victim ? [victim, survivor] : [survivor]) {
        try {
          const answer = await call(instance, 'POST', '/api/submissions', { token });
          if (answer.status === 200 || answer.status === 201) {
            acknowledged.set(String(answer.json.submissionId), String(answer.json.receipt));
            if (instance === victim) acknowledgedByVictim++;
            return;
          }
          if (instance === victim && answer.status >= 500) {
            failedOnVictim++;
            continue;
          }
          throw new Error(`${answer.status} ${JSON.stringify(answer.json)}`);
        } catch (error) {
          if (instance !== victim) throw error;
          failedOnVictim++;
        }
      }
    };
    const burst = tokens.map((token, index) => new Promise((resolve) => setTimeout(resolve, index * 25)).then(() => send(token, index)));
    // Killed once it has acknowledged a few, with most of the burst still to come.
    while (acknowledgedByVictim < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    victim.process.kill('SIGKILL');
    await Promise.all(burst);

    // Killed mid-burst: it had acknowledged some, and some it never answered.
    expect(acknowledgedByVictim).toBeGreaterThan(0);
    expect(failedOnVictim).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(tokens.length);
    const stored = (await staff(survivor, 'GET', `/api/submissions?orderId=${order.id}`)).json.submissions as {
      submissionId: string;
      receipt: string;
    }[];
    // Every one acknowledged is stored once, with the receipt the device was given.
    expect(stored.length).toBe(tokens.length);
    expect(new Map(stored.map((s) => [s.submissionId, s.receipt]))).toEqual(acknowledged);
    expect((await fetch(`${survivor.url}/api/health`)).status).toBe(200);
  }, 60_000);
});
