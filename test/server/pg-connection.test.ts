// The register on PostgreSQL when connections are lost: the server ends them, the network cuts
// them mid-query, the database cannot be reached, a COMMIT's answer never arrives. The process must
// not crash; work is tried again on a fresh connection (and recognised when it had committed);
// while the database does not answer, /api/health and the API say 503, and both recover with it.
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { freshDatabase } from './postgres.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, testStore, type TestRegister } from './setup.js';

const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

/** A TCP proxy in front of PostgreSQL that the test can stop, start, stall and cut. */
interface FaultyProxy {
  port: number;
  /** Stops listening and cuts every connection: the database is unreachable. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Holds back the server's answers until release(). */
  hold(): void;
  release(): void;
  /** Cuts every connection (each side sees its peer vanish). */
  cut(): void;
  /**
   * Once: the next client message containing `text` (after one containing `after`, if given) reaches
   * the server, its answer does not; the connection is then cut.
   */
  loseAnswerTo(text: string, after?: string): void;
  /** Client messages forwarded since the last hold(). */
  forwardedWhileHeld: number;
}

async function startProxy(targetPort: number): Promise<FaultyProxy> {
  const pairs = new Set<{ client: Socket; server: Socket; isMuted: boolean }>();
  let held: { client: Socket; chunk: Buffer }[] | null = null;
  let losing: { text: string; after: string | undefined } | undefined;
  let server: Server;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        const pair = { client, server: upstream, isMuted: false };
        pairs.add(pair);
        const end = () => {
          client.destroy();
          upstream.destroy();
          pairs.delete(pair);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        client.on('data', (chunk: Buffer) => {
          upstream.write(chunk);
          if (held) proxy.forwardedWhileHeld++;
          if (losing?.after !== undefined && chunk.includes(losing.after)) losing.after = undefined;
          else if (losing !== undefined && losing.after === undefined && chunk.includes(losing.text)) {
            losing = undefined;
            pair.isMuted = true;
            // Long enough for the server to have done it; the client hears nothing.
            setTimeout(end, 200);
          }
        });
        upstream.on('data', (chunk: Buffer) => {
          if (pair.isMuted) return;
          if (held) held.push({ client, chunk });
          else client.write(chunk);
        });
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const cut = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.server.destroy();
    }
    pairs.clear();
  };
  const proxy: FaultyProxy = {
    port: await listen(0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        cut();
      }),
    start: async () => {
      await listen(proxy.port);
    },
    hold: () => {
      held = [];
      proxy.forwardedWhileHeld = 0;
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const { client, chunk } of waiting) if (!client.destroyed) client.write(chunk);
    },
    cut,
    loseAnswerTo: (text, after) => {
      losing = { text, after };
    },
    forwardedWhileHeld: 0,
  };
  return proxy;
}

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
    const device = await newDevice();
    const order = await claim(register, (await createOrder(register)).accessCode, device);
    const tokens = await Promise.all(Array.from({ length: 30 }, async () => sealFor(device, order, payloadFor(order))));
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
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: FaultyProxy;
  let register: TestRegister;
  beforeEach(async () => {
    database = await freshDatabase();
    proxy = await startProxy(Number(new URL(database.url).port));
    const url = new URL(database.url);
    url.port = String(proxy.port);
    register = await startTestRegister({ database: { url: url.toString(), drop: async () => undefined } });
  });
  afterEach(async () => {
    await register.close();
    await proxy.stop();
    await database.drop();
  });

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

  test('a COMMIT whose answer is lost: the order is created once and the retry recognises it', async () => {
    proxy.loseAnswerTo('COMMIT');
    const created = await createOrder(register);
    const orders = await register.staff('GET', '/api/orders');
    expect(orders.json.orders).toEqual([expect.objectContaining({ id: created.order.id })]);
  });

  test('a submission whose INSERT answer is lost: stored once, and the device gets the receipt it would have got', async () => {
    const device = await newDevice();
    const order = await claim(register, (await createOrder(register)).accessCode, device);
    const token = await sealFor(device, order, payloadFor(order));
    proxy.loseAnswerTo('INSERT INTO submissions');
    const sent = await register.post('/api/submissions', { token });
    expect([200, 201]).toContain(sent.status);
    const again = await register.post('/api/submissions', { token });
    expect([again.status, again.json]).toEqual([200, sent.json]);
    expect(await register.store.countSubmissions()).toBe(1);
  });

  test('a claim whose COMMIT answer is lost: the device has the order, and another device is refused', async () => {
    const device = await newDevice();
    const { accessCode } = await createOrder(register);
    proxy.loseAnswerTo('COMMIT', 'UPDATE orders SET device_key');
    await claim(register, accessCode, device);
    const other = await register.post('/api/claim', { code: accessCode, deviceKey: (await newDevice()).publicJwk });
    expect([other.status, other.json.error]).toEqual([409, 'orderClaimed']);
  });
});
