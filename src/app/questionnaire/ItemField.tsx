// One item of a questionnaire as a form control. Authored text is rendered as React text nodes,
// never as HTML.
import { memo, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  hasValue,
  isRequired,
  offersDecline,
  optionsOf,
  validateAnswer,
  type Answer,
  type AnswerableItem,
  type AnswerProblem,
  type Definition,
  type LeafItem,
} from '../../core/index.js';
import { Localised } from './Localised.js';
import { formatLocaleNumber, parseLocaleNumber } from './numbers.js';

export interface ItemFieldProps {
  definition: Definition;
  item: LeafItem;
  language: string;
  answer: Answer | undefined;
  onAnswer: (itemId: string, answer: Answer | null) => void;
  /** Show "this question needs an answer" for a missing required answer (after a jump from review). */
  isFlagged?: boolean;
}

export function elementIdOf(itemId: string): string {
  return `item-${itemId}`;
}

/** Memoised: an answer renders again only the item it answers (its other props stay the same objects). */
export const ItemField = memo(function ItemField(props: ItemFieldProps) {
  const { definition, item, language } = props;
  if (item.kind === 'display')
    return (
      <div className="item item-display" id={elementIdOf(item.id)}>
        <p>
          <Localised text={item.text} definition={definition} language={language} />
        </p>
        {item.help && (
          <p className="help">
            <Localised text={item.help} definition={definition} language={language} />
          </p>
        )}
      </div>
    );
  return <AnswerableField {...props} item={item} />;
});

