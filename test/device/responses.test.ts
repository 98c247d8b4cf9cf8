// A response on the device: every answer and the position kept at once, across reloads and tabs,
// and completing it. What the device refuses to store, and rows it finds damaged, are in
// responses-refused.test.ts.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  completeResponse,
  findResumableResponse,
  getAnswers,
  getResponse,
  IncompleteResponseError,
  listResponses,
  ResponseStatus,
  setAnswer,
  setPosition,
  setResponseLanguage,
  startResponse,
} from '../../src/device/index.js';
import { closeTracked, freshDatabase, parsed, reopen, track } from './fixture.js';

afterEach(() => {
  closeTracked();
  vi.useRealTimers();
});

describe('a response on the device', () => {
  it('keeps every answer the moment it is given, across a reload', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await setAnswer(db, response.id, 'mood', { value: 'bad' });
    await setAnswer(db, response.id, 'comment', { value: 'some words' });
    db.close();

    const reloaded = track(reopen(db));
    expect(await getAnswers(reloaded, response.id)).toEqual({
      mood: { value: 'bad' },
      comment: { value: 'some words' },
    });
  });

  it('resumes at the page the person was on, in their language', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await setPosition(db, response.id, 1, false);
    await setResponseLanguage(db, response.id, 'en');
    db.close();

    const reloaded = track(reopen(db));
    const resumed = await findResumableResponse(reloaded, parsed().key);
    expect(resumed).toMatchObject({ id: response.id, pageIndex: 1, onReview: false, language: 'en' });

    await setPosition(reloaded, response.id, 1, true);
    expect(await getResponse(reloaded, response.id)).toMatchObject({ pageIndex: 1, onReview: true });
  });

  it('clears an answer, and bumps updatedAt on every change', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), null);
    vi.setSystemTime(new Date('2026-03-01T10:05:00.000Z'));
    await setAnswer(db, response.id, 'age', { value: 42 });
    vi.setSystemTime(new Date('2026-03-01T10:06:00.000Z'));
    await setAnswer(db, response.id, 'age', null);

    expect(await getAnswers(db, response.id)).toEqual({});
    expect(await getResponse(db, response.id)).toMatchObject({
      startedAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:06:00.000Z',
    });
  });

  it('keeps answers to different items given in two tabs at once', async () => {
    const firstTab = track(freshDatabase());
    const secondTab = track(reopen(firstTab));
    const response = await startResponse(firstTab, parsed(), 'nb');

    await Promise.all([
      setAnswer(firstTab, response.id, 'mood', { value: 'good' }),
      setAnswer(secondTab, response.id, 'age', { value: 30 }),
      setPosition(secondTab, response.id, 1, false),
    ]);

    const later = track(reopen(firstTab));
    expect(await getAnswers(later, response.id)).toEqual({ mood: { value: 'good' }, age: { value: 30 } });
  });

  it('finds the in-progress response touched last, and lists responses newest first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = track(freshDatabase());
    vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
    const older = await startResponse(db, parsed(), 'nb');
    vi.setSystemTime(new Date('2026-03-01T11:00:00.000Z'));
    const newer = await startResponse(db, parsed(), 'nb');
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'));
    await setAnswer(db, older.id, 'mood', { value: 'good' });

    expect((await findResumableResponse(db, parsed().key))?.id).toBe(older.id);
    expect((await listResponses(db)).map((r) => r.id)).toEqual([older.id, newer.id]);
    expect(await findResumableResponse(db, 'other@1')).toBeUndefined();
  });
});

describe('completing a response', () => {
  it('refuses while required items are unanswered, naming them', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await setAnswer(db, response.id, 'mood', { value: 'bad' });

    const error = await completeResponse(db, response.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteResponseError);
    const problems = (error as IncompleteResponseError).problems;
    expect(problems.map((p) => [p.item.id, p.problem.code])).toEqual([
      ['worse', 'required'],
      ['age', 'required'],
    ]);
    expect((error as Error).message).toContain('worse');
    expect(await getResponse(db, response.id)).toMatchObject({ status: ResponseStatus.inProgress, completedAt: null });
  });

  it('does not wait for an item that is hidden by its condition', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await setAnswer(db, response.id, 'mood', { value: 'good' });
    await setAnswer(db, response.id, 'age', { value: 51 });

    const completed = await completeResponse(db, response.id);
    expect(completed).toMatchObject({ status: ResponseStatus.completed });
    expect(completed.completedAt).toEqual(expect.any(String));
    expect(await getResponse(db, response.id)).toEqual(completed);
  });

  it('refuses an answer that does not fit its item, without quoting it', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await setAnswer(db, response.id, 'mood', { value: 'good' });
    await setAnswer(db, response.id, 'age', { value: 4711 });

    const error = await completeResponse(db, response.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteResponseError);
    expect((error as Error).message).toContain('age (aboveMax)');
    expect((error as Error).message).not.toContain('4711');
  });

  it('is idempotent, and closes the response to further changes', async () => {
    const db = track(freshDatabase());
    const response = await startResponse(db, parsed(), 'nb');
    await setAnswer(db, response.id, 'mood', { value: 'good' });
    await setAnswer(db, response.id, 'age', { value: 51 });
    const completed = await completeResponse(db, response.id);

    expect(await completeResponse(db, response.id)).toEqual(completed);
    // one at a time: a change started before the one awaited is refused with nobody yet listening
    for (const change of [
      () => setAnswer(db, response.id, 'comment', { value: 'too late' }),
      () => setAnswer(db, response.id, 'age', null),
      () => setPosition(db, response.id, 0, false),
      () => setResponseLanguage(db, response.id, 'en'),
    ]) {
      await expect(change()).rejects.toMatchObject({ name: 'ResponseClosedError', reason: 'completed' });
    }
    expect(await getAnswers(db, response.id)).toEqual({ mood: { value: 'good' }, age: { value: 51 } });
    expect(await findResumableResponse(db, parsed().key)).toBeUndefined();
  });
});
