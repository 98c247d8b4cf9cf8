// The register process is killed (SIGKILL) in the middle of a burst of uploads from several phones,
// each with its own order, completing at about the same time, and started again on the same port
// and data folder. Every submission a phone holds a receipt for is in the database after the
// restart, and once the phones reach it again every submission is stored exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  answerDemoPages,
  builtApp,
  claimInPage,
  createOrder,
  launchBrowser,
  phoneContext,
  storedRows,
  storedSubmissions,
  waitForServiceWorker,
  watchForErrors,
} from './harness.js';

const staffToken = 'browser-tests-staff-token-0123456789';
const devices = 4;

let folder = '';
let port = 0;
let url = '';
let register: ChildProcess | null = null;
let output: string[] = [];
let browser: Browser;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/** `tsx src/server/main.ts` as its own process, as `npm start` runs it; resolves once it answers. */
async function startRegisterProcess(): Promise<void> {
  output = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      STAFF_TOKEN: staffToken,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(folder, 'data'),
      APP_DIR: path.join(folder, 'app'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  register = child;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the register exited (${child.exitCode}): ${output.join('')}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the register did not start: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function killRegister(): Promise<void> {
  const child = register;
  register = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const staff = async (method: 'GET' | 'POST', apiPath: string, body?: unknown) => {
  const response = await fetch(url + apiPath, {
    method,
    headers: { Authorization: `Bearer ${staffToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as unknown };
};

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'eprom-crash-'));
  await cp(builtApp, path.join(folder, 'app'), { recursive: true });
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  await startRegisterProcess();
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await killRegister();
  await rm(folder, { recursive: true, force: true });
});

interface OutboxRow {
  submissionId: string;
  status: string;
  receipt: { receivedAt: string } | null;
}

interface Device {
  context: BrowserContext;
  page: Page;
  orderId: string;
  errors: string[];
  acknowledged: number;
}

test('SIGKILL during a burst from several phones: nothing acknowledged is lost, all stored exactly once after the restart', async () => {
  const phones: Device[] = [];
  for (let i = 0; i < devices; i++) {
    const { accessCode, orderId } = await createOrder({ staff }, `faults-crash-${i}`);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const device: Device = { context, page, orderId, errors: watchForErrors(page), acknowledged: 0 };
    context.on('response', (response) => {
      if (response.url().endsWith('/api/submissions') && response.ok()) device.acknowledged++;
    });
    // Half the phones are a little slower, so the kill finds some sent and some not yet.
    if (i % 2 === 1)
      await context.route('**/api/submissions', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 300 * i));
        await route.continue().catch(() => undefined);
      });
    await claimInPage(page, url, accessCode);
    await waitForServiceWorker(page);
    await page.getByRole('link', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await answerDemoPages(page, { complete: false });
    phones.push(device);
  }

  // All complete at about the same time; the register dies as soon as the first answer is out.
  await Promise.all(phones.map((phone) => phone.page.getByRole('button', { name: 'Complete' }).click()));
  await expect.poll(() => phones.some((phone) => phone.acknowledged > 0), { timeout: 30_000, interval: 5 }).toBe(true);
  await killRegister();
  // Nothing more reaches the register until it has been checked.
  for (const phone of phones) await phone.context.setOffline(true);

  // What the phones were told: a submission with a receipt is one the register said it stored.
  const told = new Map<string, string>();
  for (const phone of phones) {
    for (const row of (await storedRows(phone.page, 'outbox')) as OutboxRow[])
      if (row.status === 'acknowledged' && row.receipt) told.set(row.submissionId, row.receipt.receivedAt);
  }
  expect(told.size).toBeGreaterThan(0);

  await startRegisterProcess();
  const storedAfterRestart = new Map<string, string>();
  for (const phone of phones)
    for (const s of await storedSubmissions({ staff }, phone.orderId)) storedAfterRestart.set(s.submissionId, s.receivedAt);
  for (const [submissionId, receivedAt] of told) expect(storedAfterRestart.get(submissionId)).toBe(receivedAt);

  // The network is back: every phone delivers what it still holds, and says so.
  for (const phone of phones) await phone.context.setOffline(false);
  for (const phone of phones) {
    await phone.page.getByRole('link', { name: 'To your questionnaires' }).click();
    await expect.poll(() => phone.page.getByText(/^Received by the register/).isVisible(), { timeout: 60_000 }).toBe(true);
  }
  for (const phone of phones) {
    const stored = await storedSubmissions({ staff }, phone.orderId);
    const rows = (await storedRows(phone.page, 'outbox')) as OutboxRow[];
    expect(stored).toHaveLength(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'acknowledged', submissionId: stored[0]?.submissionId });
    expect(rows[0]?.receipt?.receivedAt).toBe(stored[0]?.receivedAt);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  }
});
