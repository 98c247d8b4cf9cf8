// The score format on a small made-up questionnaire: each kind, value maps, reverse coding,
// prorating, the reasons for no score, bands, flags, rounding and the results schema.
import { describe, expect, it } from 'vitest';
import {
  computeScores,
  patientScores,
  roundScore,
  scoreResults,
  type Answers,
  type AnswerValue,
  type DefinitionInput,
  type ScoreResult,
} from '../../src/core/index.js';
import { accepted } from './fixtures.js';

const t = (en: string) => ({ en });
const scale = (id: string, extra: object = {}) => ({
  id,
  kind: 'scale' as const,
  text: t(id),
  min: 0,
  max: 4,
  labels: [{ value: 0, text: t('never') }],
  ...extra,
});

const base: DefinitionInput = {
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
const definition = accepted(base);

const given = (values: Record<string, AnswerValue | 'declined'>): Answers =>
  Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v === 'declined' ? { declined: true as const } : { value: v }]));
const score = (value: number, extra: object = {}): ScoreResult => ({ status: 'score', value, ...extra });
const tooFew = (answered: number, required: number): ScoreResult => ({ status: 'noScore', reason: 'tooFewAnswered', answered, required });

describe('sum and mean over items', () => {
  it('adds every item, and needs all of them unless minAnswered says otherwise', () => {
    expect(computeScores(definition, given({ a: 1, b: 2, c: 3, d: 4 })).sumAll).toEqual(score(10));
    expect(computeScores(definition, given({ a: 1, b: 2, c: 3 })).sumAll).toEqual(tooFew(3, 4));
  });

  it.each([
    // a + b + c + d = 1 + 2 + 3 + 4 = 10: nothing to prorate
    ['all four', { a: 1, b: 2, c: 3, d: 4 }, score(10, { band: { id: 'high', label: t('high') } })],
    // (1 + 2 + 3) × 4 / 3 = 24 / 3 = 8: exactly the "high" band's lower bound
    ['three of four', { a: 1, b: 2, c: 3 }, score(8, { band: { id: 'high', label: t('high') } })],
    // (0 + 2 + 3) × 4 / 3 = 20 / 3 = 6.67
    ['three, another sum', { a: 0, b: 2, c: 3 }, score(20 / 3, { band: { id: 'low', label: t('low') } })],
    ['two of four: fewer than atLeast 3', { a: 1, b: 2 }, tooFew(2, 3)],
  ])('prorates a sum: %s', (_name, values, expected) => {
    expect(computeScores(definition, given(values)).sumProrated).toEqual(expected);
  });

  it('sums only the answered items when it does not prorate', () => {
    // 1 + 3 = 4; not scaled up
    expect(computeScores(definition, given({ a: 1, c: 3 })).sumAnswered).toEqual(score(4));
  });

  it.each([
    // more than half of 5 is 3: (1 + 2 + 3) / 3 = 2
    ['three of five', { a: 1, b: 2, c: 3 }, score(2)],
    // (1 + 2 + 4) / 3 = 2.333…, kept at full precision
    ['full precision', { a: 1, b: 2, c: 4 }, score(7 / 3)],
    ['two of five', { a: 1, b: 2 }, tooFew(2, 3)],
    // e is shown (gate yes): (4 + 4 + 4 + 4 + 4) / 5 = 4
    ['all five', { a: 4, b: 4, c: 4, d: 4, gate: true, e: 4 }, score(4)],
  ])('takes the mean of the answered items: %s', (_name, values, expected) => {
    expect(computeScores(definition, given(values)).mean).toEqual(expected);
  });

  it('does not count a hidden item, even when an answer to it is stored', () => {
    // gate is no, so e is hidden and its answer is ignored: a and e alone would be 2 of 5
    expect(computeScores(definition, given({ a: 1, gate: false, e: 4, b: 3 })).mean).toEqual(tooFew(2, 3));
    // gate yes: a, b and e count: (1 + 3 + 4) / 3
    expect(computeScores(definition, given({ a: 1, gate: true, e: 4, b: 3 })).mean).toEqual(score(8 / 3));
  });

  it('counts a declined item as unanswered', () => {
    expect(computeScores(definition, given({ a: 1, b: 2, c: 3, d: 'declined' })).sumAll).toEqual(tooFew(3, 4));
    // (1 + 2 + 3) × 4 / 3 = 8
    expect(computeScores(definition, given({ a: 1, b: 2, c: 3, d: 'declined' })).sumProrated).toMatchObject(score(8));
  });

  it('counts an answer that does not fit its item as unanswered', () => {
    // 7 is above the scale's max 4, "3" is text, 2.5 is not a step
    expect(computeScores(definition, given({ a: 7, b: '3', c: 2.5, d: 1 })).sumAnswered).toEqual(tooFew(1, 2));
  });

  it('reverses an item with its own min and max: v counts as 0 + 4 − v', () => {
    // a = 1, b = 0 reversed = 4: 5
    expect(computeScores(definition, given({ a: 1, b: 0 })).reversed).toEqual(score(5));
    // a = 1, b = 4 reversed = 0: 1
    expect(computeScores(definition, given({ a: 1, b: 4 })).reversed).toEqual(score(1));
  });

  it("maps option codes to numbers, with an item's own map before the score's", () => {
    // outcome better = 2 (score's map), other same = 10 (its own map)
    expect(computeScores(definition, given({ outcome: 'better', other: 'same' })).choices).toEqual(score(12));
    // na maps to null in the score's map: not scored, so outcome counts as unanswered; other na = 0
    expect(computeScores(definition, given({ outcome: 'na', other: 'na' })).choices).toEqual(score(0));
    expect(computeScores(definition, given({ outcome: 'na' })).choices).toEqual(tooFew(0, 1));
    expect(computeScores(definition, given({ outcome: 'unknown' })).choices).toEqual(tooFew(0, 1));
  });
});

