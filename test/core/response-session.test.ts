// The response session as pure state and transitions: answering, moving between pages and the
// review page, answers arriving from another tab, a close elsewhere, and failed writes.
import { describe, expect, it } from 'vitest';
import {
  answered,
  closedElsewhere,
  FailedWrite,
  lastPagePosition,
  movedTo,
  nextPosition,
  placeOf,
  previousPosition,
  problemPosition,
  receivedStored,
  reviewProblems,
  startSession,
  visiblePages,
  withAnswer,
  writeFailed,
  writeSucceeded,
  type DefinitionInput,
} from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';

const text = (words: string) => ({ nb: words });

function demo() {
  const input: DefinitionInput = {
    id: 'session-test',
    version: '1',
    languages: ['nb'],
    title: text('Session'),
    license: 'test',
    source: { citation: 'test' },
    items: [
      { id: 'a', kind: 'yes-no', text: text('A?') },
      { id: 'b', kind: 'yes-no', text: text('B?'), visibleWhen: { op: 'equals', item: 'a', value: true } },
      { id: 'c', kind: 'text', text: text('C?'), required: false },
    ],
  };
  const result = parseDefinition(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

describe('answering', () => {
  it('adds, replaces and takes away an answer without touching the answers it was given', () => {
    const start = { a: { value: true } };
    expect(withAnswer(start, 'c', { value: 'x' })).toEqual({ a: { value: true }, c: { value: 'x' } });
    expect(withAnswer(start, 'a', { value: false })).toEqual({ a: { value: false } });
    expect(withAnswer(start, 'a', null)).toEqual({});
    expect(start).toEqual({ a: { value: true } });
  });

  it('starts where the response was left, and an answer changes only the answers', () => {
    const session = startSession({}, { pageIndex: 1, onReview: false });
    expect(session).toEqual({
      answers: {},
      position: { pageIndex: 1, onReview: false },
      flagged: null,
      generation: 0,
      isClosedElsewhere: false,
      failedWrite: null,
    });
    const next = answered(session, 'a', { declined: true });
    expect(next).toEqual({ ...session, answers: { a: { declined: true } } });
  });
});

describe('pages and the review page', () => {
  const definition = demo();

  it('counts the pages visible with these answers; a position past them is on the last page or review', () => {
    const hidden = visiblePages(definition, {});
    expect(hidden.map((p) => p.id)).toEqual(['a', 'c']);
    expect(placeOf({ pageIndex: 1, onReview: false }, hidden)).toMatchObject({ pageIndex: 1, isOnReview: false, total: 2, current: 2 });
    expect(placeOf({ pageIndex: 5, onReview: false }, hidden)).toMatchObject({ pageIndex: 1, total: 2, current: 2 });
    expect(placeOf({ pageIndex: 1, onReview: true }, hidden)).toMatchObject({ isOnReview: true, current: 2 });
    expect(placeOf({ pageIndex: 0, onReview: false }, [])).toMatchObject({ page: undefined, isOnReview: true, total: 0 });
  });

  it('goes forward page by page, then to review; back from review to the last page', () => {
    const pages = visiblePages(definition, { a: { value: true } });
    const first = placeOf({ pageIndex: 0, onReview: false }, pages);
    expect(nextPosition(first)).toEqual({ pageIndex: 1, onReview: false });
    const last = placeOf({ pageIndex: 2, onReview: false }, pages);
    expect(nextPosition(last)).toEqual({ pageIndex: 2, onReview: true });
    expect(previousPosition(last)).toEqual({ pageIndex: 1, onReview: false });
    expect(lastPagePosition(placeOf({ pageIndex: 2, onReview: true }, pages))).toEqual({ pageIndex: 2, onReview: false });
    expect(lastPagePosition(placeOf({ pageIndex: 0, onReview: true }, []))).toEqual({ pageIndex: 0, onReview: false });
  });

  it('jumps from a problem on review to its page and flags its item; every move is a new position', () => {
    const [problem] = reviewProblems(definition, { a: { value: true } });
    expect(problem?.item.id).toBe('b');
    const session = startSession({ a: { value: true } }, { pageIndex: 2, onReview: true });
    const jumped = movedTo(session, problemPosition(problem!), 'b');
    expect(jumped.position).toEqual({ pageIndex: 1, onReview: false });
    expect(jumped.flagged).toBe('b');
    const again = movedTo(jumped, jumped.position);
    expect(again.position).not.toBe(jumped.position);
    expect(again.flagged).toBeNull();
  });
});

describe('other tabs and failed writes', () => {
  it('takes in answers stored elsewhere and starts the fields again; the same session when nothing changed', () => {
    const session = startSession({ a: { value: true } }, { pageIndex: 0, onReview: false });
    expect(receivedStored(session, { a: { value: true } })).toBe(session);
    const changed = receivedStored(session, { a: { value: false } });
    expect(changed.answers).toEqual({ a: { value: false } });
    expect(changed.generation).toBe(1);
  });

  it('a response closed elsewhere stays closed', () => {
    const closed = closedElsewhere(startSession({}, { pageIndex: 0, onReview: false }));
    expect(closed.isClosedElsewhere).toBe(true);
    expect(closedElsewhere(closed)).toBe(closed);
  });

  it('a failed write is shown until a write succeeds; no change when there is nothing to change', () => {
    const session = startSession({}, { pageIndex: 0, onReview: false });
    expect(writeSucceeded(session)).toBe(session);
    const failed = writeFailed(session, FailedWrite.save);
    expect(failed.failedWrite).toBe('save');
    expect(writeFailed(failed, FailedWrite.save)).toBe(failed);
    expect(writeFailed(failed, FailedWrite.complete).failedWrite).toBe('complete');
    expect(writeSucceeded(failed).failedWrite).toBeNull();
  });
});
