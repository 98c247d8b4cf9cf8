import { lazy, Suspense, type RefObject } from 'react';
import { isRepeating, type Answer, type Answers, type Definition, type Page, type SupportNotice } from '../../core/index.js';
import type { AnswerChange } from '../../device/responses.js';
import { ItemField } from './ItemField.js';
import { Localised } from './Localised.js';
import { SupportNotices } from './SupportNotices.js';

// Few questionnaires have a repeating group: its entries are a chunk of their own, precached with the
// rest, so the first page of every other questionnaire does not carry them.
const RepeatingGroupEntries = lazy(() => import('./RepeatingGroupEntries.js').then((m) => ({ default: m.RepeatingGroupEntries })));

/** The page's own words, looked up once per page rather than on every answer. */
export interface PageWords {
  pageOf: string;
  notMonitored: string;
  back: string;
  forward: string;
  exit: string;
}

export interface PageFormProps {
  headingRef: RefObject<HTMLHeadingElement | null>;
  definition: Definition;
  language: string;
  page: Page;
  pageIndex: number;
  answers: Answers;
  /** Bumped when answers given in another tab arrive, so fields that keep their own text remount with them. */
  generation: number;
  /** The answer key jumped to from review (an item's id, or an entry's key), if any. */
  flagged: string | null;
  notices: SupportNotice[];
  words: PageWords;
  onAnswer: (key: string, answer: Answer | null) => void;
  /** Several answers at once: a repeating group's list of entries, and a removed entry's answers. */
  onAnswers: (changes: readonly AnswerChange[]) => void;
  onForward: () => void;
  onBack: () => void;
  onExit: () => void;
}

/** One page of questions, with the support notices that apply and the ways on. */
export function PageForm({
  headingRef,
  definition,
  language,
  page,
  pageIndex,
  answers,
  generation,
  flagged,
  notices,
  words,
  ...on
}: PageFormProps) {
  return (
    <form
      className="page"
      noValidate
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        on.onForward();
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
      <PageFields
        page={page}
        definition={definition}
        language={language}
        answers={answers}
        generation={generation}
        flagged={flagged}
        {...on}
      />
      <SupportNotices notices={notices} definition={definition} language={language} />
      <div className="actions">
        {pageIndex > 0 && (
          <button type="button" className="secondary" onClick={on.onBack}>
            {words.back}
          </button>
        )}
        <button type="submit" className="primary">
          {words.forward}
        </button>
      </div>
      <button type="button" className="link" onClick={on.onExit}>
        {words.exit}
      </button>
    </form>
  );
}

type PageFieldsProps = Pick<
  PageFormProps,
  'definition' | 'language' | 'page' | 'answers' | 'generation' | 'flagged' | 'onAnswer' | 'onAnswers'
>;

/** The page's questions: a repeating group's entries, or each visible item once. */
function PageFields({ page, definition, language, answers, generation, flagged, onAnswer, onAnswers }: PageFieldsProps) {
  const group = page.group;
  if (group && isRepeating(group) && page.instances)
    return (
      <Suspense fallback={null}>
        <RepeatingGroupEntries
          definition={definition}
          language={language}
          group={group}
          instances={page.instances}
          answers={answers}
          generation={generation}
          flagged={flagged}
          onAnswer={onAnswer}
          onAnswers={onAnswers}
        />
      </Suspense>
    );
  return page.items.map((item) => (
    <ItemField
      key={`${item.id}/${generation}`}
      definition={definition}
      item={item}
      language={language}
      answer={answers[item.id]}
      onAnswer={onAnswer}
      isFlagged={flagged === item.id}
    />
  ));
}
