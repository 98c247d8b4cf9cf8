// The score format on a small made-up questionnaire: each kind over items, value maps, reverse
// coding, prorating, the reasons for no score, bands, and scores of scores.
import { describe, expect, it } from 'vitest';
import { computeScores } from '../../src/core/index.js';
import { definition, given, score, t, tooFew } from './scoring-fixtures.js';

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
