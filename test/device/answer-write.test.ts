// A tap's write goes to IndexedDB at once, in the tap's own event (src/device/answer-write.ts): it is
// queued before setAnswer returns, ahead of anything started after it, and Dexie's live queries still
// hear of it as they do of Dexie's own writes.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { getAnswers, listResponses, setAnswer, startResponse } from '../../src/device/index.js';
import { closeTracked, freshDatabase, parsed, track } from './fixture.js';

afterEach(() => closeTracked());

/** Reads one answer row straight from IndexedDB, in a transaction of its own created now. */
function readRowNow(idb: IDBDatabase, key: [string, string]): Promise<unknown> {
  const read = idb.transaction(['answers'], 'readonly').objectStore('answers').get(key);
  return new Promise((resolve, reject) => {
    read.onsuccess = () => resolve(read.result);
    read.onerror = () => reject(read.error);
  });
}

describe("a tap's write", () => {
  test('is queued in IndexedDB before setAnswer returns: a read started right after it sees the answer', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    const writing = setAnswer(db, response.id, 'mood', { value: 'good' });
    // IndexedDB runs a transaction over the same store after those created before it, so this read
    // waits for the write only if the write's transaction already exists.
    const row = await readRowNow(db.backendDB(), [response.id, 'mood']);
    await writing;
    expect(row).toMatchObject({ responseId: response.id, itemId: 'mood', answer: { value: 'good' } });
  });

  test('also works on a database not opened yet, and on the one after it was closed', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    db.close({ disableAutoOpen: false });
    await setAnswer(db, response.id, 'mood', { value: 'bad' });
    expect(await getAnswers(db, response.id)).toEqual({ mood: { value: 'bad' } });
  });

  test("wakes a live query over the responses, here as for Dexie's own writes", async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    const seen: string[] = [];
    const subscription = liveQuery(() => listResponses(db)).subscribe((responses) => {
      const updatedAt = responses[0]?.updatedAt;
      if (updatedAt) seen.push(updatedAt);
    });
    try {
      await expect.poll(() => seen.length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await setAnswer(db, response.id, 'mood', { value: 'good' });
      await expect.poll(() => seen.length).toBe(2);
      expect(seen[1]! > seen[0]!).toBe(true);
    } finally {
      subscription.unsubscribe();
    }
  });
});
