// Drives the response session (src/core/response-session.ts) for one response: each transition is
// stored on the device as it happens (answers, position, notices shown, completion), and answers
// given in another tab are taken in when the person comes back to this one.
import { useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import {
  activeNotices,
  answered,
  closedElsewhere,
  FailedWrite,
  movedTo,
  placeOf,
  receivedStored,
  reviewProblems,
  startSession,
  visiblePages,
  writeFailed,
  writeSucceeded,
  type Answer,
  type Answers,
  type Definition,
  type ResponseSession,
  type SessionPosition,
  type SupportNotice,
} from '../../core/index.js';
import type { DeviceDatabase } from '../../device/database.js';
import {
  completeResponse,
  getAnswers,
  getResponse,
  recordNoticesShown,
  ResponseStatus,
  setAnswer,
  setAnswers,
  setPosition,
  type AnswerChange,
  type ResponseRecord,
} from '../../device/responses.js';
import type { DraftVault } from '../../device/vault.js';
import { useDevice } from '../device-context.js';

export interface ResponseSessionOptions {
  definition: Definition;
  response: ResponseRecord;
  initialAnswers: Answers;
  /** On a shared tablet: the patient's vault; answers are stored encrypted under it. */
  vault: DraftVault | null;
  /** How completion is stored: sealed for the register, or kept on the device (the default). */
  completeWith?: (responseId: string) => Promise<unknown>;
  onCompleted: (notices: SupportNotice[]) => void;
}

type SetSession = Dispatch<SetStateAction<ResponseSession>>;

/** A write failed: say so, unless the response was closed in another tab (then nothing is lost). */
function useWriteFailure(db: DeviceDatabase, responseId: string, setSession: SetSession) {
  const isStillOpen = useCallback(async () => {
    const stored = await getResponse(db, responseId);
    if (stored?.status === ResponseStatus.inProgress) return true;
    setSession(closedElsewhere);
    return false;
  }, [db, responseId, setSession]);
  const onWriteFailed = useCallback(
    (failed: FailedWrite) => {
      const fail = () => setSession((session) => writeFailed(session, failed));
      isStillOpen().then((isOpen) => isOpen && fail(), fail);
    },
    [isStillOpen, setSession],
  );
  return { isStillOpen, onWriteFailed };
}

/** The same response may be open in another tab: coming back to this one shows what is stored. */
function useStoredOnReturn(
  db: DeviceDatabase,
  responseId: string,
  vault: DraftVault | null,
  isStillOpen: () => Promise<boolean>,
  setSession: SetSession,
) {
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      void (async () => {
        if (!(await isStillOpen())) return;
        const stored = await getAnswers(db, responseId, vault);
        setSession((session) => receivedStored(session, stored));
      })().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [db, responseId, vault, isStillOpen, setSession]);
}

export function useResponseSession({ definition, response, initialAnswers, vault, completeWith, onCompleted }: ResponseSessionOptions) {
  const db = useDevice();
  const responseId = response.id;
  const [session, setSession] = useState(() =>
    startSession(initialAnswers, { pageIndex: response.pageIndex, onReview: response.onReview }),
  );
  const { isStillOpen, onWriteFailed } = useWriteFailure(db, responseId, setSession);
  useStoredOnReturn(db, responseId, vault, isStillOpen, setSession);

  const { answers } = session;
  const pages = useMemo(() => visiblePages(definition, answers), [definition, answers]);
  const notices = useMemo(() => activeNotices(definition, answers), [definition, answers]);
  const noticeIds = notices.map((notice) => notice.id).join(' ');
  useEffect(() => {
    // The submission records every notice the person was shown.
    if (noticeIds) recordNoticesShown(db, responseId, noticeIds.split(' ')).catch(() => onWriteFailed(FailedWrite.save));
  }, [db, responseId, noticeIds, onWriteFailed]);
  const place = placeOf(session.position, pages);
  // Only the review page lists problems: they are not worked out again on every answer on a page.
  const problems = useMemo(() => (place.isOnReview ? reviewProblems(definition, answers) : []), [definition, answers, place.isOnReview]);

  // Handed to the device before the state changes (Dexie opens its transaction in a microtask, after
  // React's render of the tap, which is why that render is kept small). The same function on every
  // render, so only the item answered renders again (ItemField is memoised).
  const onAnswer = useCallback(
    (itemId: string, answer: Answer | null) => {
      setAnswer(db, responseId, itemId, answer, vault).then(
        () => setSession(writeSucceeded),
        () => onWriteFailed(FailedWrite.save),
      );
      setSession((current) => answered(current, itemId, answer));
    },
    [db, responseId, vault, onWriteFailed],
  );

  // Several answers at once (a repeating group's list of entries, and a removed entry's answers
  // deleted): one transaction on the device, one change of state.
  const onAnswers = useCallback(
    (changes: readonly AnswerChange[]) => {
      setAnswers(db, responseId, changes, vault).then(
        () => setSession(writeSucceeded),
        () => onWriteFailed(FailedWrite.save),
      );
      setSession((current) => changes.reduce((session, [key, answer]) => answered(session, key, answer), current));
    },
    [db, responseId, vault, onWriteFailed],
  );

  const goTo = (next: SessionPosition, flagged: string | null = null) => {
    setSession((current) => movedTo(current, next, flagged));
    setPosition(db, responseId, next.pageIndex, next.onReview).catch(() => onWriteFailed(FailedWrite.save));
  };

  const complete = async () => {
    try {
      await (completeWith ? completeWith(responseId) : completeResponse(db, responseId));
      onCompleted(notices);
    } catch {
      onWriteFailed(FailedWrite.complete);
    }
  };

  return { session, pages, place, notices, problems, onAnswer, onAnswers, goTo, complete };
}
