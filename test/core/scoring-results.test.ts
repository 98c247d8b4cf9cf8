// The score results: their order, their schema, what the patient is shown, and rounding.
import { describe, expect, it } from 'vitest';
import { computeScores, patientScores, roundScore, scoreResults } from '../../src/core/index.js';
import { accepted } from './fixtures.js';
import { base, definition, given } from './scoring-fixtures.js';

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
