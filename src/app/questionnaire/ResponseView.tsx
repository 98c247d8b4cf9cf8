// A response in progress: one page at a time, then a review page, then completion. Every answer
// is written to the device as it is given; the position is written on every page change.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activeNotices,
  canonicalJson,
  reviewProblems,
  visiblePages,
  type Answer,
  type Answers,
  type ParsedDefinition,
  type SupportNotice,
} from '../../core/index.js';
import {
  completeResponse,
  getAnswers,
  getResponse,
  recordNoticesShown,
  ResponseStatus,
  setAnswer,
  setPosition,
  type ResponseRecord,
} from '../../device/responses.js';
import { useDevice } from '../device-context.js';
import { elementIdOf, ItemField } from './ItemField.js';
import type { DraftVault } from '../../device/vault.js';
import { Localised } from './Localised.js';
import { SupportNotices } from './SupportNotices.js';
import { ReviewPage } from './ReviewPage.js';

export interface ResponseViewProps {
  parsed: ParsedDefinition;
  response: ResponseRecord;
  initialAnswers: Answers;
  language: string;
  /** Called with the support notices that applied at completion, to show them once more. */
  onCompleted: (notices: SupportNotice[]) => void;
  onExit: () => void;
  /** How completion is stored: sealed for the register, or kept on the device (the default). */
  complete?: (responseId: string) => Promise<unknown>;
  /** Where this questionnaire stands in its order's sequence, when there are several. */
  sequence?: { current: number; total: number };
  /** On a shared tablet: the patient's vault; answers are stored encrypted under it. */
  vault?: DraftVault | null;
}

