// What the device refuses to store for a response, and the stored rows it finds damaged: it fails
// loudly, before storing anything, and without quoting what the patient wrote.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getAnswers,
  getResponse,
  listResponses,
  ResponseClosedError,
  setAnswer,
  startResponse,
  StoredRowError,
} from '../../src/device/index.js';
import { closeTracked, freshDatabase, parsed, track } from './fixture.js';

afterEach(closeTracked);

describe('a response on the device', () => {
  it('refuses a value that is not an answer, before storing anything', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    const notAnAnswer = JSON.parse('{"value": {"nested": true}}') as never;
    await expect(setAnswer(db, response.id, 'mood', notAnAnswer)).rejects.toThrow(TypeError);
    expect(await getAnswers(db, response.id)).toEqual({});
  });

  it('refuses answers to a response that is missing', async () => {
    const db = track(freshDatabase());
    const error = await setAnswer(db, 'no-such-response', 'mood', { value: 'good' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseClosedError);
    expect(error).toMatchObject({ reason: 'missing' });
  });
});

describe('damaged rows', () => {
  it('fails loudly on an answer row of the wrong shape, without quoting its contents', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await setAnswer(db, response.id, 'age', { value: 40 });
    await db.table('answers').put({
      responseId: response.id,
      itemId: 'mood',
      answer: { value: { secret: 'private health text' } },
      answeredAt: 'yesterday',
    });

    const error = await getAnswers(db, response.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredRowError);
    expect(error).toMatchObject({ table: 'answers', rowKey: `${response.id}/mood` });
    expect((error as Error).message).toContain('$.answer');
    expect((error as Error).message).toContain('$.answeredAt');
    expect((error as Error).message).not.toContain('private health text');
  });

  it('fails loudly on a response row of the wrong shape', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await db.table('responses').update(response.id, { status: 'sent', pageIndex: -1 });

    await expect(getResponse(db, response.id)).rejects.toThrow(StoredRowError);
    await expect(listResponses(db)).rejects.toThrow(/\$\.status.*\$\.pageIndex/);
    await expect(setAnswer(db, response.id, 'mood', { value: 'good' })).rejects.toThrow(StoredRowError);
    expect(await getAnswers(db, response.id)).toEqual({});
  });
});
