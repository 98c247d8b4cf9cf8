import { dateInputAnswer, type AnswerableItem } from '../../../core/index.js';
import { elementIdOf } from './element-id.js';
import { useFieldParts, type AnswerableFieldProps } from './field-parts.js';

/** The browser's date control, bounded by the item's min and max; the date is stored as yyyy-mm-dd. */
export function DateField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'date' }>>) {
  const { item } = props;
  const parts = useFieldParts(props);
  return (
    <div className="item item-date">
      <label className="question" htmlFor={elementIdOf(item.id)}>
        {parts.label}
      </label>
      {parts.help}
      <input
        key={parts.fieldKey}
        id={elementIdOf(item.id)}
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
      {parts.decline}
      {parts.error}
    </div>
  );
}
