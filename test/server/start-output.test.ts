// What `npm start` prints (issue 14, items 6 and 9): with stdout piped, as under a service manager,
// neither the new staff token nor the demo access code reaches it; it says which file holds the
// token instead. In production (NODE_ENV=production, or DEMO_ORDER=false) no demo order is made.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readConfig } from '../../src/server/config.js';
import { tally } from '../reliability-tally.js';
import { freePort } from './postgres.js';

const accessCodePattern = /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/;
const started: { child: ChildProcess; folder: string }[] = [];
afterEach(async () => {
  for (const { child, folder } of started.splice(0)) {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  }
});

/** `tsx src/server/main.ts` with stdout piped; resolves with what it printed once it says it is running. */
async function startPiped(env: Record<string, string> = {}) {
  const folder = await mkdtemp(path.join(tmpdir(), 'eprom-start-'));
  await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>test</title>');
  const [port, dataDir] = [await freePort(), path.join(folder, 'data')];
  const { STAFF_TOKEN: _, DATABASE_URL: __, REGISTER_KEYS_FILE: ___, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, APP_DIR: folder, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, folder });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.join('').includes('Stop it with Ctrl+C')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the register did not start: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const token = (await readFile(path.join(dataDir, 'staff-token'), 'utf8')).trim();
  const orders = await fetch(`http://127.0.0.1:${port}/api/orders`, { headers: { authorization: `Bearer ${token}` } });
  return { text: output.join(''), token, dataDir, orders: ((await orders.json()) as { orders: { id: string }[] }).orders };
}

describe('the start with stdout piped', () => {
  test('prints neither the staff token nor the access code, and says where the token is', async () => {
    const { text, token, dataDir, orders } = await startPiped();
    const leaked = text.includes(token) || accessCodePattern.test(text);
    tally({ kind: 'badInput', suite: 'start-output', name: 'secrets printed to a piped stdout', isRefused: !leaked });
    expect(text).not.toContain(token);
    expect(text).not.toMatch(accessCodePattern);
    expect(text).toContain(`saved in ${path.join(dataDir, 'staff-token')} (not printed: stdout is not a terminal)`);
    expect(text).toContain('its access code is shown only on a terminal');
    expect(text).toContain('npm run order -- create');
    // The first administrator's link: in the data folder, not in the output.
    const adminLink = (await readFile(path.join(dataDir, 'first-admin-link'), 'utf8')).trim();
    expect(adminLink).toMatch(/\/staff\/#\/setup\/[A-Za-z0-9_-]{43}$/);
    expect(text).not.toContain(adminLink.split('/').at(-1));
    expect(text).toContain(`the link for the first administrator is saved in ${path.join(dataDir, 'first-admin-link')}`);
    // Someone trying it still gets the demo order.
    expect(orders.map((order) => order.id)).toEqual(['demo-order']);
  }, 60_000);

  test('in production it makes no demo order', async () => {
    const { text, orders } = await startPiped({ NODE_ENV: 'production' });
    tally({ kind: 'badInput', suite: 'start-output', name: 'demo order in production', isRefused: orders.length === 0 });
    expect(orders).toEqual([]);
    expect(text).not.toContain('demo order');
  }, 60_000);
});

describe('the DEMO_ORDER setting', () => {
  test.each([
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ DEMO_ORDER: 'false' }, false],
    [{ NODE_ENV: 'production', DEMO_ORDER: 'true' }, true],
    [{ NODE_ENV: 'development', DEMO_ORDER: 'true' }, true],
  ])('%o makes a demo order: %s', (env, expected) => {
    expect(readConfig(env).demoOrder).toBe(expected);
  });

  test('anything but true or false is refused', () => {
    expect(() => readConfig({ DEMO_ORDER: 'no' })).toThrow(/DEMO_ORDER/);
  });
});
