// Delivers sealed submissions from the outbox, one at a time, until none is due. State lives in the
// database; the engine object owns only its timers and the upload in flight.
import { ApiError } from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import { getOrder } from './orders.js';
import { acknowledge, dueNow, dueOnReconnect, recover, reject, startSending, wait, waitForNetwork } from './outbox.js';
import { countOutboxWithStatus, listOutboxWithStatus, nextDue } from './outbox-due.js';
import type { RegisterClient } from './register-client.js';
import { OutboxStatus, WaitReason, type OutboxRow } from './rows.js';
import { verifyReceipt } from './seal.js';

export interface SyncEngineOptions {
  db: DeviceDatabase;
  client: RegisterClient;
  now?: () => number;
  random?: () => number;
  isOnline?: () => boolean;
  /** Runs `task` so that only one tab (or the service worker) sends at a time. */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
}

export interface SyncReport {
  acknowledged: number;
  rejected: number;
  waiting: number;
}

export interface SyncEngine {
  /** Sends every due submission, one at a time; a call while one runs joins it. */
  sendDue(): Promise<SyncReport>;
  /** Makes every waiting submission due and sends. */
  sendNow(): Promise<SyncReport>;
  /**
   * The browser is online again: submissions that waited for the network (or timed out) become due,
   * except where the register asked for a later time, and due ones are sent.
   */
  sendOnReconnect(): Promise<SyncReport>;
}

/** Web Locks where the browser has them, so tabs and the service worker take turns. */
export function browserLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request('eprom-outbox', task) : task();
}

/** What delivering needs from the engine: the database, the register, the clock and the jitter. */
interface Delivery {
  db: DeviceDatabase;
  client: RegisterClient;
  now: () => number;
  random: () => number;
}

const save = (db: DeviceDatabase, row: OutboxRow) => db.outbox.put(row);

/** The register took the submission: acknowledged once its receipt checks out, else it waits and is sent again. */
async function afterAccepted({ db, now, random }: Delivery, sending: OutboxRow, receipt: string): Promise<OutboxRow> {
  const order = await getOrder(db, sending.orderId);
  try {
    if (!order) throw new Error('the order is not on this device');
    const claims = await verifyReceipt(receipt, order.receiptKey);
    if (claims.submissionId !== sending.submissionId) throw new Error('the receipt is for another submission');
    return acknowledge(sending, claims, receipt, now());
  } catch (error) {
    const message = `The register's receipt could not be verified: ${error instanceof Error ? error.message : String(error)}`;
    return wait(sending, {
      reason: WaitReason.failure,
      error: { error: ApiError.internal, message },
      retryAfterMs: null,
      now: now(),
      random,
    });
  }
}

/** Sends one submission and stores where it stands after: acknowledged, rejected, or waiting to be sent again. */
async function deliver(delivery: Delivery, row: OutboxRow): Promise<OutboxRow> {
  const { db, client, now, random } = delivery;
  const token = row.token;
  if (token === null) {
    const broken = reject(row, { error: ApiError.internal, message: 'The sealed submission is missing' }, now());
    await save(db, broken);
    return broken;
  }
  const sending = startSending(row, now());
  await save(db, sending);
  const outcome = await client.submit(token);
  const next =
    outcome.kind === 'ok'
      ? await afterAccepted(delivery, sending, outcome.value.receipt)
      : outcome.kind === 'refused'
        ? reject(sending, outcome.error, now())
        : wait(sending, { reason: outcome.reason, error: outcome.error, retryAfterMs: outcome.retryAfterMs, now: now(), random });
  await save(db, next);
  return next;
}

export function createSyncEngine({
  db,
  client,
  now = Date.now,
  random = Math.random,
  isOnline = () => globalThis.navigator?.onLine ?? true,
  exclusive = browserLock,
}: SyncEngineOptions): SyncEngine {
  let inFlight: Promise<SyncReport> | null = null;
  const delivery: Delivery = { db, client, now, random };

  async function run(): Promise<SyncReport> {
    const report: SyncReport = { acknowledged: 0, rejected: 0, waiting: 0 };
    // Under the lock nobody else is sending: a row still "sending" was left by a closed tab.
    for (const row of await listOutboxWithStatus(db, OutboxStatus.sending)) await save(db, recover(row, now()));
    for (;;) {
      const due = await nextDue(db, now());
      if (!due) break;
      if (!isOnline()) {
        for (const row of await listOutboxWithStatus(db, OutboxStatus.queued)) await save(db, waitForNetwork(row, now()));
        break;
      }
      const next = await deliver(delivery, due);
      if (next.status === OutboxStatus.acknowledged) report.acknowledged++;
      else if (next.status === OutboxStatus.rejected) report.rejected++;
      else if (next.waitingFor === WaitReason.network) break; // the others would fail the same way
    }
    report.waiting = await countOutboxWithStatus(db, OutboxStatus.queued);
    return report;
  }

  const sendDue = () => {
    inFlight ??= exclusive(run).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  /**
   * Moves the queued rows once the run in flight has ended, then sends (joining a run another call
   * started meanwhile). One transaction: a row another tab starts sending meanwhile is left alone.
   */
  async function prepareAndSend(prepare: (row: OutboxRow, now: number) => OutboxRow): Promise<SyncReport> {
    await inFlight;
    await db.transaction('rw', db.outbox, async () => {
      for (const row of await listOutboxWithStatus(db, OutboxStatus.queued)) {
        const next = prepare(row, now());
        if (next !== row) await save(db, next);
      }
    });
    return sendDue();
  }

  return {
    sendDue,
    sendNow: () => prepareAndSend(dueNow),
    sendOnReconnect: () => prepareAndSend(dueOnReconnect),
  };
}
