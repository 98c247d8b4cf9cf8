// EDE-Q 6.0: the body mass index from weight and height, each worked out by hand in the comment
// above it; the subscales are in ede-q.test.ts, under the same describe.
import { describe, expect, it } from 'vitest';
import { instrument, scoresOf, valueOf } from './instrument.js';

const edeq = instrument('ede-q-6.0.json');

describe('EDE-Q 6.0: scores', () => {
  it.each([
    // 60 / 1.65² = 60 / 2.7225 = 22.03857
    [60, 165, 22.03857],
    // 45.5 / 1.70² = 45.5 / 2.89 = 15.7439
    [45.5, 170, 15.7439],
    // 100 / 2² = 25
    [100, 200, 25],
  ])('computes BMI from %s kg and %s cm: %s', (weight, height, bmi) => {
    expect(valueOf(scoresOf(edeq, { weight, height }), 'bmi')).toBeCloseTo(bmi, 4);
  });

  it('gives no BMI without both weight and height', () => {
    expect(scoresOf(edeq, { weight: 60 }).bmi).toEqual({ status: 'noScore', reason: 'missingAnswers', missing: ['height'] });
    expect(scoresOf(edeq, { weight: 'declined', height: 'declined' }).bmi).toEqual({
      status: 'noScore',
      reason: 'missingAnswers',
      missing: ['weight', 'height'],
    });
  });
});
