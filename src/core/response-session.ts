// A response being answered, as state and transitions: the answers shown, where the person is
// (a page, or the review page), the item jumped to from review, answers arriving from another tab,
// a close in another tab, and a write that failed. Pure: the app's useResponseSession hook stores
// each change on the device and renders the state; nothing here knows React or IndexedDB.
import { canonicalJson } from './canonical-json.js';
import type { Answer, Answers } from './answers.js';
import type { ItemProblem, Page } from './visibility.js';

export interface SessionPosition {
  pageIndex: number;
  onReview: boolean;
}

/** Which write failed, for the message: an answer or a position (save), or the completion. */
export const FailedWrite = { save: 'save', complete: 'complete' } as const;
export type FailedWrite = (typeof FailedWrite)[keyof typeof FailedWrite];

export interface ResponseSession {
  answers: Answers;
  position: SessionPosition;
  /** The answer jumped to from review (an item's id, or an entry's key such as `meds.2.name`): its missing required answer is pointed out. */
  flagged: string | null;
  /** Bumped when answers given in another tab replace these, so fields that keep their own text start again with them. */
  generation: number;
  /** Completed (or sealed, which removes the draft) in another tab: this one can take no more answers. */
  isClosedElsewhere: boolean;
  failedWrite: FailedWrite | null;
}

export function startSession(answers: Answers, position: SessionPosition): ResponseSession {
  return { answers, position, flagged: null, generation: 0, isClosedElsewhere: false, failedWrite: null };
}

/** The answers with one answer given, or taken away (null). */
export function withAnswer(answers: Answers, itemId: string, answer: Answer | null): Answers {
  const next = { ...answers };
  if (answer) next[itemId] = answer;
  else delete next[itemId];
  return next;
}

export function answered(session: ResponseSession, itemId: string, answer: Answer | null): ResponseSession {
  return { ...session, answers: withAnswer(session.answers, itemId, answer) };
}

/** To another page or the review page; `flagged` is the answer key jumped to, if any. Always a new position, so the page takes focus again. */
export function movedTo(session: ResponseSession, position: SessionPosition, flagged: string | null = null): ResponseSession {
  return { ...session, position: { ...position }, flagged };
}

/** The answers stored when the person comes back to this tab; the same session when they are the ones shown. */
export function receivedStored(session: ResponseSession, stored: Answers): ResponseSession {
  if (canonicalJson(stored) === canonicalJson(session.answers)) return session;
  return { ...session, answers: stored, generation: session.generation + 1 };
}

export function closedElsewhere(session: ResponseSession): ResponseSession {
  return session.isClosedElsewhere ? session : { ...session, isClosedElsewhere: true };
}

export function writeFailed(session: ResponseSession, failed: FailedWrite): ResponseSession {
  return session.failedWrite === failed ? session : { ...session, failedWrite: failed };
}

/** An answer was stored: an earlier failure no longer stands. The same session when there was none (no render). */
export function writeSucceeded(session: ResponseSession): ResponseSession {
  return session.failedWrite === null ? session : { ...session, failedWrite: null };
}

/** Where the position falls on the pages visible now (answers can hide pages after the position). */
export interface Place {
  pageIndex: number;
  page: Page | undefined;
  isOnReview: boolean;
  /** Pages visible, and the one shown counting from 1 (the review page counts as the last). */
  total: number;
  current: number;
}

export function placeOf(position: SessionPosition, pages: readonly Page[]): Place {
  const pageIndex = Math.min(position.pageIndex, Math.max(pages.length - 1, 0));
  const page = pages[pageIndex];
  return {
    pageIndex,
    page,
    isOnReview: position.onReview || !page,
    total: pages.length,
    current: position.onReview ? pages.length : pageIndex + 1,
  };
}

/** Forward from a page: the next page, or the review page after the last. */
export function nextPosition(place: Place): SessionPosition {
  return place.pageIndex + 1 < place.total
    ? { pageIndex: place.pageIndex + 1, onReview: false }
    : { pageIndex: place.pageIndex, onReview: true };
}

export function previousPosition(place: Place): SessionPosition {
  return { pageIndex: place.pageIndex - 1, onReview: false };
}

/** Back from the review page: the last page. */
export function lastPagePosition(place: Place): SessionPosition {
  return { pageIndex: Math.max(place.total - 1, 0), onReview: false };
}

/** From a problem on the review page to the page of its item. */
export function problemPosition(problem: ItemProblem): SessionPosition {
  return { pageIndex: problem.pageIndex, onReview: false };
}
