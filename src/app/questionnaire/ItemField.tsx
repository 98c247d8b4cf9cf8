// One item of a questionnaire as a form control, one component per kind (in items/); the rules
// for turning input into answers are in src/core/answer-input.ts. Authored text is rendered as
// React text nodes, never as HTML.
import { memo } from 'react';
import type { LeafItem } from '../../core/index.js';
import { DateField } from './items/DateField.js';
import { DisplayField } from './items/DisplayField.js';
import type { AnswerableFieldProps } from './items/field-parts.js';
import { MultipleChoiceField } from './items/MultipleChoiceField.js';
import { NumberField } from './items/NumberField.js';
import { ScaleField } from './items/ScaleField.js';
import { SingleChoiceField } from './items/SingleChoiceField.js';
import { LongTextField, TextField } from './items/TextField.js';
import { YesNoField } from './items/YesNoField.js';

export type ItemFieldProps = Omit<AnswerableFieldProps, 'item'> & { item: LeafItem };

/** Memoised: an answer renders again only the item it answers (its other props stay the same objects). */
export const ItemField = memo(function ItemField(props: ItemFieldProps) {
  const { item } = props;
  switch (item.kind) {
    case 'display':
      return <DisplayField definition={props.definition} item={item} language={props.language} elementKey={props.answerKey} />;
    case 'single-choice':
      return <SingleChoiceField {...props} item={item} />;
    case 'multiple-choice':
      return <MultipleChoiceField {...props} item={item} />;
    case 'scale':
      return <ScaleField {...props} item={item} />;
    case 'yes-no':
      return <YesNoField {...props} item={item} />;
    case 'integer':
    case 'decimal':
      return <NumberField {...props} item={item} />;
    case 'date':
      return <DateField {...props} item={item} />;
    case 'text':
      return <TextField {...props} item={item} />;
    case 'long-text':
      return <LongTextField {...props} item={item} />;
  }
});
