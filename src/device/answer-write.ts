// The write of a tap: the answer rows and the response's `updatedAt`, in one IndexedDB transaction
// opened at once, in the tap's own event. Dexie opens a transaction a microtask after it is asked
// for, and with a controlled input React renders the change at the end of the event, before any
// microtask: through Dexie, every tap's rendering went in front of its write. Here the requests are
// with IndexedDB before React renders, and its work goes on beside the rendering. Everything else on
// the device goes through Dexie, and Dexie's live queries (here and in other tabs) are told of the
// change as Dexie's own writes tell them.
import { Dexie, RangeSet } from 'dexie';
import type { DeviceDatabase } from './database.js';
import type { AnswerRow, ResponseRecord } from './rows.js';

/** One answer row to put (stamped with the time of the write), or to delete (null) under its key. */
export interface AnswerRowChange {
  key: string;
  row: Omit<AnswerRow, 'answeredAt'> | null;
}

/** Why the response cannot take these answers (closed, or another vault's), or null when it can. */
export type Refusal = (stored: ResponseRecord | undefined) => Error | null;

const changedTables = ['responses', 'answers'] as const;

/** What Dexie's own observation of a write says to live queries: here, anything in these two tables may have changed. */
function tellLiveQueries(db: DeviceDatabase) {
  const everything = () => new RangeSet(-Infinity, [[[]]]);
  const parts: Record<string, RangeSet> = {};
  for (const name of changedTables) {
    const prefix = `idb://${db.name}/${name}/`;
    parts[prefix] = everything();
    parts[`${prefix}:dels`] = everything();
    for (const index of db.table(name).schema.indexes) parts[`${prefix}${index.name}`] = everything();
  }
  Dexie.on('storagemutated').fire(parts);
}

function write(
  db: DeviceDatabase,
  responseId: string,
  changes: readonly AnswerRowChange[],
  answeredAt: string,
  refuse: Refusal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let refusal: Error | null = null;
    const transaction = db.backendDB().transaction([...changedTables], 'readwrite');
    const responses = transaction.objectStore('responses');
    const answers = transaction.objectStore('answers');
    // The read of the response goes out with the writes, not before them: one round trip fewer. A
    // refusal aborts the transaction, writes and all.
    const read = responses.get(responseId);
    for (const { key, row } of changes) {
      if (row === null) answers.delete([responseId, key]);
      else answers.put({ ...row, answeredAt });
    }
    read.onsuccess = () => {
      const stored = read.result as ResponseRecord | undefined;
      refusal = refuse(stored);
      if (refusal !== null || stored === undefined) transaction.abort();
      else responses.put({ ...stored, updatedAt: answeredAt });
    };
    transaction.oncomplete = () => {
      resolve();
      tellLiveQueries(db);
    };
    transaction.onabort = () =>
      reject(refusal ?? transaction.error ?? new Dexie.AbortError(`Writing the answers to ${responseId} was aborted`));
  });
}

/**
 * Puts and deletes a response's answer rows and stamps the response with `answeredAt`, all or none.
 * When the database is open the transaction is created before this returns.
 */
export function writeAnswerRows(...args: Parameters<typeof write>): Promise<void> {
  const [db] = args;
  return db.isOpen() ? write(...args) : db.open().then(() => write(...args));
}
