// A TCP proxy between a test register and PostgreSQL that the pg-connection*.test.ts files stop,
// start, stall and cut, to lose connections and answers where they choose.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { freshDatabase } from './postgres.js';
import { startTestRegister, type TestRegister } from './setup.js';

/** A TCP proxy in front of PostgreSQL that the test can stop, start, stall and cut. */
export interface FaultyProxy {
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

/** A test register on a fresh database, reached through a proxy; close() stops the register and the proxy and drops the database. */
export async function startProxiedRegister(): Promise<{ proxy: FaultyProxy; register: TestRegister; close: () => Promise<void> }> {
  const database = await freshDatabase();
  const proxy = await startProxy(Number(new URL(database.url).port));
  const url = new URL(database.url);
  url.port = String(proxy.port);
  const register = await startTestRegister({ database: { url: url.toString(), drop: async () => undefined } });
  const close = async () => {
    await register.close();
    await proxy.stop();
    await database.drop();
  };
  return { proxy, register, close };
}
