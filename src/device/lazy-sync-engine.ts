// The app's sync engine, loaded on first need: the engine brings jose (to verify receipts), so it is
// kept out of the bundle that shows questions. Until something is waiting in the outbox (or the
// person asks to send), a run only counts rows. The chunk is precached, so this works offline too.
import type { DeviceDatabase } from './database.js';
import { OutboxStatus } from './rows.js';
import type { SyncEngine, SyncEngineOptions, SyncReport } from './sync-engine.js';

const nothingToSend: SyncReport = { acknowledged: 0, rejected: 0, waiting: 0 };

function hasWork(db: DeviceDatabase): Promise<boolean> {
  return db.outbox
    .where('status')
    .anyOf([OutboxStatus.queued, OutboxStatus.sending])
    .count()
    .then((count) => count > 0);
}

export function lazySyncEngine(options: SyncEngineOptions): SyncEngine {
  let loading: Promise<SyncEngine> | null = null;
  const engine = () => (loading ??= import('./sync-engine.js').then(({ createSyncEngine }) => createSyncEngine(options)));
  return {
    async sendDue() {
      if (!loading && !(await hasWork(options.db))) return { ...nothingToSend };
      return (await engine()).sendDue();
    },
    async sendNow() {
      return (await engine()).sendNow();
    },
    async sendOnReconnect() {
      if (!loading && !(await hasWork(options.db))) return { ...nothingToSend };
      return (await engine()).sendOnReconnect();
    },
  };
}
