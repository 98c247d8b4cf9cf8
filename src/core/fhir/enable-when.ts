// Conditions as FHIR enableWhen: a flat list joined by "all" or "any". What that cannot say ("not"
// of anything but "answered", an "all" inside an "any", a range of a scale inside an "all") is
// written as an SDC enableWhenExpression instead.
import type { AnswerableItem, Condition, Definition } from '../definition.js';
import { answerSystemAndCode, linkIdOf } from './codes.js';
import type { Coding, EnableWhen } from './types.js';
import type { ItemsById } from './fhirpath.js';

type Atom = Exclude<Condition, { op: 'all' | 'any' | 'not' }>;

function answerOf(definition: Definition, item: AnswerableItem, value: string | number | boolean): Partial<EnableWhen> {
  const coding = (code: string): { answerCoding: Coding } => ({ answerCoding: answerSystemAndCode(definition, item, code) });
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return coding(String(value));
    case 'scale':
      return coding(String(value));
    case 'integer':
      return { answerInteger: Number(value) };
    case 'decimal':
      return { answerDecimal: Number(value) };
    case 'yes-no':
      return { answerBoolean: Boolean(value) };
    case 'date':
      return { answerDate: String(value) };
    default:
      return { answerString: String(value) };
  }
}

/** One atom as enableWhen entries, any one of which enables the item (several for oneOf and scale ranges). */
function atomEntries(definition: Definition, atom: Atom, items: ItemsById): EnableWhen[] | undefined {
  const item = items.get(atom.item);
  if (!item) return undefined;
  const entry = (operator: EnableWhen['operator'], value: string | number | boolean): EnableWhen => ({
    question: linkIdOf(item),
    operator,
    ...answerOf(definition, item, value),
  });
  switch (atom.op) {
    case 'answered':
      return [{ question: linkIdOf(item), operator: 'exists', answerBoolean: true }];
    case 'equals':
      return [entry('=', atom.value)];
    case 'notEquals':
      return [entry('!=', atom.value)];
    case 'oneOf':
      return atom.values.map((value) => entry('=', value));
    case 'greaterThan':
    case 'lessThan': {
      if (item.kind === 'scale') {
        // a scale's answer is a coding: a range of it is the steps in the range
        const steps = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i).filter((step) =>
          atom.op === 'greaterThan' ? step > atom.value : step < atom.value,
        );
        return steps.length > 0 ? steps.map((step) => entry('=', step)) : undefined;
      }
      return [entry(atom.op === 'greaterThan' ? '>' : '<', atom.value)];
    }
  }
}

export interface EnableWhenResult {
  enableWhen: EnableWhen[];
  enableBehavior?: 'all' | 'any';
}

/** The condition as enableWhen, or undefined when enableWhen cannot express it. */
export function toEnableWhen(definition: Definition, condition: Condition, items: ItemsById): EnableWhenResult | undefined {
  const anyOf = (entries: EnableWhen[]): EnableWhenResult =>
    entries.length === 1 ? { enableWhen: entries } : { enableWhen: entries, enableBehavior: 'any' };
  /** "not answered" is the one negation enableWhen has. */
  const single = (c: Condition): EnableWhen[] | undefined => {
    if (c.op === 'not') {
      const target = c.condition.op === 'answered' ? items.get(c.condition.item) : undefined;
      return target ? [{ question: linkIdOf(target), operator: 'exists', answerBoolean: false }] : undefined;
    }
    if (c.op === 'all' || c.op === 'any') return undefined;
    return atomEntries(definition, c, items);
  };
  switch (condition.op) {
    case 'any': {
      const parts = condition.conditions.map(single);
      if (parts.some((p) => p === undefined)) return undefined;
      return anyOf(parts.flatMap((p) => p ?? []));
    }
    case 'all': {
      const parts = condition.conditions.map(single);
      if (parts.some((p) => p?.length !== 1)) return undefined;
      const entries = parts.flatMap((p) => p ?? []);
      return entries.length === 1 ? { enableWhen: entries } : { enableWhen: entries, enableBehavior: 'all' };
    }
    default: {
      const entries = single(condition);
      return entries ? anyOf(entries) : undefined;
    }
  }
}
