// The app can be installed to the home screen: chromium itself reports no installability errors.
// Installation needs a real profile (not an incognito context), so this test uses one of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.js';
import { cleanUp, startServer, waitForServiceWorker, type RunningServer } from './harness.js';

let server: RunningServer;
let profile: string;

beforeAll(async () => {
  server = await startServer();
  profile = await mkdtemp(path.join(tmpdir(), 'eprom-profile-'));
});
afterAll(async () => {
  if (server) await cleanUp(server);
  if (profile) await rm(profile, { recursive: true, force: true });
});

test('chromium finds the web app manifest, its icons and the service worker good enough to install', async () => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: chromiumArgs,
    viewport: { width: 360, height: 640 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/`);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
    expect(manifest.url).toMatch(/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
  }
});
