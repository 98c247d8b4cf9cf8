// What every browser test needs: the production build served by the real server on a free port,
// and a fresh headless chromium.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../../src/server/config.js';
import { startRegister } from '../../src/server/start.js';
import { chromiumArgs, findChromium } from './chromium.js';

export const builtApp = path.resolve('dist');

export interface RunningServer {
  url: string;
  appDir: string;
  dataDir: string;
  staffToken: string;
  /** Calls the register's staff API. */
  staff: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; json: unknown }>;
  stop: () => Promise<void>;
  /** Stops the server and starts it again on the same port and data folder. */
  restart: () => Promise<void>;
}

export interface ServerOptions {
  /** Definitions orders may use; the shipped questionnaires folder by default. */
  questionnairesDir?: string;
  /** More of the register's environment (OIDC_ISSUER, PUBLIC_URL, …). */
  env?: Record<string, string | undefined>;
  /** A port chosen beforehand (when PUBLIC_URL must name it); a free one by default. */
  port?: number;
}

/** Serves a private copy of the build, so a test may change it (a new version deployed), with a register on a fresh data folder. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const appDir = await mkdtemp(path.join(tmpdir(), 'eprom-app-'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-data-'));
  await cp(builtApp, appDir, { recursive: true });
  const env = {
    LOG_LEVEL: 'warn',
    STAFF_TOKEN: 'browser-tests-staff-token-0123456789',
    ...(options.questionnairesDir ? { QUESTIONNAIRES_DIR: options.questionnairesDir } : {}),
    ...options.env,
  };
  const config = { ...readConfig(env), appDir, dataDir, port: 0 };
  let running: FastifyInstance | null = null;
  let port = options.port ?? 0;
  const start = async () => {
    const { app } = await startRegister({ ...config, port });
    await app.listen({ port, host: '127.0.0.1' });
    const address = app.server.address();
    if (typeof address !== 'object' || !address) throw new Error('the server has no address');
    port = address.port;
    running = app;
  };
  const stop = async () => {
    const app = running;
    running = null;
    if (!app) return;
    // Emulated offline does not close the browser's sockets: a connection it keeps open must not hold
    // the stop up (a register restart in register-flow once waited out the test's timeout).
    const force = setTimeout(() => app.server.closeAllConnections(), 3_000);
    try {
      await app.close();
    } finally {
      clearTimeout(force);
    }
  };
  await start();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    appDir,
    dataDir,
    staffToken: config.staffToken ?? '',
    staff: async (method, apiPath, body) => {
      const response = await fetch(url + apiPath, {
        method,
        headers: { Authorization: `Bearer ${config.staffToken ?? ''}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}

export async function cleanUp(server: RunningServer): Promise<void> {
  await server.stop();
  await rm(server.appDir, { recursive: true, force: true });
  await rm(server.dataDir, { recursive: true, force: true });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}

/** A phone-sized context in English, so tests read the English texts. */
export async function phoneContext(browser: Browser, locale = 'en-GB', extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 640 }, locale, hasTouch: true, isMobile: true, ...extra });
}

/** Fails the test on any script error in the page. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Waits until the service worker has installed (precached everything) and is active. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** The start page's link to the demo questionnaire (other questionnaires are listed too). */
export const demoLink = 'a[href="#/q/demo-wellbeing%401"]';

