import type { ReactNode } from 'react';
import { isRequired, type AnswerableItem } from '../../../core/index.js';
import type { FieldParts } from './field-parts.js';

export interface ChoiceOption {
  key: string;
  isChecked: boolean;
  label: ReactNode;
  onChange: () => void;
}

/** A question answered by radios or checkboxes: a fieldset named by its question. */
export function ChoiceFieldset({
  item,
  parts,
  options,
  type,
}: {
  item: AnswerableItem;
  parts: FieldParts;
  options: ChoiceOption[];
  type: 'radio' | 'checkbox';
}) {
  return (
    <fieldset
      className={`item item-${item.kind}`}
      id={parts.elementId}
      aria-describedby={parts.describedBy}
      aria-invalid={parts.isInvalid || undefined}
      tabIndex={-1}
    >
      <legend className="question">{parts.label}</legend>
      {parts.help}
      <div className="choices">
        {options.map((option) => (
          <label className="choice" key={option.key}>
            <input
              type={type}
              name={parts.baseId}
              value={option.key}
              checked={option.isChecked}
              disabled={parts.isDeclined}
              required={type === 'radio' && isRequired(item)}
              onChange={option.onChange}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {parts.decline}
      {parts.error}
    </fieldset>
  );
}
