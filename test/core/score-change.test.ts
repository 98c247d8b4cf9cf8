// Meaningful change and remission, from the thresholds a definition declares.
import { describe, expect, it } from 'vitest';
import { classifyChange, isInRemission, type ScoreChange } from '../../src/core/index.js';

const edeq: ScoreChange = { better: 'lower', improvement: { by: 0.9 } };
const madrs: ScoreChange = { better: 'lower', improvement: { relative: 0.5 }, remission: { atMost: 10 } };
const wellbeing: ScoreChange = { better: 'higher', improvement: { by: 2 }, deterioration: { relative: 0.25 }, remission: { atLeast: 8 } };

describe('classifyChange', () => {
  it('counts a fall of exactly the threshold, despite floating point (2.9 → 2.0 is 0.9)', () => {
    expect(classifyChange(edeq, 2.9, 2.0)).toBe('improved');
    expect(classifyChange(edeq, 2.9, 2.01)).toBe('unchanged');
  });

  it('does not mark a rise as deterioration when the score declares none', () => {
    expect(classifyChange(edeq, 1, 4)).toBe('unchanged');
  });

  it('judges a relative threshold against the earlier value (MADRS-S response: half or more)', () => {
    expect(classifyChange(madrs, 30, 15)).toBe('improved');
    expect(classifyChange(madrs, 30, 16)).toBe('unchanged');
    expect(classifyChange(madrs, 0, 0)).toBe('unchanged');
  });

  it('reads "better": "higher" the other way, deterioration included', () => {
    expect(classifyChange(wellbeing, 4, 6)).toBe('improved');
    expect(classifyChange(wellbeing, 4, 3)).toBe('deteriorated');
    expect(classifyChange(wellbeing, 4, 3.5)).toBe('unchanged');
  });
});

describe('isInRemission', () => {
  it('holds at and below "atMost", and at and above "atLeast"', () => {
    expect([9, 10, 11].map((v) => isInRemission(madrs.remission, v))).toEqual([true, true, false]);
    expect([7, 8].map((v) => isInRemission(wellbeing.remission, v))).toEqual([false, true]);
  });

  it('never holds without a remission level', () => {
    expect(isInRemission(undefined, 0)).toBe(false);
    expect(isInRemission(edeq.remission, 0)).toBe(false);
  });
});
