// The network drops in the middle of an upload: before the submission reaches the register, after
// the register stored it but before its answer reaches the device, and in the middle of that
// answer. Once the network is back the register holds exactly one submission and the device says
// it was received.
import net from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import {
  answerDemo,
  claimInPage,
  createOrder,
  phoneContext,
  storedRows,
  storedSubmissions,
  waitForServiceWorker,
  watchForErrors,
  withServerAndBrowser,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((started) => ({ server, browser } = started));

const submissionsUrl = '**/api/submissions';
const received = /^Received by the register/;

interface OutboxSnapshot {
  submissionId: string;
  status: string;
  attempts: number;
  waitingFor: string | null;
  receipt: { receivedAt: string } | null;
}

const outbox = async (page: Page) => (await storedRows(page, 'outbox')) as OutboxSnapshot[];

/** Claims a fresh order on a new phone at `url` and answers its questionnaire up to the review page's Complete. */
async function deviceWithOrder(
  url: string,
  patientRef: string,
): Promise<{ context: BrowserContext; page: Page; orderId: string; errors: string[] }> {
  const { accessCode, orderId } = await createOrder(server, patientRef);
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await claimInPage(page, url, accessCode);
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: 'Start' }).click();
  return { context, page, orderId, errors };
}

async function toOrder(page: Page) {
  await page.getByRole('link', { name: 'To your questionnaires' }).click();
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
}

test('the request never reaches the register: nothing stored, then delivered once when the network is back', async () => {
  const { context, page, orderId, errors } = await deviceWithOrder(server.url, 'faults-net-a');
  let aborted = 0;
  // Covers the page and the service worker (Background Sync) alike.
  await context.route(submissionsUrl, async (route) => {
    aborted++;
    await route.abort('internetdisconnected');
  });
  await answerDemo(page);
  await toOrder(page);
  await expect.poll(() => aborted).toBeGreaterThan(0);
  await expect.poll(async () => (await outbox(page))[0]?.status).toBe('queued');
  await expect.poll(() => page.getByText('Completed – will be sent when you are online').isVisible()).toBe(true);
  expect(await storedSubmissions(server, orderId)).toHaveLength(0);

  // The network comes back (the browser says so); nobody presses anything.
  await context.unroute(submissionsUrl);
  await context.setOffline(true);
  await context.setOffline(false);
  await expect.poll(() => page.getByText(received).isVisible(), { timeout: 60_000 }).toBe(true);
  const stored = await storedSubmissions(server, orderId);
  expect(stored).toHaveLength(1);
  const [row] = await outbox(page);
  expect(row).toMatchObject({ status: 'acknowledged', submissionId: stored[0]?.submissionId });
  expect(row?.receipt?.receivedAt).toBe(stored[0]?.receivedAt);
  expect(errors).toEqual([]);
  await context.close();
});

test('the register stores it but its answer is lost: the retry is acknowledged with the same receipt, stored once', async () => {
  const { context, page, orderId, errors } = await deviceWithOrder(server.url, 'faults-net-b');
  const answers: number[] = [];
  let isCutting = true;
  await context.route(submissionsUrl, async (route) => {
    if (!isCutting) return route.continue();
    // The request goes all the way to the register; its answer never comes back.
    const response = await route.fetch();
    answers.push(response.status());
    await route.abort('connectionreset');
  });
  await answerDemo(page);
  await toOrder(page);
  await expect.poll(() => answers.length).toBeGreaterThan(0);
  expect(answers[0]).toBe(201);
  // The register has it; the device does not know yet and keeps it.
  await expect.poll(async () => (await outbox(page))[0]?.status).toBe('queued');
  expect(await storedSubmissions(server, orderId)).toHaveLength(1);
  expect(await page.getByText(received).isVisible()).toBe(false);

  isCutting = false;
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect.poll(() => page.getByText(received).isVisible(), { timeout: 60_000 }).toBe(true);
  const stored = await storedSubmissions(server, orderId);
  expect(stored).toHaveLength(1);
  const [row] = await outbox(page);
  expect(row).toMatchObject({ status: 'acknowledged', submissionId: stored[0]?.submissionId });
  // The receipt is the register's first one: the time it stored the submission, not the retry's.
  expect(row?.receipt?.receivedAt).toBe(stored[0]?.receivedAt);
  expect(row?.attempts).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
  await context.close();
});

/**
 * A TCP proxy between the browser and the register. It passes everything through, except that the
 * answers to the next `cuts` submission requests are cut off halfway through their body.
 */
function startCuttingProxy(targetPort: number) {
  const state = { cuts: 0, cutDone: 0, submissionRequests: 0 };
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let isCutting = false;
    let pending = Buffer.alloc(0);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (chunk.toString('latin1').startsWith('POST /api/submissions ')) {
        state.submissionRequests++;
        if (state.cuts > 0) {
          state.cuts--;
          isCutting = true;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!isCutting) {
        client.write(chunk);
        return;
      }
      // Wait for the whole header and some of the body, then pass half the body and hang up.
      pending = Buffer.concat([pending, chunk]);
      const headerEnd = pending.indexOf('\r\n\r\n');
      if (headerEnd < 0 || pending.length < headerEnd + 4 + 40) return;
      const bodyStart = headerEnd + 4;
      const length = Number(
        /content-length:\s*(\d+)/i.exec(pending.subarray(0, headerEnd).toString('latin1'))?.[1] ?? pending.length - bodyStart,
      );
      client.write(pending.subarray(0, bodyStart + Math.floor(Math.min(length, pending.length - bodyStart) / 2)), () => {
        state.cutDone++;
        close();
      });
    });
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return {
    state,
    listen: () =>
      new Promise<string>((resolve) =>
        proxy.listen(0, '127.0.0.1', () => {
          const address = proxy.address();
          resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
        }),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}

let proxy: ReturnType<typeof startCuttingProxy>;
let proxyUrl = '';
beforeAll(async () => {
  proxy = startCuttingProxy(Number(new URL(server.url).port));
  proxyUrl = await proxy.listen();
});
afterAll(async () => {
  await proxy?.close();
});

test('the connection breaks in the middle of the answer: the device waits, retries, and it is stored once', async () => {
  const { context, page, orderId, errors } = await deviceWithOrder(proxyUrl, 'faults-net-c');
  proxy.state.cuts = 1;
  await answerDemo(page);
  await toOrder(page);
  await expect.poll(() => proxy.state.cutDone).toBe(1);
  // Half an answer is no answer: the device keeps the submission and says it will try again.
  await expect.poll(async () => (await outbox(page))[0]?.waitingFor).toBe('failure');
  await expect.poll(() => page.getByText('Completed – sending did not work, trying again soon').isVisible()).toBe(true);
  expect(await storedSubmissions(server, orderId)).toHaveLength(1);

  // Nobody presses anything: the app tries again by itself.
  await expect.poll(() => page.getByText(received).isVisible(), { timeout: 60_000 }).toBe(true);
  const stored = await storedSubmissions(server, orderId);
  expect(stored).toHaveLength(1);
  const [row] = await outbox(page);
  expect(row).toMatchObject({ status: 'acknowledged', submissionId: stored[0]?.submissionId });
  expect(row?.receipt?.receivedAt).toBe(stored[0]?.receivedAt);
  expect(proxy.state.submissionRequests).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
  await context.close();
});
