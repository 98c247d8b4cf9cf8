// The register on PostgreSQL when connections are lost: the server ends them, the network cuts
// them mid-query, the database cannot be reached. The process must not crash; work is tried again
// on a fresh connection; while the database does not answer, /api/health and the API say 503, and
// both recover with it. (Answers lost after the work was done: pg-connection-lost-answers.test.ts.)
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startProxiedRegister, type FaultyProxy } from './faulty-proxy.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, testStore, type TestRegister } from './setup.js';

const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeOnPostgres('connections terminated by the server (pg_terminate_backend)', () => {
  let register: TestRegister;
  beforeEach(async () => {
    register = await startTestRegister();
  });
  afterEach(async () => register.close());

  async function terminateRegisterConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: register.databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  test('idle connections ended: the next requests work on fresh ones, and the loss is logged', async () => {
    const device = await newDevice();
    const order = await claim(register, (await createOrder(register)).accessCode, device);
    // Several connections in the pool.
    await Promise.all(Array.from({ length: 5 }, () => register.staff('GET', '/api/orders')));
    expect(await terminateRegisterConnections()).toBeGreaterThan(0);

    const sent = await register.post('/api/submissions', { token: await sealFor(device, order, payloadFor(order)) });
    expect(sent.status).toBe(201);
    expect((await register.staff('GET', '/api/orders')).status).toBe(200);
    expect((await register.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await until(() => register.logs.some((line) => line.includes('a database connection was lost')), 'the log line');
  });

  test('ended in the middle of a burst of submissions: each is stored once and every device gets its receipt', async () => {
    // Thirty orders (an order's questionnaire takes one submission), from three devices (each under its per-minute limit).
    const devices = await Promise.all(Array.from({ length: 3 }, () => newDevice()));
    const tokens: string[] = [];
    for (let i = 0; i < 30; i++) {
      const device = devices[i % devices.length] as (typeof devices)[number];
      const order = await claim(register, (await createOrder(register)).accessCode, device);
      tokens.push(await sealFor(device, order, payloadFor(order)));
    }
    const burst = Promise.all(tokens.map((token) => register.post('/api/submissions', { token })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await terminateRegisterConnections();
    const answers = await burst;
    // A request that failed three times on lost connections would be a 503; the client would send it again.
    const stored = answers.filter((answer) => answer.status === 201);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 503)).toBe(true);
    expect(stored.length).toBeGreaterThanOrEqual(28);
    // Everything sent again, as outboxes do: the stored ones answer with the receipts already given.
    const again = await Promise.all(tokens.map((token) => register.post('/api/submissions', { token })));
    answers.forEach((answer, index) => {
      if (answer.status === 201) expect(again[index]?.json).toEqual(answer.json);
    });
    expect(again.every((answer) => answer.status === 200 || answer.status === 201)).toBe(true);
    expect(await register.store.countSubmissions()).toBe(30);
  });
});

describeOnPostgres('through a proxy that stops, stalls and cuts', () => {
  let proxy: FaultyProxy;
  let register: TestRegister;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ proxy, register, close } = await startProxiedRegister());
  });
  afterEach(async () => close());

  const health = async () => {
    const response = await register.app.inject({ method: 'GET', url: '/api/health' });
    return { status: response.statusCode, body: response.json() as unknown };
  };

  test('the database unreachable: health and the API answer 503 (with Retry-After), nothing crashes, and all recovers', async () => {
    const device = await newDevice();
    const order = await claim(register, (await createOrder(register)).accessCode, device);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });

    await proxy.stop();
    expect(await health()).toEqual({ status: 503, body: { status: 'unavailable' } });
    const token = await sealFor(device, order, payloadFor(order));
    const refused = await register.app.inject({
      method: 'POST',
      url: '/api/submissions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token }),
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({
      error: 'unavailable',
      message: "The register's database does not answer; try again shortly",
      retryAfterSeconds: 5,
    });
    const staff = await register.staff('GET', '/api/orders');
    expect(staff.status).toBe(503);
    expect(register.logs.join('')).toContain('the database does not answer');

    await proxy.start();
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await register.post('/api/submissions', { token })).status).toBe(201);
    expect(await register.store.countSubmissions()).toBe(1);
  });

  test('a connection cut while a query waits for its answer: the process lives and the request is answered on a fresh one', async () => {
    await createOrder(register);
    proxy.hold();
    const listing = register.staff('GET', '/api/orders');
    await until(() => proxy.forwardedWhileHeld > 0, 'the query to reach the server');
    proxy.cut();
    proxy.release();
    const answer = await listing;
    expect(answer.status).toBe(200);
    expect(answer.json.orders).toHaveLength(1);
  });
});
