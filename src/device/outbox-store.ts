// Reading the outbox table as the screens do: all of it. The sync engine picks rows by index
// instead (outbox-due.ts), since acknowledged rows stay (with their receipts) and reading every
// row for each send made delivering n submissions cost n² reads.
import type { DeviceDatabase } from './database.js';
import { outboxRow, readRows, type OutboxRow } from './rows.js';

export async function listOutbox(db: DeviceDatabase): Promise<OutboxRow[]> {
  const rows = await readRows(db.outbox.toCollection(), outboxRow, 'outbox');
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
