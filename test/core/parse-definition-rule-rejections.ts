// Rejections of the small form's ranges and conditions.
import type { Rejection } from './fixtures.js';
import { text } from './parse-definition-fixtures.js';

export const ruleRejections: Rejection[] = [
  // ranges
  {
    name: 'a scale label outside the scale',
    edits: [
      {
        set: ['items', 5],
        to: {
          id: 'worry',
          kind: 'scale',
          text: text('Uro?', 'Worry?'),
          min: 0,
          max: 6,
          labels: [
            { value: 0, text: text('Ikke', 'No') },
            { value: 7, text: text('Mye', 'Much') },
          ],
        },
      },
    ],
    problems: [{ path: '$.items[5].labels[1].value', message: "the label's value 7 is outside the scale 0–6" }],
  },
  {
    name: 'two labels on one step',
    edits: [
      {
        set: ['items', 5],
        to: {
          id: 'worry',
          kind: 'scale',
          text: text('Uro?', 'Worry?'),
          min: 0,
          max: 6,
          labels: [
            { value: 3, text: text('Litt') },
            { value: 3, text: text('Noe') },
          ],
        },
      },
    ],
    problems: [{ path: '$.items[5].labels[1].value', message: 'the step 3 has two labels' }],
  },
  {
    name: 'a scale whose max is not above its min',
    edits: [
      {
        set: ['items', 5],
        to: { id: 'worry', kind: 'scale', text: text('Uro?'), min: 3, max: 3, labels: [{ value: 3, text: text('Midt') }] },
      },
    ],
    problems: [{ path: '$.items[5].max', message: '"max" must be larger than "min"' }],
  },
  {
    name: 'an integer whose min is above its max',
    edits: [{ set: ['items', 3, 'min'], to: 30 }],
    problems: [{ path: '$.items[3].max', message: '"max" is smaller than "min"' }],
  },
  {
    name: 'a date whose min is after its max',
    edits: [{ set: ['items', 5], to: { id: 'when', kind: 'date', text: text('Når?'), min: '2026-12-01', max: '2026-01-01' } }],
    problems: [{ path: '$.items[5].max', message: '"max" is smaller than "min"' }],
  },
  {
    name: 'more to select than there are options',
    edits: [{ set: ['items', 5], to: { id: 'many', kind: 'multiple-choice', text: text('Hva?'), optionSet: 'often', maxSelected: 3 } }],
    problems: [{ path: '$.items[5].maxSelected', message: '"maxSelected" is larger than the 2 options' }],
  },
  {
    name: 'minSelected above maxSelected',
    edits: [
      {
        set: ['items', 5],
        to: { id: 'many', kind: 'multiple-choice', text: text('Hva?'), optionSet: 'often', minSelected: 2, maxSelected: 1 },
      },
    ],
    problems: [{ path: '$.items[5].minSelected', message: '"minSelected" is larger than "maxSelected"' }],
  },
  // conditions
  {
    name: 'a condition on a later item',
    edits: [{ set: ['items', 0, 'visibleWhen'], to: { op: 'equals', item: 'mood', value: 'good' } }],
    problems: [
      { path: '$.items[0].visibleWhen.item', message: '"mood" comes later in the form: a condition can only refer to earlier items' },
    ],
  },
  {
    name: 'a condition on its own item',
    edits: [{ set: ['items', 1, 'visibleWhen'], to: { op: 'answered', item: 'mood' } }],
    problems: [{ path: '$.items[1].visibleWhen.item', message: 'a condition cannot refer to its own item "mood"' }],
  },
  {
    name: 'a group condition on an item inside the group',
    edits: [{ set: ['items', 4, 'visibleWhen'], to: { op: 'answered', item: 'tired' } }],
    problems: [
      { path: '$.items[4].visibleWhen.item', message: '"tired" comes later in the form: a condition can only refer to earlier items' },
    ],
  },
  {
    name: 'a condition on an unknown item',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'answered', item: 'ghost' } }],
    problems: [{ path: '$.items[3].visibleWhen.item', message: 'there is no item "ghost"' }],
  },
  {
    name: 'a condition on a display item',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'answered', item: 'note' } }],
    problems: [{ path: '$.items[3].visibleWhen.item', message: '"note" is a display text and has no answer' }],
  },
  {
    name: 'a condition on an option code that does not exist',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'oneOf', item: 'mood', values: ['good', 'bad'] } }],
    problems: [{ path: '$.items[3].visibleWhen.values[1]', message: '"mood" has no option with the code "bad" (its codes: good, poor)' }],
  },
  {
    name: 'a condition on a code missing from an option set',
    edits: [{ set: ['items', 4, 'items', 1, 'visibleWhen'], to: { op: 'equals', item: 'tired', value: 'sometimes' } }],
    problems: [
      {
        path: '$.items[4].items[1].visibleWhen.value',
        message: '"tired" has no option with the code "sometimes" (its codes: never, often)',
      },
    ],
  },
  {
    name: 'greaterThan on an item that is not a number',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'greaterThan', item: 'smoke', value: 1 } }],
    problems: [{ path: '$.items[3].visibleWhen.item', message: '"smoke" is not a number, so it cannot be compared with greaterThan' }],
  },
  {
    name: 'lessThan on a choice, deep inside all and not',
    edits: [
      {
        set: ['items', 3, 'visibleWhen'],
        to: {
          op: 'all',
          conditions: [
            { op: 'answered', item: 'smoke' },
            { op: 'not', condition: { op: 'lessThan', item: 'mood', value: 2 } },
          ],
        },
      },
    ],
    problems: [
      {
        path: '$.items[3].visibleWhen.conditions[1].condition.item',
        message: '"mood" is not a number, so it cannot be compared with lessThan',
      },
    ],
  },
  {
    name: 'a yes-no compared with a text',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'equals', item: 'smoke', value: 'true' } }],
    problems: [{ path: '$.items[3].visibleWhen.value', message: '"smoke" is answered with true or false, not "true"' }],
  },
  {
    name: 'a number compared with a text',
    edits: [{ set: ['items', 4, 'items', 1, 'visibleWhen'], to: { op: 'equals', item: 'days', value: '3' } }],
    problems: [{ path: '$.items[4].items[1].visibleWhen.value', message: '"days" is answered with a number, not "3"' }],
  },
  {
    name: 'greaterThan with a text value',
    edits: [{ set: ['items', 4, 'items', 1, 'visibleWhen'], to: { op: 'greaterThan', item: 'days', value: '3' } }],
    problems: [{ path: '$.items[4].items[1].visibleWhen.value', message: 'expected a number, found the text "3"' }],
  },
  {
    name: 'an unknown operator',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'matches', item: 'smoke' } }],
    problems: [
      {
        path: '$.items[3].visibleWhen.op',
        message:
          'unknown op "matches": use one of "equals", "notEquals", "oneOf", "greaterThan", "lessThan", "answered", "all", "any", "not"',
      },
    ],
  },
  {
    name: 'all with no conditions',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'all', conditions: [] } }],
    problems: [{ path: '$.items[3].visibleWhen.conditions', message: 'needs at least 1 entry' }],
  },
];
