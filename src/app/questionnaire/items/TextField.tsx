import { textInputAnswer, textMaxLength, type AnswerableItem } from '../../../core/index.js';
import { LabelledField } from './LabelledField.js';
import { useFieldParts, type AnswerableFieldProps, type FieldParts } from './field-parts.js';

type TextItem = Extract<AnswerableItem, { kind: 'text' | 'long-text' }>;

/** The attributes a line of text and a long text share. */
function sharedAttributes(item: TextItem, parts: FieldParts) {
  return {
    id: parts.elementId,
    autoComplete: 'off',
    spellCheck: false,
    defaultValue: typeof parts.value === 'string' ? parts.value : '',
    maxLength: textMaxLength(item),
    disabled: parts.isDeclined,
    'aria-invalid': parts.isInvalid || undefined,
    'aria-describedby': parts.describedBy,
  };
}

/** A line of text; text that is only spaces stores nothing. */
export function TextField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'text' }>>) {
  const { item } = props;
  const parts = useFieldParts(props);
  return (
    <LabelledField kind="text" parts={parts}>
      <input
        key={parts.fieldKey}
        type="text"
        {...sharedAttributes(item, parts)}
        onChange={(event) => parts.setValue(textInputAnswer(event.target.value))}
      />
    </LabelledField>
  );
}

/** A longer text, with the characters left counted down; text that is only spaces stores nothing. */
export function LongTextField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'long-text' }>>) {
  const { item } = props;
  const parts = useFieldParts(props);
  const shared = sharedAttributes(item, parts);
  return (
    <LabelledField kind="long-text" parts={parts}>
      <textarea key={parts.fieldKey} rows={5} {...shared} onChange={(event) => parts.setValue(textInputAnswer(event.target.value))} />
      <p className="hint" aria-live="polite">
        {parts.t('questionnaire.charactersLeft', { count: shared.maxLength - shared.defaultValue.length })}
      </p>
    </LabelledField>
  );
}