export function ResponseView({
  parsed,
  response,
  initialAnswers,
  language,
  onCompleted,
  onExit,
  complete: completeWith,
  sequence,
  vault = null,
}: ResponseViewProps) {
  const { definition } = parsed;
  const { t } = useTranslation();
  const db = useDevice();
  const [answers, setAnswers] = useState<Answers>(initialAnswers);
  const [position, setPositionState] = useState({ pageIndex: response.pageIndex, onReview: response.onReview });
  const [flagged, setFlagged] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const isFirstRender = useRef(true);

  // Bumped when answers given in another tab arrive, so fields that keep their own text remount with them.
  const [generation, setGeneration] = useState(0);
  const shownAnswers = useRef(answers);
  useEffect(() => {
    shownAnswers.current = answers;
  }, [answers]);
  // Completed (or sealed, which removes the draft) in another tab: this one can take no more answers.
  const [isClosedElsewhere, setClosedElsewhere] = useState(false);
  const isStillOpen = useCallback(async () => {
    const stored = await getResponse(db, response.id);
    if (stored?.status === ResponseStatus.inProgress) return true;
    setClosedElsewhere(true);
    return false;
  }, [db, response.id]);
  /** A write failed: say so, unless the response was closed in another tab (then nothing is lost). */
  const onWriteFailed = useCallback(
    (message: string) => {
      isStillOpen().then(
        (isOpen) => isOpen && setSaveError(message),
        () => setSaveError(message),
      );
    },
    [isStillOpen],
  );

  // The same response may be open in another tab: coming back to this one shows what is stored.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      void (async () => {
        if (!(await isStillOpen())) return;
        const stored = await getAnswers(db, response.id, vault);
        if (canonicalJson(stored) === canonicalJson(shownAnswers.current)) return;
        setAnswers(stored);
        setGeneration((n) => n + 1);
      })().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [db, response.id, vault, isStillOpen]);

  const pages = useMemo(() => visiblePages(definition, answers), [definition, answers]);
  const notices = useMemo(() => activeNotices(definition, answers), [definition, answers]);
  const noticeIds = notices.map((notice) => notice.id).join(' ');

  useEffect(() => {
    // The submission records every notice the person was shown.
    if (noticeIds) recordNoticesShown(db, response.id, noticeIds.split(' ')).catch(() => onWriteFailed(t('questionnaire.saveFailed')));
  }, [db, response.id, noticeIds, t, onWriteFailed]);
  const pageIndex = Math.min(position.pageIndex, Math.max(pages.length - 1, 0));
  const page = pages[pageIndex];
  const isOnReview = position.onReview || !page;
  // Only the review page lists problems: they are not worked out again on every answer on a page.
  const problems = useMemo(() => (isOnReview ? reviewProblems(definition, answers) : []), [definition, answers, isOnReview]);

  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    // After a page change, move focus to the new page (or the item jumped to) for keyboard and screen reader users.
    const target = pendingFocus.current;
    pendingFocus.current = null;
    const element = target ? document.getElementById(elementIdOf(target)) : null;
    const focusable = element?.matches('input, textarea, select') ? element : element?.querySelector<HTMLElement>('input, textarea');
    if (focusable) focusable.focus();
    else headingRef.current?.focus();
    window.scrollTo?.({ top: 0 });
  }, [position]);

  // Handed to the device before the state changes (Dexie opens its transaction in a microtask, after
  // React's render of the tap, which is why that render is kept small). The same function on every
  // render, so only the item answered renders again (ItemField is memoised).
  const onAnswer = useCallback(
    (itemId: string, answer: Answer | null) => {
      setAnswer(db, response.id, itemId, answer, vault).then(
        () => setSaveError(null),
        () => onWriteFailed(t('questionnaire.saveFailed')),
      );
      setAnswers((current) => {
        const next = { ...current };
        if (answer) next[itemId] = answer;
        else delete next[itemId];
        return next;
      });
    },
    [db, response.id, vault, t, onWriteFailed],
  );

  const goTo = (next: { pageIndex: number; onReview: boolean }, focusItem: string | null = null) => {
    pendingFocus.current = focusItem;
    setFlagged(focusItem);
    setPositionState(next);
    setPosition(db, response.id, next.pageIndex, next.onReview).catch(() => onWriteFailed(t('questionnaire.saveFailed')));
  };

  const complete = async () => {
    try {
      await (completeWith ? completeWith(response.id) : completeResponse(db, response.id));
      onCompleted(notices);
    } catch {
      onWriteFailed(t('review.completeFailed'));
    }
  };

  const total = pages.length;
  const current = position.onReview ? total : pageIndex + 1;
  const sequenceCurrent = sequence?.current ?? 0;
  const sequenceTotal = sequence?.total ?? 0;
  // i18next's t shows in a profile at every answer: the page's own words are looked up when the page changes.
  const words = useMemo(
    () => ({
      sequence: t('sequence.position', { current: sequenceCurrent, total: sequenceTotal }),
      pageOf: t('questionnaire.pageOf', { current, total }),
      progress: t('questionnaire.progress'),
      notMonitored: t('welcome.notMonitored'),
      back: t('questionnaire.back'),
      forward: pageIndex + 1 < total ? t('questionnaire.next') : t('questionnaire.toReview'),
      exit: t('questionnaire.exit'),
    }),
    [t, sequenceCurrent, sequenceTotal, current, total, pageIndex],
  );

  if (isClosedElsewhere)
    return (
      <section className="response" aria-labelledby="page-heading">
        <h1 className="questionnaire-title">
          <Localised text={definition.title} definition={definition} language={language} />
        </h1>
        <h2 id="page-heading">{t('questionnaire.closedElsewhere')}</h2>
        <p role="status">{t('questionnaire.closedElsewhereText')}</p>
        <button type="button" className="primary" onClick={onExit}>
          {t('common.close')}
        </button>
      </section>
    );

  return (
    <section className="response" aria-labelledby="page-heading">
      {sequenceTotal > 1 && <p className="sequence">{words.sequence}</p>}
      <h1 className="questionnaire-title">
        <Localised text={definition.title} definition={definition} language={language} />
      </h1>
      <div className="progress">
        {/* Where the page has no title of its own, its heading is the page count instead. */}
        {!position.onReview && page?.group?.title && <span>{words.pageOf}</span>}
        <progress max={total} value={current} aria-label={words.progress} />
      </div>
      {saveError && (
        <p className="notice notice-error" role="alert">
          {saveError}
        </p>
      )}
      {isOnReview ? (
        <ReviewPage
          headingRef={headingRef}
          definition={definition}
          language={language}
          problems={problems}
          onJump={(problem) => goTo({ pageIndex: problem.pageIndex, onReview: false }, problem.item.id)}
          onBack={() => goTo({ pageIndex: Math.max(total - 1, 0), onReview: false })}
          onComplete={() => void complete()}
        />
      ) : (
        <form
          className="page"
          noValidate
          autoComplete="off"
          onSubmit={(event) => {
            event.preventDefault();
            goTo(pageIndex + 1 < total ? { pageIndex: pageIndex + 1, onReview: false } : { pageIndex, onReview: true });
          }}
        >
          <h2 id="page-heading" tabIndex={-1} ref={headingRef} className={page.group?.title ? undefined : 'page-count'}>
            {page.group?.title ? <Localised text={page.group.title} definition={definition} language={language} /> : words.pageOf}
          </h2>
          {pageIndex === 0 && definition.introduction && (
            <p className="introduction">
              <Localised text={definition.introduction} definition={definition} language={language} />
            </p>
          )}
          {pageIndex === 0 && definition.notices && <p className="hint">{words.notMonitored}</p>}
          {page.group?.text && (
            <p className="group-text">
              <Localised text={page.group.text} definition={definition} language={language} />
            </p>
          )}
          {page.items.map((item) => (
            <ItemField
              key={`${item.id}/${generation}`}
              definition={definition}
              item={item}
              language={language}
              answer={answers[item.id]}
              onAnswer={onAnswer}
              isFlagged={flagged === item.id}
            />
          ))}
          <SupportNotices notices={notices} definition={definition} language={language} />
          <div className="actions">
            {pageIndex > 0 && (
              <button type="button" className="secondary" onClick={() => goTo({ pageIndex: pageIndex - 1, onReview: false })}>
                {words.back}
              </button>
            )}
            <button type="submit" className="primary">
              {words.forward}
            </button>
          </div>
          <button type="button" className="link" onClick={onExit}>
            {words.exit}
          </button>
        </form>
      )}
    </section>
  );
}
