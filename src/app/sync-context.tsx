// The register client and the one sync engine of this tab, and when the engine runs: at start, when
// the network comes back (then without waiting out the backoff of network failures), when the page
// becomes visible again, and every so often while open.
import { createContext, useContext, useEffect } from 'react';
import type { RegisterClient } from '../device/register-client.js';
import { requestBackgroundSync } from './background-sync.js';
import type { SyncEngine, SyncReport } from '../device/sync-engine.js';

export interface RegisterServices {
  client: RegisterClient;
  sync: SyncEngine;
}

export const RegisterContext = createContext<RegisterServices | null>(null);

const periodMs = 20_000;

export function useRegister(): RegisterServices {
  const services = useContext(RegisterContext);
  if (!services) throw new Error('useRegister() needs a <RegisterContext.Provider> above it');
  return services;
}

export function useSyncTriggers(engine: SyncEngine): void {
  useEffect(() => {
    const afterwards = (sending: Promise<SyncReport>) =>
      void sending.then((report) => report.waiting > 0 && requestBackgroundSync()).catch(() => undefined);
    const run = () => afterwards(engine.sendDue());
    const onOnline = () => afterwards(engine.sendOnReconnect());
    const onVisible = () => document.visibilityState === 'visible' && run();
    run();
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(run, periodMs);
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [engine]);
}
