import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition, ItemProblem } from '../../core/index.js';
import { Localised } from './Localised.js';

export interface ReviewPageProps {
  headingRef: RefObject<HTMLHeadingElement | null>;
  definition: Definition;
  language: string;
  problems: ItemProblem[];
  onJump: (problem: ItemProblem) => void;
  onBack: () => void;
  onComplete: () => void;
}

/** Before completing: every unanswered required item (or answer to correct), each a way back to it. */
export function ReviewPage({ headingRef, definition, language, problems, onJump, onBack, onComplete }: ReviewPageProps) {
  const { t } = useTranslation();
  return (
    <div className="review">
      <h2 id="page-heading" tabIndex={-1} ref={headingRef}>
        {t('review.title')}
      </h2>
      {problems.length > 0 ? (
        <>
          <p>{t('review.problems', { count: problems.length })}</p>
          <ul className="problems">
            {problems.map((problem) => (
              <li key={problem.item.id}>
                <button type="button" className="link problem" onClick={() => onJump(problem)}>
                  <Localised text={problem.item.text} definition={definition} language={language} />{' '}
                  <span className="problem-page">({t('review.onPage', { page: problem.pageIndex + 1 })})</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>{t('review.ready')}</p>
          <p className="hint">{t('review.completeHelp')}</p>
        </>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t('questionnaire.back')}
        </button>
        {problems.length === 0 && (
          <button type="button" className="primary" onClick={onComplete}>
            {t('review.complete')}
          </button>
        )}
      </div>
    </div>
  );
}
