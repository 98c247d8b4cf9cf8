// MADRS-S for the ECT register: golden answer sets at every band boundary and at the remission line.
import { describe, expect, it } from 'vitest';
import { activeNotices, leafItems } from '../../../src/core/index.js';
import { answersOf, instrument, numbered, scoresOf } from './instrument.js';

const madrs = instrument('ect-madrs-s-1.json');

describe('MADRS-S: the form', () => {
  it('has 9 items rated 0–6, labelled at 0, 2, 4 and 6', () => {
    const items = leafItems(madrs).filter((item) => item.kind !== 'display');
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 9 }, (_, i) => `q${i + 1}`));
    for (const item of items) {
      expect(item).toMatchObject({ kind: 'scale', min: 0, max: 6 });
      if (item.kind === 'scale') expect(item.labels.map((l) => l.value)).toEqual([0, 2, 4, 6]);
    }
  });

  it('shows the support notice (113, 116 117) only when item 9 is answered 3 or higher', () => {
    const isShown = (q9: number) => activeNotices(madrs, answersOf({ q9 })).some((n) => n.id === 'thoughts_of_death');
    expect([0, 1, 2, 3, 4, 5, 6].map(isShown)).toEqual([false, false, false, true, true, true, true]);
    expect(madrs.notices?.[0]?.contacts?.map((c) => c.phone)).toEqual(['113', '116 117']);
  });
});

describe('MADRS-S: the total, its band and remission', () => {
  it.each([
    // 0 × 9 = 0
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal', true],
    // 3+2+2+1+1+1+0+0+0 = 10
    [[3, 2, 2, 1, 1, 1, 0, 0, 0], 10, 'minimal', true],
    // 3+2+2+1+1+1+1+0+0 = 11
    [[3, 2, 2, 1, 1, 1, 1, 0, 0], 11, 'minimal', false],
    // 3+2+2+1+1+1+1+1+0 = 12
    [[3, 2, 2, 1, 1, 1, 1, 1, 0], 12, 'minimal', false],
    // 3+2+2+1+1+1+1+1+1 = 13
    [[3, 2, 2, 1, 1, 1, 1, 1, 1], 13, 'mild', false],
    // 3+3+3+2+2+2+2+1+1 = 19
    [[3, 3, 3, 2, 2, 2, 2, 1, 1], 19, 'mild', false],
    // 4+3+3+2+2+2+2+1+1 = 20
    [[4, 3, 3, 2, 2, 2, 2, 1, 1], 20, 'moderate', false],
    // 6+5+5+4+4+4+3+2+1 = 34
    [[6, 5, 5, 4, 4, 4, 3, 2, 1], 34, 'moderate', false],
    // 6+5+5+4+4+4+3+2+2 = 35
    [[6, 5, 5, 4, 4, 4, 3, 2, 2], 35, 'severe', false],
    // 6 × 9 = 54
    [[6, 6, 6, 6, 6, 6, 6, 6, 6], 54, 'severe', false],
  ])('%j: total %s, band %s, remission %s', (values, total, band, isRemission) => {
    expect(scoresOf(madrs, numbered(values)).total).toEqual({
      status: 'score',
      value: total,
      band: { id: band, label: expect.any(Object) as unknown },
      flags: { remission: isRemission },
    });
  });

  it('labels the bands in each language', () => {
    const result = scoresOf(madrs, numbered([4, 3, 3, 2, 2, 2, 2, 1, 1])).total;
    expect(result?.status === 'score' && result.band?.label).toEqual({
      nb: 'Moderat depresjon (20–34)',
      nn: 'Moderat depresjon (20–34)',
      en: 'Moderate depression (20–34)',
    });
  });

  it('gives no total when an item is missing or declined: there is no prorating', () => {
    expect(scoresOf(madrs, numbered([3, 2, 2, 1, 1, 1, 0, 0])).total).toEqual({
      status: 'noScore',
      reason: 'tooFewAnswered',
      answered: 8,
      required: 9,
    });
    expect(scoresOf(madrs, numbered([3, 2, 2, 1, 1, 1, 0, 0, 'declined'])).total).toMatchObject({ status: 'noScore', answered: 8 });
  });
});