function AnswerableField(props: ItemFieldProps & { item: AnswerableItem }) {
  const { definition, item, language, answer, onAnswer, isFlagged = false } = props;
  const { t } = useTranslation();
  const baseId = useId();
  const [inputProblem, setInputProblem] = useState<AnswerProblem | 'notANumber' | null>(null);
  const isDeclined = answer !== undefined && 'declined' in answer;
  const storedProblem = validateAnswer(definition, item, answer);
  const problem = inputProblem ?? (storedProblem && (storedProblem.code !== 'required' || isFlagged) ? storedProblem : null);
  const errorId = `${baseId}-error`;
  const helpId = `${baseId}-help`;
  const describedBy = [item.help ? helpId : null, problem ? errorId : null].filter(Boolean).join(' ') || undefined;

  const setValue = (value: Answer | null, localProblem: typeof inputProblem = null) => {
    setInputProblem(localProblem);
    onAnswer(item.id, value);
  };

  const label = (
    <>
      <Localised text={item.text} definition={definition} language={language} />
      {!isRequired(item) && <span className="optional"> ({t('questionnaire.optional')})</span>}
    </>
  );
  const help = item.help && (
    <p className="help" id={helpId}>
      <Localised text={item.help} definition={definition} language={language} />
    </p>
  );
  const error = problem && (
    <p className="error" id={errorId} role="alert">
      {describeProblem(t, item, problem)}
    </p>
  );
  const decline = offersDecline(definition, item) && (
    <label className="decline">
      <input type="checkbox" checked={isDeclined} onChange={(event) => setValue(event.target.checked ? { declined: true } : null)} />
      {t('questionnaire.preferNotToAnswer')}
    </label>
  );
  const common = { describedBy, isInvalid: problem !== null, isDisabled: isDeclined };
  // Fields that keep what was typed start again when declined or undeclined, so they never show an answer that is not stored.
  const fieldKey = isDeclined ? 'declined' : 'answering';
  const value = hasValue(answer) ? answer.value : undefined;

  const choices = (options: { key: string; checked: boolean; label: ReactNode; onChange: () => void }[], type: 'radio' | 'checkbox') => (
    <fieldset
      className={`item item-${item.kind}`}
      id={elementIdOf(item.id)}
      aria-describedby={describedBy}
      aria-invalid={common.isInvalid || undefined}
      tabIndex={-1}
    >
      <legend className="question">{label}</legend>
      {help}
      <div className="choices">
        {options.map((option) => (
          <label className="choice" key={option.key}>
            <input
              type={type}
              name={baseId}
              value={option.key}
              checked={option.checked}
              disabled={isDeclined}
              required={type === 'radio' && isRequired(item)}
              onChange={option.onChange}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {decline}
      {error}
    </fieldset>
  );

  switch (item.kind) {
    case 'single-choice':
      return choices(
        optionsOf(definition, item).map((option) => ({
          key: option.code,
          checked: value === option.code,
          label: <Localised text={option.text} definition={definition} language={language} />,
          onChange: () => setValue({ value: option.code }),
        })),
        'radio',
      );
    case 'multiple-choice': {
      const chosen = Array.isArray(value) ? value : [];
      const codes = optionsOf(definition, item).map((o) => o.code);
      return choices(
        optionsOf(definition, item).map((option) => ({
          key: option.code,
          checked: chosen.includes(option.code),
          label: <Localised text={option.text} definition={definition} language={language} />,
          onChange: () => {
            const next = chosen.includes(option.code) ? chosen.filter((c) => c !== option.code) : [...chosen, option.code];
            // keep the definition's order, so the stored answer does not depend on the order of taps
            const ordered = codes.filter((c) => next.includes(c));
            setValue(ordered.length > 0 ? { value: ordered } : null);
          },
        })),
        'checkbox',
      );
    }
    case 'scale': {
      const steps = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
      return choices(
        steps.map((step) => {
          const stepLabel = item.labels.find((l) => l.value === step);
          return {
            key: String(step),
            checked: value === step,
            label: (
              <>
                <span className="step">{step}</span>
                {stepLabel && (
                  <span className="step-label">
                    <Localised text={stepLabel.text} definition={definition} language={language} />
                  </span>
                )}
              </>
            ),
            onChange: () => setValue({ value: step }),
          };
        }),
        'radio',
      );
    }
    case 'yes-no':
      return choices(
        [
          { key: 'yes', checked: value === true, label: t('questionnaire.yes'), onChange: () => setValue({ value: true }) },
          { key: 'no', checked: value === false, label: t('questionnaire.no'), onChange: () => setValue({ value: false }) },
        ],
        'radio',
      );
    case 'integer':
    case 'decimal':
      return (
        <div className={`item item-${item.kind}`}>
          <label className="question" htmlFor={elementIdOf(item.id)}>
            {label}
          </label>
          {help}
          <div className="with-unit">
            <NumberInput
              key={fieldKey}
              id={elementIdOf(item.id)}
              initial={typeof value === 'number' ? value : undefined}
              isWhole={item.kind === 'integer'}
              {...common}
              onChange={(text) => {
                if (text.trim() === '') return setValue(null);
                const parsed = parseLocaleNumber(text);
                if (parsed === null) return setValue(null, 'notANumber');
                setValue({ value: parsed });
              }}
            />
            {item.unit && (
              <span className="unit">
                <Localised text={item.unit} definition={definition} language={language} />
              </span>
            )}
          </div>
          {decline}
          {error}
        </div>
      );
    case 'date':
      return (
        <div className="item item-date">
          <label className="question" htmlFor={elementIdOf(item.id)}>
            {label}
          </label>
          {help}
          <input
            key={fieldKey}
            id={elementIdOf(item.id)}
            type="date"
            autoComplete="off"
            defaultValue={typeof value === 'string' ? value : ''}
            min={item.min}
            max={item.max}
            disabled={isDeclined}
            aria-invalid={common.isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setValue(event.target.value ? { value: event.target.value } : null)}
          />
          {decline}
          {error}
        </div>
      );
    case 'text':
    case 'long-text': {
      const maxLength = item.maxLength ?? (item.kind === 'text' ? 500 : 10000);
      const text = typeof value === 'string' ? value : '';
      const shared = {
        id: elementIdOf(item.id),
        autoComplete: 'off',
        spellCheck: false,
        defaultValue: text,
        maxLength,
        disabled: isDeclined,
        'aria-invalid': common.isInvalid || undefined,
        'aria-describedby': describedBy,
      };
      const onText = (next: string) => setValue(next.trim() === '' ? null : { value: next });
      return (
        <div className={`item item-${item.kind}`}>
          <label className="question" htmlFor={shared.id}>
            {label}
          </label>
          {help}
          {item.kind === 'text' ? (
            <input key={fieldKey} type="text" {...shared} onChange={(event) => onText(event.target.value)} />
          ) : (
            <textarea key={fieldKey} rows={5} {...shared} onChange={(event) => onText(event.target.value)} />
          )}
          {item.kind === 'long-text' && (
            <p className="hint" aria-live="polite">
              {t('questionnaire.charactersLeft', { count: maxLength - text.length })}
            </p>
          )}
          {decline}
          {error}
        </div>
      );
    }
  }
}

type Translate = ReturnType<typeof useTranslation>['t'];

function describeProblem(t: Translate, item: AnswerableItem, problem: AnswerProblem | 'notANumber'): string {
  if (problem === 'notANumber') return t('answerError.notANumber');
  const limit = problem.limit;
  if (item.kind === 'date' && problem.code === 'belowMin') return t('answerError.dateBeforeMin', { limit });
  if (item.kind === 'date' && problem.code === 'aboveMax') return t('answerError.dateAfterMax', { limit });
  return t(`answerError.${problem.code}`, { limit });
}

interface NumberInputProps {
  id: string;
  initial: number | undefined;
  isWhole: boolean;
  describedBy: string | undefined;
  isInvalid: boolean;
  isDisabled: boolean;
  onChange: (text: string) => void;
}

/** A text field for numbers: accepts "72,5" as well as "72.5", and keeps what was typed while it is incomplete. */
function NumberInput({ id, initial, isWhole, describedBy, isInvalid, isDisabled, onChange }: NumberInputProps) {
  const { i18n } = useTranslation();
  const [text, setText] = useState(() => (initial === undefined ? '' : formatLocaleNumber(initial, i18n.language)));
  return (
    <input
      id={id}
      type="text"
      inputMode={isWhole ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={text}
      disabled={isDisabled}
      aria-invalid={isInvalid || undefined}
      aria-describedby={describedBy}
      onChange={(event) => {
        setText(event.target.value);
        onChange(event.target.value);
      }}
    />
  );
}
