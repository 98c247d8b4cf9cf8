// A small questionnaire with counts that relate (as EDE-Q items 13–15), a symptom scale with an
// alerting flag and change thresholds, and an answer alert: the tests of alerts, rules between
// items and meaningful change run on it.
import { type Answers, type Definition, type DefinitionInput } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';

export const text = (words: string) => ({ nb: words, en: words });

const scale = (id: string, extra: object = {}) => ({
  id,
  kind: 'scale' as const,
  text: text(id),
  min: 0,
  max: 6,
  labels: [{ value: 0, text: text('none') }],
  ...extra,
});

export const resultsDefinition: DefinitionInput = {
  id: 'results-test',
  version: '1',
  languages: ['nb', 'en'],
  title: text('Results'),
  license: 'test',
  source: { citation: 'test' },
  items: [
    {
      id: 'counts',
      kind: 'group',
      items: [
        { id: 'episodes', kind: 'integer', text: text('Episodes'), min: 0 },
        { id: 'lostControl', kind: 'integer', text: text('Of those, with loss of control'), min: 0 },
        { id: 'days', kind: 'integer', text: text('Days with episodes'), min: 0, max: 28 },
      ],
    },
    scale('mood'),
    { id: 'ask', kind: 'yes-no', text: text('Ask about thoughts?') },
    scale('thoughts', { visibleWhen: { op: 'equals', item: 'ask', value: true } }),
    { id: 'comment', kind: 'text', text: text('Anything else?'), required: false },
  ],
  scores: [
    {
      id: 'total',
      kind: 'sum',
      title: text('Total'),
      items: ['mood', 'thoughts'],
      flags: [
        { id: 'high', atLeast: 10, label: text('High'), alert: true },
        { id: 'low', atMost: 2, label: text('Low') },
      ],
      change: { better: 'lower', improvement: { relative: 0.5 }, deterioration: { by: 3 }, remission: { atMost: 2 } },
    },
  ],
  alerts: [
    {
      id: 'suicidal-thoughts',
      when: { op: 'greaterThan', item: 'thoughts', value: 2 },
      label: text('Thoughts at 3 or more'),
    },
  ],
  rules: [
    {
      id: 'control-within-episodes',
      left: 'lostControl',
      op: '<=',
      right: 'episodes',
      text: text('More episodes with loss of control than episodes?'),
    },
    { id: 'days-within-episodes', left: 'days', op: '<=', right: 'episodes', text: text('More days than episodes?') },
  ],
};

export function parsedResults(input: DefinitionInput = resultsDefinition): Definition {
  const result = parseDefinition(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

export function answersOf(values: Record<string, number | boolean | string>): Answers {
  return Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { value }]));
}
