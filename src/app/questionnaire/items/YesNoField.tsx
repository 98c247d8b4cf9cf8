import type { AnswerableItem } from '../../../core/index.js';
import { ChoiceFieldset } from './ChoiceFieldset.js';
import { useFieldParts, type AnswerableFieldProps } from './field-parts.js';

/** Two radios, yes and no; true or false is stored. */
export function YesNoField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'yes-no' }>>) {
  const parts = useFieldParts(props);
  const { t, value, setValue } = parts;
  const options = [
    { key: 'yes', isChecked: value === true, label: t('questionnaire.yes'), onChange: () => setValue({ value: true }) },
    { key: 'no', isChecked: value === false, label: t('questionnaire.no'), onChange: () => setValue({ value: false }) },
  ];
  return <ChoiceFieldset item={props.item} parts={parts} options={options} type="radio" />;
}
