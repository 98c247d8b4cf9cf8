// Formula scores on the made-up questionnaire: BMI and its bands, arithmetic, flags, no score.
import { describe, expect, it } from 'vitest';
import { computeScores } from '../../src/core/index.js';
import { definition, given, score, t } from './scoring-fixtures.js';

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
