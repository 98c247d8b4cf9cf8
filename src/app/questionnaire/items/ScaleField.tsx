import { scaleSteps, type AnswerableItem } from '../../../core/index.js';
import { Localised } from '../Localised.js';
import { ChoiceFieldset } from './ChoiceFieldset.js';
import { useFieldParts, type AnswerableFieldProps } from './field-parts.js';

/** One radio per step, with the step's label where the definition gives one; the number is stored. */
export function ScaleField(props: AnswerableFieldProps<Extract<AnswerableItem, { kind: 'scale' }>>) {
  const { definition, item, language } = props;
  const parts = useFieldParts(props);
  const options = scaleSteps(item).map((step) => {
    const stepLabel = item.labels.find((l) => l.value === step);
    return {
      key: String(step),
      isChecked: parts.value === step,
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
      onChange: () => parts.setValue({ value: step }),
    };
  });
  return <ChoiceFieldset item={item} parts={parts} options={options} type="radio" />;
}
