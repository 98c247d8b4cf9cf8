// The service worker asks before it updates: a new version waits until the person agrees, and the
// page reloads only then (answers are already on the device, and the response resumes where it was).
import { useEffect, useState } from 'react';
import type { Workbox } from 'workbox-window';

const updateCheckIntervalMs = 60 * 60 * 1000;
const settleMs = 1000;

/**
 * Resolves a second after the page has loaded, once the main thread is idle: installing the worker
 * fetches and caches every file of the app, which would otherwise compete with the first question.
 */
function afterFirstPageSettles(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () => ('requestIdleCallback' in window ? window.requestIdleCallback(() => resolve(), { timeout: settleMs }) : resolve());
    const settle = () => window.setTimeout(idle, settleMs);
    if (document.readyState === 'complete') settle();
    else window.addEventListener('load', settle, { once: true });
  });
}

export interface ServiceWorkerState {
  isUpdateWaiting: boolean;
  applyUpdate: () => void;
}

export function useServiceWorker(scriptUrl: string | null): ServiceWorkerState {
  const [workbox, setWorkbox] = useState<Workbox | null>(null);
  const [isUpdateWaiting, setUpdateWaiting] = useState(false);

  useEffect(() => {
    if (!scriptUrl || !('serviceWorker' in navigator)) return;
    let isGone = false;
    let stop: () => void = () => undefined;
    // workbox-window comes in a chunk of its own, after the first page: registering can wait that long.
    afterFirstPageSettles()
      .then(() => import('workbox-window'))
      .then(
        ({ Workbox }) => {
          if (isGone) return;
          const wb = new Workbox(scriptUrl, { scope: import.meta.env.BASE_URL });
          wb.addEventListener('waiting', () => setUpdateWaiting(true));
          void wb.register().catch(() => undefined);
          setWorkbox(wb);
          const check = () => void wb.update().catch(() => undefined);
          const timer = window.setInterval(check, updateCheckIntervalMs);
          const onVisible = () => document.visibilityState === 'visible' && check();
          document.addEventListener('visibilitychange', onVisible);
          stop = () => {
            window.clearInterval(timer);
            document.removeEventListener('visibilitychange', onVisible);
          };
        },
        () => undefined,
      );
    return () => {
      isGone = true;
      stop();
    };
  }, [scriptUrl]);

  const applyUpdate = () => {
    if (!workbox) return;
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  };

  return { isUpdateWaiting, applyUpdate };
}
