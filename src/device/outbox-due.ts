// The sync engine's reads of the outbox: rows by status, and the next one due by index. Only the
// sync engine (loaded after the first paint) imports this, so the patient's route does not carry
// the outbox's transitions either.
import { Dexie } from 'dexie';
import type { DeviceDatabase } from './database.js';
import { isDue } from './outbox.js';
import { outboxRow, OutboxStatus, readRows, type OutboxRow } from './rows.js';

/** The outbox index that orders queued rows by when they are due (see schema version 5). */
export const dueIndex = '[status+nextAttemptAt+createdAt]';

export function listOutboxWithStatus(db: DeviceDatabase, status: OutboxStatus): Promise<OutboxRow[]> {
  return readRows(db.outbox.where('status').equals(status), outboxRow, 'outbox');
}

export function countOutboxWithStatus(db: DeviceDatabase, status: OutboxStatus): Promise<number> {
  return db.outbox.where('status').equals(status).count();
}

/**
 * The queued row that has been due the longest (the oldest first when several are due at once), or
 * undefined. Times are compared as stored: every row's times are written by toISOString().
 */
export async function nextDue(db: DeviceDatabase, now: number): Promise<OutboxRow | undefined> {
  const due = db.outbox
    .where(dueIndex)
    .between(
      [OutboxStatus.queued, Dexie.minKey, Dexie.minKey],
      [OutboxStatus.queued, new Date(now).toISOString(), Dexie.maxKey],
      true,
      true,
    )
    .limit(1);
  const [row] = await readRows(due, outboxRow, 'outbox');
  return row && isDue(row, now) ? row : undefined;
}
