import { optionsOf, type AnswerableItem } from '../../../core/index.js';
import { Localised } from '../Localised.js';
import { ChoiceFieldset } from './ChoiceFieldset.js';
import { useFieldParts, type AnswerableFieldProps } from './field-parts.js';

/** One radio per option; the option's code is stored. */
export function SingleChoiceField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'single-choice' }>>) {
  const { definition, item, language } = props;
  const parts = useFieldParts(props);
  const options = optionsOf(definition, item).map((option) => ({
    key: option.code,
    isChecked: parts.value === option.code,
    label: <Localised text={option.text} definition={definition} language={language} />,
    onChange: () => parts.setValue({ value: option.code }),
  }));
  return <ChoiceFieldset item={item} parts={parts} options={options} type="radio" />;
}
