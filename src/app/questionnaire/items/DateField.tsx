import { dateInputAnswer, type AnswerableItem } from '../../../core/index.js';
import { LabelledField } from './LabelledField.js';
import { useFieldParts, type AnswerableFieldProps } from './field-parts.js';

/** The browser's date control, bounded by the item's min and max; the date is stored as yyyy-mm-dd. */
export function DateField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'date' }>>) {
  const { item } = props;
  const parts = useFieldParts(props);
  return (
    <LabelledField kind="date" parts={parts}>
      <input
        key={parts.fieldKey}
        id={parts.elementId}
        type="date"
        autoComplete="off"
        defaultValue={typeof parts.value === 'string' ? parts.value : ''}
        min={item.min}
        max={item.max}
        disabled={parts.isDeclined}
        aria-invalid={parts.isInvalid || undefined}
        aria-describedby={parts.describedBy}
        onChange={(event) => parts.setValue(dateInputAnswer(event.target.value))}
      />
    </LabelledField>
  );
}
