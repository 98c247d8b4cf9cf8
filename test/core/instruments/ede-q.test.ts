// EDE-Q 6.0: golden answer sets, each worked out by hand in the comment above it. The body mass index
// from weight and height is in ede-q-bmi.test.ts.
import { describe, expect, it } from 'vitest';
import { leafItems, visibility, type ScoreResult } from '../../../src/core/index.js';
import { answersOf, instrument, numbered, scoresOf, valueOf, type ShortAnswers } from './instrument.js';

const edeq = instrument('ede-q-6.0.json');

// q1–q6 | q7–q12 | q13–q18 (counts, not scored) | q19–q21 | q22–q28
const complete: ShortAnswers = {
  ...numbered([3, 1, 4, 2, 0, 4, 1, 3, 2, 5, 6, 6, 4, 3, 3, 0, 0, 8, 0, 3, 5, 4, 4, 2, 5, 5, 3, 2]),
  weight: 60,
  height: 165,
  female: true,
  missedPeriods: false,
  pill: false,
};
const without = (answers: ShortAnswers, ...ids: string[]) =>
  Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));
const tooFew = (answered: number, required: number): ScoreResult => ({ status: 'noScore', reason: 'tooFewAnswered', answered, required });

describe('EDE-Q 6.0: the form', () => {
  it('has items q1–q28 in order, then weight, height and the menstruation items', () => {
    const ids = leafItems(edeq).map((item) => item.id);
    expect(ids).toEqual([
      ...Array.from({ length: 28 }, (_, i) => `q${i + 1}`),
      'weight',
      'height',
      'female',
      'missedPeriods',
      'missedPeriodsCount',
      'pill',
    ]);
  });

  it('rates 1–12 and 19 by days, 20 by share of times, 21–28 by severity at 0, 2, 4, 6; 13–18 are whole numbers', () => {
    const items = new Map(leafItems(edeq).map((item) => [item.id, item]));
    const labelsOf = (id: string) => {
      const item = items.get(id);
      return item?.kind === 'scale' ? { min: item.min, max: item.max, labels: item.labels.map((l) => [l.value, l.text.en]) } : item?.kind;
    };
    const days = [
      [0, 'No days'],
      [1, '1–5 days'],
      [2, '6–12 days'],
      [3, '13–15 days'],
      [4, '16–22 days'],
      [5, '23–27 days'],
      [6, 'Every day'],
    ];
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 19]) expect(labelsOf(`q${n}`)).toEqual({ min: 0, max: 6, labels: days });
    expect(labelsOf('q20')).toMatchObject({
      min: 0,
      max: 6,
      labels: [
        [0, 'None of the times'],
        [1, 'A few of the times'],
        [2, 'Less than half of the times'],
        [3, 'Half of the times'],
        [4, 'More than half of the times'],
        [5, 'Most of the times'],
        [6, 'Every time'],
      ],
    });
    for (const n of [21, 22, 23, 24, 25, 26, 27, 28])
      expect(labelsOf(`q${n}`)).toEqual({
        min: 0,
        max: 6,
        labels: [
          [0, 'Not at all'],
          [2, 'Slightly'],
          [4, 'Moderately'],
          [6, 'Markedly'],
        ],
      });
    for (const n of [13, 14, 15, 16, 17, 18]) expect(items.get(`q${n}`)).toMatchObject({ kind: 'integer', min: 0 });
    expect(items.get('weight')).toMatchObject({ kind: 'decimal', unit: { en: 'kg' } });
    expect(items.get('height')).toMatchObject({ kind: 'integer', unit: { en: 'cm' } });
  });

  it('asks about menstrual periods only when relevant, and those answers never change a score', () => {
    const shown = (answers: ShortAnswers) =>
      ['missedPeriods', 'missedPeriodsCount', 'pill'].filter((id) => visibility(edeq, answersOf(answers)).visible.has(id));
    expect(shown({})).toEqual([]);
    expect(shown({ female: false, missedPeriods: true, missedPeriodsCount: 2 })).toEqual([]);
    expect(shown({ female: true })).toEqual(['missedPeriods', 'pill']);
    expect(shown({ female: true, missedPeriods: true })).toEqual(['missedPeriods', 'missedPeriodsCount', 'pill']);
    expect(scoresOf(edeq, { ...complete, female: true, missedPeriods: true, missedPeriodsCount: 3 })).toEqual(scoresOf(edeq, complete));
  });
});

