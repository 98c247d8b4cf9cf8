// CIA 3.0: golden answer sets, each worked out by hand in the comment above it.
import { describe, expect, it } from 'vitest';
import { leafItems, roundScore } from '../../../src/core/index.js';
import { instrument, numbered, scoresOf, valueOf } from './instrument.js';

const cia = instrument('cia-3.0.json');
const below = { id: 'belowCutOff', label: expect.objectContaining({ en: 'Below the clinical cut-off (under 16)' }) as unknown };
const clinical = { id: 'clinical', label: expect.objectContaining({ en: 'Clinically significant impairment (16 or more)' }) as unknown };

//                 q1 q2 q3 q4 q5 q6 q7 q8 q9 q10 q11 q12 q13 q14 q15 q16
const completeSet = [2, 3, 1, 2, 1, 1, 2, 3, 3, 2, 3, 1, 0, 2, 1, 3];
const leaveOut = (values: number[], ...items: number[]) => values.map((v, i) => (items.includes(i + 1) ? undefined : v));

describe('CIA 3.0: the form', () => {
  it('has 16 items rated 0–3, every step labelled; only item 4 (work) may be left out', () => {
    const items = leafItems(cia);
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 16 }, (_, i) => `q${i + 1}`));
    for (const item of items) {
      expect(item).toMatchObject({ kind: 'scale', min: 0, max: 3 });
      if (item.kind === 'scale') expect(item.labels.map((l) => l.text.en)).toEqual(['Not at all', 'A little', 'Quite a bit', 'A lot']);
      expect('required' in item && item.required === false).toBe(item.id === 'q4');
    }
  });
});

describe('CIA 3.0: scores', () => {
  it('scores a complete answer set', () => {
    const results = scoresOf(cia, numbered(completeSet));
    // 2+3+1+2+1+1+2+3+3+2+3+1+0+2+1+3 = 30; 30 ≥ 16
    expect(results.global).toEqual({ status: 'score', value: 30, band: clinical });
    // Personal (2, 8, 9, 11, 14, 16): 3 + 3 + 3 + 3 + 2 + 3 = 17
    expect(valueOf(results, 'personal')).toBe(17);
    // Social (3, 7, 10, 12, 15): 1 + 2 + 2 + 1 + 1 = 7
    expect(valueOf(results, 'social')).toBe(7);
    // Cognitive (1, 4, 5, 6, 13): 2 + 2 + 1 + 1 + 0 = 6
    expect(valueOf(results, 'cognitive')).toBe(6);
  });

  it('prorates the global score with 12 of 16 items answered', () => {
    // without q4 (2), q7 (2), q12 (1), q13 (0): 30 − 5 = 25; 25 × 16 / 12 = 400 / 12 = 33.33
    const results = scoresOf(cia, numbered(leaveOut(completeSet, 4, 7, 12, 13)));
    expect(valueOf(results, 'global')).toBeCloseTo(400 / 12, 12);
    expect(roundScore(valueOf(results, 'global'), 1)).toBe(33.3);
    // a subscale is never prorated: Social lacks 7 and 12, Cognitive lacks 4 and 13
    expect(valueOf(results, 'personal')).toBe(17);
    expect(results.social).toEqual({ status: 'noScore', reason: 'tooFewAnswered', answered: 3, required: 5 });
    expect(results.cognitive).toEqual({ status: 'noScore', reason: 'tooFewAnswered', answered: 3, required: 5 });
  });

  it('gives no global score with 11 of 16 items answered', () => {
    const results = scoresOf(cia, numbered(leaveOut(completeSet, 4, 7, 12, 13, 16)));
    expect(results.global).toEqual({ status: 'noScore', reason: 'tooFewAnswered', answered: 11, required: 12 });
  });

  it('puts the cut-off at 16: 15 is below it, 16 is not', () => {
    // fifteen 1s and one 0: 15
    expect(scoresOf(cia, numbered([...Array<number>(15).fill(1), 0])).global).toEqual({ status: 'score', value: 15, band: below });
    // sixteen 1s: 16
    expect(scoresOf(cia, numbered(Array<number>(16).fill(1))).global).toEqual({ status: 'score', value: 16, band: clinical });
  });

  it('applies the cut-off to the prorated score', () => {
    // twelve 1s answered: 12 × 16 / 12 = 16, exactly, so clinical
    expect(scoresOf(cia, numbered(Array<number>(12).fill(1))).global).toEqual({ status: 'score', value: 16, band: clinical });
    // eleven 1s and a 0: 11 × 16 / 12 = 14.67, below
    expect(scoresOf(cia, numbered([...Array<number>(11).fill(1), 0])).global).toMatchObject({ band: below });
  });

  it('counts a declined item as unanswered', () => {
    // all 1 with the work item declined: 15 × 16 / 15 = 16; Cognitive has 4 of 5
    const results = scoresOf(cia, { ...numbered(Array<number>(16).fill(1)), q4: 'declined' });
    expect(results.global).toEqual({ status: 'score', value: 16, band: clinical });
    expect(results.cognitive).toMatchObject({ status: 'noScore', answered: 4, required: 5 });
  });

  it('gives 0 when every item is 0, and 48 when every item is 3', () => {
    const zeros = scoresOf(cia, numbered(Array<number>(16).fill(0)));
    expect(zeros.global).toEqual({ status: 'score', value: 0, band: below });
    for (const id of ['personal', 'social', 'cognitive']) expect(valueOf(zeros, id)).toBe(0);
    const threes = scoresOf(cia, numbered(Array<number>(16).fill(3)));
    // 16 × 3 = 48; Personal 6 × 3 = 18; Social and Cognitive 5 × 3 = 15
    expect(threes.global).toEqual({ status: 'score', value: 48, band: clinical });
    expect([valueOf(threes, 'personal'), valueOf(threes, 'social'), valueOf(threes, 'cognitive')]).toEqual([18, 15, 15]);
  });
});
