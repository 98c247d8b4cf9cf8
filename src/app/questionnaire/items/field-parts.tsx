// What every answerable item shows around its control: the question with "(optional)", the help,
// the problem with its answer, and "I prefer not to answer". Each kind's component uses these.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  declineInputAnswer,
  hasValue,
  isRequired,
  offersDecline,
  validateAnswer,
  type Answer,
  type AnswerableItem,
  type AnswerProblem,
  type AnswerValue,
  type Definition,
} from '../../../core/index.js';
import { Localised } from '../Localised.js';
import { elementIdOf } from './element-id.js';

export interface AnswerableFieldProps<I extends AnswerableItem = AnswerableItem> {
  definition: Definition;
  item: I;
  language: string;
  answer: Answer | undefined;
  onAnswer: (itemId: string, answer: Answer | null) => void;
  /** Show "this question needs an answer" for a missing required answer (after a jump from review). */
  isFlagged?: boolean;
  /** Where the answer is stored, when not under the item's id: an entry's key in a repeating group. */
  answerKey?: string | undefined;
}

type Translate = TFunction<'translation'>;
type ShownProblem = AnswerProblem | 'notANumber';

export interface FieldParts {
  t: Translate;
  /** Unique per field: the name of its radios, and the base of its help and error ids. */
  baseId: string;
  /** The id of the control (or its fieldset), from the answer's key: what a jump from review focuses. */
  elementId: string;
  label: ReactNode;
  help: ReactNode;
  error: ReactNode;
  decline: ReactNode;
  describedBy: string | undefined;
  isInvalid: boolean;
  isDeclined: boolean;
  /** Fields that keep what was typed start again when declined or undeclined, so they never show an answer that is not stored. */
  fieldKey: 'declined' | 'answering';
  /** The stored value, when the answer is one. */
  value: AnswerValue | undefined;
  /** Stores an answer (null clears it), with a problem of the typed text that is not stored, if any. */
  setValue: (value: Answer | null, isNotANumber?: boolean) => void;
}

function describeProblem(t: Translate, item: AnswerableItem, problem: ShownProblem): string {
  if (problem === 'notANumber') return t('answerError.notANumber');
  const limit = problem.limit;
  if (item.kind === 'date' && problem.code === 'belowMin') return t('answerError.dateBeforeMin', { limit });
  if (item.kind === 'date' && problem.code === 'aboveMax') return t('answerError.dateAfterMax', { limit });
  return t(`answerError.${problem.code}`, { limit });
}

export function useFieldParts({
  definition,
  item,
  language,
  answer,
  onAnswer,
  isFlagged = false,
  answerKey = item.id,
}: AnswerableFieldProps): FieldParts {
  const { t } = useTranslation();
  const baseId = useId();
  const [inputProblem, setInputProblem] = useState<ShownProblem | null>(null);
  const isDeclined = answer !== undefined && 'declined' in answer;
  const storedProblem = validateAnswer(definition, item, answer);
  const problem = inputProblem ?? (storedProblem && (storedProblem.code !== 'required' || isFlagged) ? storedProblem : null);
  const errorId = `${baseId}-error`;
  const helpId = `${baseId}-help`;
  const setValue = (value: Answer | null, isNotANumber = false) => {
    setInputProblem(isNotANumber ? 'notANumber' : null);
    onAnswer(answerKey, value);
  };
  const text = (shown: Parameters<typeof Localised>[0]['text']) => <Localised text={shown} definition={definition} language={language} />;
  return {
    t,
    baseId,
    elementId: elementIdOf(answerKey),
    label: (
      <>
        {text(item.text)}
        {!isRequired(item) && <span className="optional"> ({t('questionnaire.optional')})</span>}
      </>
    ),
    help: item.help && (
      <p className="help" id={helpId}>
        {text(item.help)}
      </p>
    ),
    error: problem && (
      <p className="error" id={errorId} role="alert">
        {describeProblem(t, item, problem)}
      </p>
    ),
    decline: offersDecline(definition, item) && (
      <label className="decline">
        <input type="checkbox" checked={isDeclined} onChange={(event) => setValue(declineInputAnswer(event.target.checked))} />
        {t('questionnaire.preferNotToAnswer')}
      </label>
    ),
    describedBy: [item.help ? helpId : null, problem ? errorId : null].filter(Boolean).join(' ') || undefined,
    isInvalid: problem !== null,
    isDeclined,
    fieldKey: isDeclined ? 'declined' : 'answering',
    value: hasValue(answer) ? answer.value : undefined,
    setValue,
  };
}