describe('scores of scores', () => {
  it('needs every score it uses', () => {
    // sumAll = 1 + 2 + 3 + 4 = 10; reversed = 1 + (4 − 2) = 3; mean (10 + 3) / 2 = 6.5
    expect(computeScores(definition, given({ a: 1, b: 2, c: 3, d: 4 })).meanOfSums).toEqual(score(6.5));
    // sumAnswered = 10; 10 + 3 = 13
    expect(computeScores(definition, given({ a: 1, b: 2, c: 3, d: 4 })).sumOfSums).toEqual(score(13));
    expect(computeScores(definition, given({ a: 1, b: 2, c: 3 })).meanOfSums).toEqual({
      status: 'noScore',
      reason: 'missingScores',
      missing: ['sumAll'],
    });
    expect(computeScores(definition, given({ c: 3 })).sumOfSums).toEqual({
      status: 'noScore',
      reason: 'missingScores',
      missing: ['sumAnswered', 'reversed'],
    });
  });
});

describe('formulas', () => {
  const normal = { id: 'normal', label: t('normal') };

  it.each([
    // 60 / (165 / 100)² = 60 / 2.7225 = 22.038567…
    [60, 165, 60 / 2.7225],
    // 45.5 / 1.70² = 45.5 / 2.89 = 15.743944…
    [45.5, 170, 45.5 / 2.89],
  ])('computes BMI from %s kg and %s cm', (weight, height, expected) => {
    const result = computeScores(definition, given({ weight, height })).bmi;
    expect(result?.status).toBe('score');
    if (result?.status === 'score') expect(result.value).toBeCloseTo(expected, 10);
  });

  it('gives the band of a BMI', () => {
    expect(computeScores(definition, given({ weight: 60, height: 165 })).bmi).toMatchObject({ band: normal });
    // 47.4 / 1.6² = 47.4 / 2.56 = 18.52 (normal from 18.5); 47.3 / 2.56 = 18.48 (under)
    expect(computeScores(definition, given({ weight: 47.4, height: 160 })).bmi).toMatchObject({ band: normal });
    expect(computeScores(definition, given({ weight: 47.3, height: 160 })).bmi).toMatchObject({ band: { id: 'under' } });
  });

  it('gives no score when an answer it uses is missing, or the result is not a number', () => {
    expect(computeScores(definition, given({ weight: 60 })).bmi).toEqual({
      status: 'noScore',
      reason: 'missingAnswers',
      missing: ['height'],
    });
    expect(computeScores(definition, given({ weight: 60, height: 'declined' })).bmi).toMatchObject({ reason: 'missingAnswers' });
    expect(computeScores(definition, given({ weight: 60, height: 0 })).bmi).toEqual({ status: 'noScore', reason: 'undefinedValue' });
  });

  it('adds, subtracts and multiplies answers, scores and numbers, and sets flags', () => {
    // (sumAll 4 + count 2 + 0.5) − a 1 × 3 = 6.5 − 3 = 3.5
    expect(computeScores(definition, given({ a: 1, b: 1, c: 1, d: 1, count: 2 })).arithmetic).toEqual(
      score(3.5, { flags: { atMostTen: true, fiveToTen: false } }),
    );
    // a = b = c = d = 4, so sumAll = 16: (16 + 0 + 0.5) − 4 × 3 = 4.5
    expect(computeScores(definition, given({ a: 4, b: 4, c: 4, d: 4, count: 0 })).arithmetic).toEqual(
      score(4.5, { flags: { atMostTen: true, fiveToTen: false } }),
    );
    // (16 + 10 + 0.5) − 12 = 14.5
    expect(computeScores(definition, given({ a: 4, b: 4, c: 4, d: 4, count: 10 })).arithmetic).toEqual(
      score(14.5, { flags: { atMostTen: false, fiveToTen: false } }),
    );
    // (8 + 4 + 0.5) − 2 × 3 = 6.5
    expect(computeScores(definition, given({ a: 2, b: 2, c: 2, d: 2, count: 4 })).arithmetic).toEqual(
      score(6.5, { flags: { atMostTen: true, fiveToTen: true } }),
    );
    expect(computeScores(definition, given({ a: 2, count: 4 })).arithmetic).toEqual({
      status: 'noScore',
      reason: 'missingScores',
      missing: ['sumAll'],
    });
  });
});

