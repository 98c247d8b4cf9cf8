// The first question page as the floors draw it with React 19: controlled radios, one memoised
// component per question (so a tap renders only the question answered), and one store per tap.
// Shared by the bare React floor (react.tsx) and the stack floor (stack.tsx).
import { memo, useCallback, useState } from 'react';
import type { FloorItem, FloorPage } from './spec.js';

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

export function FloorPageView({
  page,
  words,
  store,
}: {
  page: FloorPage;
  words: FloorPage['words'];
  store: (itemId: string, value: string) => void;
}) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const onAnswer = useCallback(
    (itemId: string, value: string) => {
      store(itemId, value);
      setAnswers((current) => ({ ...current, [itemId]: value }));
    },
    [store],
  );
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
