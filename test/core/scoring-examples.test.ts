// Example answer sets in a definition: how an expected score is compared, and what a mismatch says.
import { describe, expect, it } from 'vitest';
import { checkExampleScores, matchesExpected, type DefinitionInput, type ScoreDefinition } from '../../src/core/index.js';
import { accepted, edited } from './fixtures.js';

const t = (en: string) => ({ en });
const base: DefinitionInput = {
  id: 'examples',
  version: '1',
  languages: ['en'],
  title: t('Examples'),
  license: 'Test fixture',
  source: { citation: 'Test fixture' },
  items: [
    { id: 'a', kind: 'scale', text: t('a'), min: 0, max: 3, labels: [{ value: 0, text: t('none') }], preferNotToAnswer: true },
    { id: 'b', kind: 'scale', text: t('b'), min: 0, max: 3, labels: [{ value: 0, text: t('none') }] },
    { id: 'c', kind: 'scale', text: t('c'), min: 0, max: 3, labels: [{ value: 0, text: t('none') }] },
  ],
  scores: [
    { id: 'mean', kind: 'mean', title: t('Mean'), items: ['a', 'b', 'c'], minAnswered: { atLeast: 2 }, decimals: 2 },
    { id: 'sum', kind: 'sum', title: t('Sum'), items: ['a', 'b', 'c'] },
  ],
  examples: [
    // (1 + 2 + 2) / 3 = 1.6667; 1 + 2 + 2 = 5
    { name: 'all three', answers: { a: 1, b: 2, c: 2 }, expectedScores: { mean: 1.67, sum: 5 } },
    // a declined: (2 + 2) / 2 = 2; no sum
    { name: 'a declined', answers: { a: { declined: true }, b: 2, c: 2 }, expectedScores: { mean: 2, sum: null } },
  ],
};

describe('matchesExpected', () => {
  const withDecimals = { decimals: 2 } as ScoreDefinition;
  const without = {} as ScoreDefinition;
  it.each([
    [withDecimals, 5 / 3, 1.67, true],
    [withDecimals, 5 / 3, 1.6667, true],
    [withDecimals, 5 / 3, 1.66, false],
    [withDecimals, 5 / 3, 2, false],
    [withDecimals, 22.038567, 22.04, true],
    [without, 5, 5, true],
    [without, 0.1 + 0.2, 0.3, true],
    [without, 2.4, 2, false],
  ])('%j: %s against the expected %s is %s', (score, value, expected, isMatch) => {
    expect(matchesExpected(score, value, expected)).toBe(isMatch);
  });
});

describe('checkExampleScores', () => {
  it('finds nothing when every example gives what it expects', () => {
    expect(checkExampleScores(accepted(base))).toEqual([]);
  });

  it('reports each expected score that differs, at its path', () => {
    const wrong = accepted(
      edited(
        base,
        { set: ['examples', 0, 'expectedScores', 'mean'], to: 1.66 },
        { set: ['examples', 0, 'expectedScores', 'sum'], to: null },
        { set: ['examples', 1, 'expectedScores', 'sum'], to: 4 },
      ),
    );
    expect(checkExampleScores(wrong)).toEqual([
      {
        path: ['examples', 0, 'expectedScores', 'mean'],
        message: 'example "all three": the score "mean" gives 1.67 (1.6666666666666667 before rounding), but 1.66 is expected',
      },
      { path: ['examples', 0, 'expectedScores', 'sum'], message: 'example "all three": the score "sum" gives 5, but no score is expected' },
      {
        path: ['examples', 1, 'expectedScores', 'sum'],
        message: 'example "a declined": the score "sum" gives no score (tooFewAnswered), but 4 is expected',
      },
    ]);
  });
});
