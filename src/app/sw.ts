// The service worker: precaches the app shell and the shipped questionnaires, serves every page
// from that cache, waits for the person's consent before a new version takes over, and delivers the
// outbox through Background Sync where the browser has it (even after the tab is closed).
/// <reference lib="webworker" />
import './zod-config.js';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openDeviceDatabase } from '../device/database.js';
import { httpRegisterClient } from '../device/register-client.js';
import { createSyncEngine } from '../device/sync-engine.js';
import { OUTBOX_SYNC_TAG } from './background-sync.js';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

// The first version takes the page at once; later ones wait until the app sends SKIP_WAITING.
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== OUTBOX_SYNC_TAG) return;
  const db = openDeviceDatabase();
  const engine = createSyncEngine({ db, client: httpRegisterClient() });
  // A submission still waiting makes the browser try the sync again later.
  sync.waitUntil(
    engine.sendDue().then((report) => {
      db.close();
      if (report.waiting > 0) throw new Error(`${report.waiting} submission(s) still waiting`);
    }),
  );
});
