// The small made-up questionnaire the score tests run on, and short ways to write answers and results.
import type { Answers, AnswerValue, DefinitionInput, ScoreResult } from '../../src/core/index.js';
import { accepted } from './fixtures.js';

export const t = (en: string) => ({ en });
const scale = (id: string, extra: object = {}) => ({
  id,
  kind: 'scale' as const,
  text: t(id),
  min: 0,
  max: 4,
  labels: [{ value: 0, text: t('never') }],
  ...extra,
});

export const base: DefinitionInput = {
  id: 'scored',
  version: '1',
  languages: ['en'],
  title: t('Scored'),
  license: 'Test fixture',
  source: { citation: 'Test fixture' },
  preferNotToAnswer: true,
  optionSets: {
    outcome: ['better', 'same', 'worse', 'na'].map((code) => ({ code, text: t(code) })),
  },
  items: [
    scale('a'),
    scale('b'),
    scale('c'),
    scale('d', { required: false }),
    { id: 'gate', kind: 'yes-no', text: t('Go on?') },
    scale('e', { visibleWhen: { op: 'equals', item: 'gate', value: true } }),
    { id: 'outcome', kind: 'single-choice', text: t('Outcome'), optionSet: 'outcome' },
    { id: 'other', kind: 'single-choice', text: t('Other'), optionSet: 'outcome' },
    { id: 'weight', kind: 'decimal', text: t('Weight'), min: 20, max: 300, unit: t('kg') },
    { id: 'height', kind: 'integer', text: t('Height'), min: 0, max: 250, unit: t('cm') },
    { id: 'count', kind: 'integer', text: t('Count'), min: 0, max: 10 },
  ],
  scores: [
    { id: 'sumAll', kind: 'sum', title: t('Sum of a–d'), items: ['a', 'b', 'c', 'd'] },
    {
      id: 'sumProrated',
      kind: 'sum',
      title: t('Prorated sum'),
      items: ['a', 'b', 'c', 'd'],
      minAnswered: { atLeast: 3 },
      prorate: true,
      decimals: 1,
      bands: [
        { id: 'low', label: t('low') },
        { id: 'high', from: 8, label: t('high') },
      ],
      showToPatient: true,
    },
    { id: 'sumAnswered', kind: 'sum', title: t('Sum of answered'), items: ['a', 'b', 'c', 'd'], minAnswered: { atLeast: 2 } },
    { id: 'mean', kind: 'mean', title: t('Mean'), items: ['a', 'b', 'c', 'd', 'e'], minAnswered: { moreThanHalf: true }, decimals: 2 },
    { id: 'reversed', kind: 'sum', title: t('b reversed'), items: ['a', 'b'], reverse: ['b'] },
    {
      id: 'choices',
      kind: 'sum',
      title: t('Choices'),
      items: ['outcome', 'other'],
      values: { better: 2, same: 1, worse: 0, na: null },
      itemValues: { other: { better: 20, same: 10, worse: 0, na: 0 } },
      minAnswered: { atLeast: 1 },
    },
    { id: 'meanOfSums', kind: 'meanOfScores', title: t('Mean of sums'), scores: ['sumAll', 'reversed'] },
    { id: 'sumOfSums', kind: 'sumOfScores', title: t('Sum of sums'), scores: ['sumAnswered', 'reversed'] },
    {
      id: 'bmi',
      kind: 'formula',
      title: t('BMI'),
      decimals: 1,
      formula: {
        op: 'divide',
        args: [
          { op: 'item', item: 'weight' },
          {
            op: 'power',
            args: [
              {
                op: 'divide',
                args: [
                  { op: 'item', item: 'height' },
                  { op: 'number', value: 100 },
                ],
              },
              { op: 'number', value: 2 },
            ],
          },
        ],
      },
      bands: [
        { id: 'under', from: 0, label: t('under') },
        { id: 'normal', from: 18.5, label: t('normal') },
        { id: 'over', from: 25, label: t('over') },
      ],
    },
    {
      id: 'arithmetic',
      kind: 'formula',
      title: t('Arithmetic'),
      formula: {
        op: 'subtract',
        args: [
          {
            op: 'add',
            args: [
              { op: 'score', score: 'sumAll' },
              { op: 'item', item: 'count' },
              { op: 'number', value: 0.5 },
            ],
          },
          {
            op: 'multiply',
            args: [
              { op: 'item', item: 'a' },
              { op: 'number', value: 3 },
            ],
          },
        ],
      },
      flags: [
        { id: 'atMostTen', atMost: 10, label: t('at most 10') },
        { id: 'fiveToTen', atLeast: 5, atMost: 10, label: t('5 to 10') },
      ],
    },
  ],
};
export const definition = accepted(base);

export const given = (values: Record<string, AnswerValue | 'declined'>): Answers =>
  Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v === 'declined' ? { declined: true as const } : { value: v }]));
export const score = (value: number, extra: object = {}): ScoreResult => ({ status: 'score', value, ...extra });
export const tooFew = (answered: number, required: number): ScoreResult => ({
  status: 'noScore',
  reason: 'tooFewAnswered',
  answered,
  required,
});