/** The item ids with an answer stored in the device's IndexedDB, read the way the browser keeps them. */
export async function storedAnswerIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('eprom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('answers').objectStore('answers').getAll();
          request.onsuccess = () => {
            resolve((request.result as { itemId: string }[]).map((row) => row.itemId));
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Answers the demo questionnaire's required items, page by page from its first page, and completes it (or stops at Complete). */
export async function answerDemoPages(page: Page, { complete = true }: { complete?: boolean } = {}) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Good', { exact: true }).check();
  await page.locator('#item-worry input[value="2"]').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('On how many of the past 28 days have you slept well?').fill('20');
  await page.locator('#item-woke_rested').getByLabel('Often').check();
  await page.locator('#item-felt_lonely').getByLabel('Sometimes').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#item-had_hard_time').getByLabel('No').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#item-has_appointment').getByLabel('No').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review your answers' }).click();
  if (complete) await page.getByRole('button', { name: 'Complete' }).click();
  else await page.getByRole('button', { name: 'Complete' }).waitFor();
}

/** From the questionnaire's introduction: starts, answers and completes the demo. */
export async function answerDemo(page: Page) {
  await page.getByRole('button', { name: 'Start' }).click();
  await answerDemoPages(page);
  await page.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
}

/** Rows of an IndexedDB store of the app's database, as the browser keeps them. */
export async function storedRows(page: Page, store: string): Promise<unknown[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('eprom');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as unknown[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** Shortens the tablet's lock time (the interface offers whole minutes), then reloads so the app reads it. */
export async function setTabletIdleSeconds(page: Page, seconds: number): Promise<void> {
  await page.evaluate(
    (idleSeconds) =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('eprom');
        open.onsuccess = () => {
          const store = open.result.transaction('settings', 'readwrite').objectStore('settings');
          const get = store.get('shared-device');
          get.onsuccess = () => {
            store.put({ ...get.result, idleSeconds });
            store.transaction.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        };
      }),
    seconds,
  );
  await page.reload();
}

/**
 * A private questionnaires folder for the test file's register, holding these accepted fixture
 * definitions (test/fixtures/definitions/accepted/); removed after the file's tests.
 */
export async function fixtureQuestionnaires(...files: string[]): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'eprom-questionnaires-'));
  for (const file of files) await cp(path.resolve('test/fixtures/definitions/accepted', file), path.join(folder, file));
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  return folder;
}

/** A register on a fresh data folder and a chromium for the test file; both stopped after its tests. */
export function withServerAndBrowser(
  onStarted: (started: { server: RunningServer; browser: Browser }) => void,
  options: ServerOptions = {},
): void {
  let started: { server: RunningServer; browser: Browser } | null = null;
  beforeAll(async () => {
    started = { server: await startServer(options), browser: await launchBrowser() };
    onStarted(started);
  });
  afterAll(async () => {
    await started?.browser.close();
    if (started) await cleanUp(started.server);
  });
}

/** An order made through the staff API, valid for `validDays` from now. */
export async function createOrder(
  server: Pick<RunningServer, 'staff'>,
  patientRef: string,
  questionnaires: string[] = ['demo-wellbeing@1'],
  validDays = 7,
): Promise<{ accessCode: string; orderId: string }> {
  const created = await server.staff('POST', '/api/orders', {
    patientRef,
    questionnaires,
    measurementPoint: 'basis',
    validUntil: new Date(Date.now() + validDays * 86_400_000).toISOString(),
  });
  if (created.status !== 201) throw new Error(`the order was not created: ${created.status} ${JSON.stringify(created.json)}`);
  const { accessCode, order } = created.json as { accessCode: string; order: { id: string } };
  return { accessCode, orderId: order.id };
}

/** Opens the patient's link in the page and waits for the order's welcome. */
export async function claimInPage(page: Page, url: string, accessCode: string): Promise<void> {
  await page.goto(`${url}/#/claim/${accessCode}`);
  await page.getByRole('heading', { name: 'Your questionnaires', exact: true }).waitFor();
}

export interface StoredSubmission {
  submissionId: string;
  orderId: string;
  questionnaireKey: string;
  answers: Record<string, unknown>;
  receivedAt: string;
  completedAt: string;
  startedAt: string;
}

/** The submissions the register holds for an order, read through the staff API. */
export async function storedSubmissions(server: Pick<RunningServer, 'staff'>, orderId: string): Promise<StoredSubmission[]> {
  const answer = await server.staff('GET', `/api/submissions?orderId=${encodeURIComponent(orderId)}`);
  if (answer.status !== 200) throw new Error(`the staff API answered ${answer.status}`);
  return (answer.json as { submissions: StoredSubmission[] }).submissions;
}