describe('the results', () => {
  it("list every score in the definition's order, and no score is ever a zero", () => {
    const results = computeScores(definition, {});
    expect(Object.keys(results)).toEqual(definition.scores?.map((s) => s.id));
    for (const result of Object.values(results)) expect(result.status).toBe('noScore');
  });

  it('are what the scoreResults schema accepts, and it refuses what is not a result', () => {
    const results = computeScores(definition, given({ a: 1, b: 2, c: 3, weight: 60, height: 165, outcome: 'same' }));
    expect(scoreResults.parse(JSON.parse(JSON.stringify(results)))).toEqual(results);
    for (const wrong of [
      { x: { status: 'score' } },
      { x: { status: 'score', value: 'ten' } },
      { x: { status: 'noScore' } },
      { x: { status: 'noScore', reason: 'tooFewAnswered', answered: 2 } },
      { x: { status: 'noScore', reason: 'bored' } },
      { x: { status: 'noScore', reason: 'missingScores', missing: [] } },
      { x: { status: 'score', value: 1, extra: true } },
    ])
      expect(scoreResults.safeParse(wrong).success).toBe(false);
  });

  it('name the scores shown to the patient: only those that say so', () => {
    const results = computeScores(definition, given({ a: 1, b: 2, c: 3 }));
    expect(patientScores(definition, results).map(({ score }) => score.id)).toEqual(['sumProrated']);
  });

  it('ignore scores when the definition has none', () => {
    const { scores: _scores, ...unscored } = base;
    expect(computeScores(accepted(unscored), given({ a: 1 }))).toEqual({});
  });
});

describe('roundScore', () => {
  it.each([
    [2.345, 2, 2.35],
    [-2.345, 2, -2.35],
    [2.5, 0, 3],
    [22.038567, 2, 22.04],
    [1.005, 2, 1.01],
    [7 / 3, 2, 2.33],
    [16, 1, 16],
    [0.000000123, 2, 0],
  ])('rounds %s to %s decimals, half away from zero: %s', (value, decimals, expected) => {
    expect(roundScore(value, decimals)).toBe(expected);
  });
});
