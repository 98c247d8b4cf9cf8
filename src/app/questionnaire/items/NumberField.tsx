import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocaleNumber, numberInputAnswer, type AnswerableItem } from '../../../core/index.js';
import { Localised } from '../Localised.js';
import { LabelledField } from './LabelledField.js';
import { useFieldParts, type AnswerableFieldProps } from './field-parts.js';

/** An integer or decimal item: a text field for numbers, with the item's unit beside it. */
export function NumberField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'integer' | 'decimal' }>>) {
  const { definition, item, language } = props;
  const parts = useFieldParts(props);
  return (
    <LabelledField kind={item.kind} parts={parts}>
      <div className="with-unit">
        <NumberInput
          key={parts.fieldKey}
          id={parts.elementId}
          initial={typeof parts.value === 'number' ? parts.value : undefined}
          isWhole={item.kind === 'integer'}
          describedBy={parts.describedBy}
          isInvalid={parts.isInvalid}
          isDisabled={parts.isDeclined}
          onChange={(text) => {
            const { answer, isNotANumber } = numberInputAnswer(text);
            parts.setValue(answer, isNotANumber);
          }}
        />
        {item.unit && (
          <span className="unit">
            <Localised text={item.unit} definition={definition} language={language} />
          </span>
        )}
      </div>
    </LabelledField>
  );
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
