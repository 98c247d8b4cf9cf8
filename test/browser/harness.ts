// What every browser test needs: the production build served by the real server on a free port,
// and a fresh headless chromium.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { chromiumArgs, findChromium } from './chromium.js';

export const builtApp = path.resolve('dist');

export interface RunningServer {
  url: string;
  appDir: string;
  stop: () => Promise<void>;
}

/** Serves a private copy of the build, so a test may change it (a new version deployed). */
export async function startServer(): Promise<RunningServer> {
  const appDir = await mkdtemp(path.join(tmpdir(), 'eprom-app-'));
  await cp(builtApp, appDir, { recursive: true });
  const app: FastifyInstance = await buildServer({ appDir, logLevel: 'warn' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the server has no address');
  let isStopped = false;
  return {
    url: `http://127.0.0.1:${address.port}`,
    appDir,
    stop: async () => {
      if (isStopped) return;
      isStopped = true;
      await app.close();
    },
  };
}

export async function cleanUp(server: RunningServer): Promise<void> {
  await server.stop();
  await rm(server.appDir, { recursive: true, force: true });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}

/** A phone-sized context in English, so tests read the English texts. */
export async function phoneContext(browser: Browser, locale = 'en-GB'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 640 }, locale, hasTouch: true, isMobile: true });
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
