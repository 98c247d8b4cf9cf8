// A response in progress: one page at a time, then a review page, then completion. The session's
// rules are in src/core/response-session.ts and its storage in useResponseSession; this renders
// it and moves focus to each new page.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FailedWrite,
  lastPagePosition,
  nextPosition,
  previousPosition,
  problemPosition,
  type Answers,
  type ParsedDefinition,
  type Place,
  type SessionPosition,
  type SupportNotice,
} from '../../core/index.js';
import type { ResponseRecord } from '../../device/responses.js';
import type { DraftVault } from '../../device/vault.js';
import { Localised } from './Localised.js';
import { PageForm, type PageWords } from './PageForm.js';
import { elementIdOf } from './items/element-id.js';
import { ReviewPage } from './ReviewPage.js';
import { useResponseSession } from './use-response-session.js';

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

/** After a page change, focus moves to the new page (or the item jumped to) for keyboard and screen reader users. */
function usePageFocus(position: SessionPosition, headingRef: RefObject<HTMLHeadingElement | null>) {
  const pendingFocus = useRef<string | null>(null);
  const isFirstRender = useRef(true);
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    const target = pendingFocus.current;
    pendingFocus.current = null;
    const element = target ? document.getElementById(elementIdOf(target)) : null;
    const focusable = element?.matches('input, textarea, select') ? element : element?.querySelector<HTMLElement>('input, textarea');
    if (focusable) focusable.focus();
    else headingRef.current?.focus();
    window.scrollTo?.({ top: 0 });
  }, [position, headingRef]);
  return pendingFocus;
}

type Words = PageWords & { sequence: string; progress: string };

/** i18next's t shows in a profile at every answer: the page's own words are looked up when the page changes. */
function usePageWords({ pageIndex, total, current }: Place, sequence: ResponseViewProps['sequence']): Words {
  const { t } = useTranslation();
  const sequenceCurrent = sequence?.current ?? 0;
  const sequenceTotal = sequence?.total ?? 0;
  return useMemo(
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
}

function ClosedElsewhere({ parsed, language, onExit }: Pick<ResponseViewProps, 'parsed' | 'language' | 'onExit'>) {
  const { t } = useTranslation();
  const { definition } = parsed;
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
}

export function ResponseView(props: ResponseViewProps) {
  const { parsed, language, onExit, sequence } = props;
  const { definition } = parsed;
  const { t } = useTranslation();
  const { session, place, notices, problems, onAnswer, onAnswers, goTo, complete } = useResponseSession({
    definition,
    response: props.response,
    initialAnswers: props.initialAnswers,
    vault: props.vault ?? null,
    completeWith: props.complete,
    onCompleted: props.onCompleted,
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = usePageFocus(session.position, headingRef);
  const moveTo = (next: SessionPosition, focusItem: string | null = null) => {
    pendingFocus.current = focusItem;
    goTo(next, focusItem);
  };

  const { pageIndex, page, total, current } = place;
  const words = usePageWords(place, sequence);
  const sequenceTotal = sequence?.total ?? 0;

  if (session.isClosedElsewhere) return <ClosedElsewhere parsed={parsed} language={language} onExit={onExit} />;

  return (
    <section className="response" aria-labelledby="page-heading">
      {sequenceTotal > 1 && <p className="sequence">{words.sequence}</p>}
      <h1 className="questionnaire-title">
        <Localised text={definition.title} definition={definition} language={language} />
      </h1>
      <div className="progress">
        {/* Where the page has no title of its own, its heading is the page count instead. */}
        {!session.position.onReview && page?.group?.title && <span>{words.pageOf}</span>}
        <progress max={total} value={current} aria-label={words.progress} />
      </div>
      {session.failedWrite && (
        <p className="notice notice-error" role="alert">
          {session.failedWrite === FailedWrite.complete ? t('review.completeFailed') : t('questionnaire.saveFailed')}
        </p>
      )}
      {place.isOnReview || !page ? (
        <ReviewPage
          headingRef={headingRef}
          definition={definition}
          language={language}
          problems={problems}
          answers={session.answers}
          onJump={(problem) => moveTo(problemPosition(problem), problem.key)}
          onJumpToItem={(index, itemId) => moveTo({ pageIndex: index, onReview: false }, itemId)}
          onBack={() => moveTo(lastPagePosition(place))}
          onComplete={() => void complete()}
        />
      ) : (
        <PageForm
          headingRef={headingRef}
          definition={definition}
          language={language}
          page={page}
          pageIndex={pageIndex}
          answers={session.answers}
          generation={session.generation}
          flagged={session.flagged}
          notices={notices}
          words={words}
          onAnswer={onAnswer}
          onAnswers={onAnswers}
          onForward={() => moveTo(nextPosition(place))}
          onBack={() => moveTo(previousPosition(place))}
          onExit={onExit}
        />
      )}
    </section>
  );
}
