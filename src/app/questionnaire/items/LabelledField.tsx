// The frame of an item whose answer is typed (text, number, date): the question as the control's
// label, the help, the control, "I prefer not to answer" and the problem, in that order.
import type { ReactNode } from 'react';
import { elementIdOf } from './element-id.js';
import type { FieldParts } from './field-parts.js';

interface LabelledFieldProps {
  /** The item's kind, for its class name. */
  kind: string;
  itemId: string;
  parts: FieldParts;
  children: ReactNode;
}

export function LabelledField({ kind, itemId, parts, children }: LabelledFieldProps) {
  return (
    <div className={`item item-${kind}`}>
      <label className="question" htmlFor={elementIdOf(itemId)}>
        {parts.label}
      </label>
      {parts.help}
      {children}
      {parts.decline}
      {parts.error}
    </div>
  );
}