describe('EDE-Q 6.0: scores', () => {
  it('scores a complete answer set', () => {
    const results = scoresOf(edeq, complete);
    // Restraint (1–5): (3 + 1 + 4 + 2 + 0) / 5 = 10 / 5 = 2
    expect(valueOf(results, 'restraint')).toBe(2);
    // Eating Concern (7, 9, 19, 20, 21): (1 + 2 + 0 + 3 + 5) / 5 = 11 / 5 = 2.2
    expect(valueOf(results, 'eatingConcern')).toBeCloseTo(2.2, 12);
    // Shape Concern (6, 8, 10, 11, 23, 26, 27, 28): (4 + 3 + 5 + 6 + 4 + 5 + 3 + 2) / 8 = 32 / 8 = 4
    expect(valueOf(results, 'shapeConcern')).toBe(4);
    // Weight Concern (8, 12, 22, 24, 25): (3 + 6 + 4 + 2 + 5) / 5 = 20 / 5 = 4
    expect(valueOf(results, 'weightConcern')).toBe(4);
    // Global: (2 + 2.2 + 4 + 4) / 4 = 12.2 / 4 = 3.05
    expect(valueOf(results, 'global')).toBeCloseTo(3.05, 12);
    // BMI: 60 / (165 / 100)² = 60 / 2.7225 = 22.03857…
    expect(valueOf(results, 'bmi')).toBeCloseTo(22.03857, 4);
  });

  it('counts item 8 in both Shape Concern and Weight Concern', () => {
    // q8 from 3 to 6: Shape (32 + 3) / 8 = 4.375; Weight (20 + 3) / 5 = 4.6
    const results = scoresOf(edeq, { ...complete, q8: 6 });
    expect(valueOf(results, 'shapeConcern')).toBe(4.375);
    expect(valueOf(results, 'weightConcern')).toBeCloseTo(4.6, 12);
  });

  it('gives Restraint with 3 of its 5 items answered', () => {
    const results = scoresOf(edeq, without(complete, 'q4', 'q5'));
    // more than half of 5 is 3: (3 + 1 + 4) / 3 = 8 / 3 = 2.667
    expect(valueOf(results, 'restraint')).toBeCloseTo(8 / 3, 12);
    // Global: (8/3 + 2.2 + 4 + 4) / 4 = 12.8667 / 4 = 3.2167
    expect(valueOf(results, 'global')).toBeCloseTo((8 / 3 + 10.2) / 4, 12);
  });

  it('gives no Restraint, and so no global score, with 2 of its 5 items answered', () => {
    const results = scoresOf(edeq, without(complete, 'q3', 'q4', 'q5'));
    expect(results.restraint).toEqual(tooFew(2, 3));
    expect(results.global).toEqual({ status: 'noScore', reason: 'missingScores', missing: ['restraint'] });
    // the other subscales are unchanged
    expect(valueOf(results, 'shapeConcern')).toBe(4);
  });

  it('counts a declined item as unanswered: Shape Concern needs 5 of its 8 items', () => {
    const fourDeclined = { ...complete, q23: 'declined', q26: 'declined', q27: 'declined', q28: 'declined' } as const;
    expect(scoresOf(edeq, fourDeclined).shapeConcern).toEqual(tooFew(4, 5));
    expect(scoresOf(edeq, fourDeclined).global).toMatchObject({ reason: 'missingScores', missing: ['shapeConcern'] });
    // with q23 (4) answered again: (4 + 3 + 5 + 6 + 4) / 5 = 22 / 5 = 4.4
    expect(valueOf(scoresOf(edeq, { ...fourDeclined, q23: 4 }), 'shapeConcern')).toBeCloseTo(4.4, 12);
  });

  it('does not score the counts of items 13–18', () => {
    const results = scoresOf(edeq, { ...complete, q13: 20, q14: 20, q15: 28, q16: 50, q17: 10, q18: 40 });
    expect(results).toEqual(scoresOf(edeq, complete));
  });

  it('gives 0 everywhere when every rating is 0: a score of 0, not no score', () => {
    const zeros = { ...numbered(Array<number>(28).fill(0)), weight: 50, height: 160 };
    const results = scoresOf(edeq, zeros);
    for (const id of ['restraint', 'eatingConcern', 'shapeConcern', 'weightConcern', 'global'])
      expect(results[id]).toEqual({ status: 'score', value: 0 });
    // 50 / 1.6² = 50 / 2.56 = 19.53125 (1.6² is 2.5600000000000005 in binary, hence "close to")
    expect(valueOf(results, 'bmi')).toBeCloseTo(19.53125, 10);
  });

  it('gives 6 everywhere when every rating is 6', () => {
    const results = scoresOf(edeq, numbered(Array<number>(28).fill(6)));
    for (const id of ['restraint', 'eatingConcern', 'shapeConcern', 'weightConcern', 'global']) expect(valueOf(results, id)).toBe(6);
  });

  it('shows no score to the patient', () => {
    expect(edeq.scores?.filter((score) => score.showToPatient)).toEqual([]);
  });
});
