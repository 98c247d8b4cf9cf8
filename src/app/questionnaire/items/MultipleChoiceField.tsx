import { chosenCodes, optionsOf, toggleChoice, type AnswerableItem } from '../../../core/index.js';
import { Localised } from '../Localised.js';
import { ChoiceFieldset } from './ChoiceFieldset.js';
import { useFieldParts, type AnswerableFieldProps } from './field-parts.js';

/** One checkbox per option; the codes chosen are stored in the definition's order. */
export function MultipleChoiceField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'multiple-choice' }>>) {
  const { definition, item, language } = props;
  const parts = useFieldParts(props);
  const chosen = chosenCodes(parts.value);
  const all = optionsOf(definition, item);
  const codes = all.map((o) => o.code);
  const options = all.map((option) => ({
    key: option.code,
    isChecked: chosen.includes(option.code),
    label: <Localised text={option.text} definition={definition} language={language} />,
    onChange: () => parts.setValue(toggleChoice(codes, chosen, option.code)),
  }));
  return <ChoiceFieldset item={item} parts={parts} options={options} type="checkbox" />;
}
