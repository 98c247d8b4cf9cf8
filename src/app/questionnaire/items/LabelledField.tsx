// The frame of an item whose answer is typed (text, number, date): the question as the control's
// label, the help, the control, "I prefer not to answer" and the problem, in that order.
import type { ReactNode } from 'react';
import type { FieldParts } from './field-parts.js';

interface LabelledFieldProps {
  /** The item's kind, for its class name. */
  kind: string;
  parts: FieldParts;
  children: ReactNode;
}

export function LabelledField({ kind, parts, children }: LabelledFieldProps) {
  return (
    <div className={`item item-${kind}`}>
      <label className="question" htmlFor={parts.elementId}>
        {parts.label}
      </label>
      {parts.help}
      {children}
      {parts.decline}
      {parts.error}
    </div>
  );
}
