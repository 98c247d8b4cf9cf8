import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleProblems, visiblePages, type Answers, type Definition, type ItemProblem } from '../../core/index.js';
import { Localised } from './Localised.js';

export interface ReviewPageProps {
  headingRef: RefObject<HTMLHeadingElement | null>;
  definition: Definition;
  language: string;
  problems: ItemProblem[];
  /** The answers so far, for the definition's rules between items. */
  answers: Answers;
  onJump: (problem: ItemProblem) => void;
  /** Back to the page (of the visible pages) that holds the item, to check an answer. */
  onJumpToItem: (pageIndex: number, itemId: string) => void;
  onBack: () => void;
  onComplete: () => void;
}

/** The answers that break a rule between items, each with the page of its first item. Not blocking. */
function RulesToCheck({
  definition,
  language,
  answers,
  onJumpToItem,
}: Pick<ReviewPageProps, 'definition' | 'language' | 'answers' | 'onJumpToItem'>) {
  const { t } = useTranslation();
  const broken = ruleProblems(definition, answers);
  if (broken.length === 0) return null;
  const pages = visiblePages(definition, answers);
  const pageOf = (itemId: string) => pages.findIndex((page) => page.items.some((item) => item.id === itemId));
  return (
    <section className="notice rules-to-check" aria-labelledby="rules-to-check-heading">
      <h3 id="rules-to-check-heading">{t('review.checkTitle')}</h3>
      <ul>
        {broken.map(({ rule }) => {
          const pageIndex = pageOf(rule.left);
          return (
            <li key={rule.id}>
              <p id={`rule-${rule.id}`}>
                <Localised text={rule.text} definition={definition} language={language} />
              </p>
              {pageIndex >= 0 && (
                <button
                  type="button"
                  className="link"
                  aria-describedby={`rule-${rule.id}`}
                  onClick={() => onJumpToItem(pageIndex, rule.left)}
                >
                  {t('review.checkGo', { page: pageIndex + 1 })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <p className="hint">{t('review.checkConfirm')}</p>
    </section>
  );
}

/**
 * Before completing: every unanswered required item (or answer to correct), each a way back to it;
 * and answers that break a rule between items, which the patient may check or confirm as they are.
 */
export function ReviewPage({
  headingRef,
  definition,
  language,
  problems,
  answers,
  onJump,
  onJumpToItem,
  onBack,
  onComplete,
}: ReviewPageProps) {
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
              <li key={problem.key}>
                <button type="button" className="link problem" onClick={() => onJump(problem)}>
                  {problem.position !== undefined && `${t('entries.heading', { position: problem.position })}: `}
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
          <RulesToCheck definition={definition} language={language} answers={answers} onJumpToItem={onJumpToItem} />
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
