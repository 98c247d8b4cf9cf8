// The scored definition the score-integrity tests break, and a short way to write a score's path.
import type { DefinitionInput } from '../../src/core/index.js';

const t = (en: string) => ({ en });
const scale = (id: string) => ({ id, kind: 'scale' as const, text: t(id), min: 0, max: 6, labels: [{ value: 0, text: t('none') }] });

export const base: DefinitionInput = {
  id: 'scored',
  version: '1',
  languages: ['en'],
  title: t('Scored'),
  license: 'Test fixture',
  source: { citation: 'Test fixture' },
  items: [
    scale('a'),
    scale('b'),
    { id: 'note', kind: 'display', text: t('A note') },
    { id: 'choice', kind: 'single-choice', text: t('Choice'), options: ['1', '2', '9'].map((code) => ({ code, text: t(code) })) },
    { id: 'many', kind: 'multiple-choice', text: t('Many'), options: ['x', 'y'].map((code) => ({ code, text: t(code) })) },
    { id: 'count', kind: 'integer', text: t('Count') },
    { id: 'kg', kind: 'decimal', text: t('Weight'), min: 20, max: 300 },
  ],
  scores: [
    { id: 'total', kind: 'sum', title: t('Total'), items: ['a', 'b'] },
    { id: 'rated', kind: 'sum', title: t('Rated'), items: ['choice'], values: { '1': 1, '2': 2, '9': null } },
    { id: 'both', kind: 'meanOfScores', title: t('Both'), scores: ['total', 'rated'] },
    {
      id: 'ratio',
      kind: 'formula',
      title: t('Ratio'),
      formula: {
        op: 'divide',
        args: [
          { op: 'item', item: 'kg' },
          { op: 'score', score: 'total' },
        ],
      },
      bands: [
        { id: 'low', label: t('low') },
        { id: 'mid', from: 2, label: t('mid') },
        { id: 'high', from: 5, label: t('high') },
      ],
      flags: [{ id: 'small', atMost: 1, label: t('small') }],
    },
  ],
  examples: [{ name: 'two items', answers: { a: 1, b: 2, choice: '9' }, expectedScores: { total: 3, rated: null } }],
};

export const score = (i: number, ...rest: (string | number)[]) => ['scores', i, ...rest];
