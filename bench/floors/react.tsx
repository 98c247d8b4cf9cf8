// Tap floor 2, the bare React page: the same first question page as bench/floors/bare.ts, drawn by
// React 19 with controlled radios (one memoised component per question, so a tap renders only the
// question answered), and one Dexie put per tap (the app's Dexie). What a tap costs on the stack of
// the design card with nothing of ours on top: no i18n, no session, no live queries, no validation.
import '../../src/app/styles.css';
import Dexie from 'dexie';
import { memo, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { answerRow } from './row.js';
import type { FloorItem, FloorPage } from './spec.js';

declare const __FLOOR_PAGES__: Record<string, FloorPage>;

const db = new Dexie('floor-react');
db.version(1).stores({ answers: '[responseId+itemId]' });
const responseId = crypto.randomUUID();

const Question = memo(function Question({
  item,
  words,
  value,
  onAnswer,
}: {
  item: FloorItem;
  words: FloorPage['words'];
  value: string | undefined;
  onAnswer: (itemId: string, value: string) => void;
}) {
  return (
    <fieldset
      className={`item item-${item.kind}`}
      id={`item-${item.id}`}
      tabIndex={-1}
      aria-describedby={item.help ? `${item.id}-help` : undefined}
    >
      <legend className="question">
        {item.question}
        {item.optional && <span className="optional"> ({words.optional})</span>}
      </legend>
      {item.help && (
        <p className="help" id={`${item.id}-help`}>
          {item.help}
        </p>
      )}
      <div className="choices">
        {item.options.map((option) => (
          <label className="choice" key={option.value}>
            <input
              type="radio"
              name={item.id}
              value={option.value}
              checked={value === option.value}
              required={!item.optional}
              onChange={() => onAnswer(item.id, option.value)}
            />
            {option.step === undefined ? (
              <span>{option.label}</span>
            ) : (
              <span>
                <span className="step">{option.step}</span>
                {option.label !== undefined && <span className="step-label">{option.label}</span>}
              </span>
            )}
          </label>
        ))}
      </div>
      {item.decline && (
        <label className="decline">
          <input type="checkbox" />
          {words.preferNotToAnswer}
        </label>
      )}
    </fieldset>
  );
});

function FloorPageView({ page }: { page: FloorPage }) {
  const { words } = page;
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const onAnswer = useCallback((itemId: string, value: string) => {
    void db.table('answers').put(answerRow(responseId, itemId, value));
    setAnswers((current) => ({ ...current, [itemId]: value }));
  }, []);
  return (
    <>
      <a className="skip-link" href="#main">
        {words.skip}
      </a>
      <header className="app-header">
        <a className="app-name" href="#/">
          {words.appName}
        </a>
      </header>
      <main id="main" tabIndex={-1}>
        <section className="response" aria-labelledby="page-heading">
          <h1 className="questionnaire-title">{page.title}</h1>
          <div className="progress">
            {page.heading !== page.pageOf && <span>{page.pageOf}</span>}
            <progress max={page.total} value={1} aria-label={words.progress} />
          </div>
          <form className="page" noValidate autoComplete="off" onSubmit={(event) => event.preventDefault()}>
            <h2 id="page-heading" tabIndex={-1}>
              {page.heading}
            </h2>
            {page.introduction && <p className="introduction">{page.introduction}</p>}
            {page.groupText && <p className="group-text">{page.groupText}</p>}
            {page.items.map((item) => (
              <Question key={item.id} item={item} words={words} value={answers[item.id]} onAnswer={onAnswer} />
            ))}
            <div className="actions">
              <button type="submit" className="primary">
                {words.next}
              </button>
            </div>
            <button type="button" className="link">
              {words.exit}
            </button>
          </form>
        </section>
      </main>
    </>
  );
}

const page = __FLOOR_PAGES__[new URLSearchParams(location.search).get('q') ?? 'ede-q'];
if (!page) throw new Error('no such floor page');
createRoot(document.getElementById('root')!).render(<FloorPageView page={page} />);
