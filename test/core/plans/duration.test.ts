// Spans of calendar time: their shortest and longest lengths in days, and the short form staff type.
import { describe, expect, test } from 'vitest';
import {
  addDurations,
  formatDuration,
  formatDurationText,
  longestDays,
  parseDurationText,
  shortestDays,
  timesDuration,
} from '../../../src/core/plans/duration.js';

describe('a span', () => {
  test('of months can be 28 to 31 days each; weeks and days are exact', () => {
    expect([shortestDays({ months: 1 }), longestDays({ months: 1 })]).toEqual([28, 31]);
    expect([shortestDays({ months: 12 }), longestDays({ months: 12 })]).toEqual([336, 372]);
    expect([shortestDays({ weeks: 6 }), longestDays({ weeks: 6 })]).toEqual([42, 42]);
    expect([shortestDays({ months: 1, weeks: 1, days: 2 }), longestDays({ months: 1, weeks: 1, days: 2 })]).toEqual([37, 40]);
  });

  test('taken several times keeps its months as months', () => {
    expect(timesDuration({ months: 1, weeks: 1 }, 3)).toEqual({ months: 3, days: 21 });
    expect(addDurations({ months: 12 }, { days: 3 })).toEqual({ months: 12, days: 3 });
  });

  test('is written for people', () => {
    expect(formatDuration({ weeks: 6 })).toBe('6 weeks');
    expect(formatDuration({ months: 1, days: 1 })).toBe('1 month 1 day');
    expect(formatDuration({ days: 0 })).toBe('0 days');
  });
});

describe('the short form', () => {
  test('reads months, weeks and days in that order', () => {
    expect(parseDurationText('6w')).toEqual({ weeks: 6 });
    expect(parseDurationText('14d')).toEqual({ days: 14 });
    expect(parseDurationText('3m')).toEqual({ months: 3 });
    expect(parseDurationText('1m2w3d')).toEqual({ months: 1, weeks: 2, days: 3 });
  });

  test('refuses anything else', () => {
    for (const text of ['', '6', 'w6', '6 weeks', '2w1m', '-1d', '6W', '1.5w', '99999d'])
      expect(parseDurationText(text), text).toBeUndefined();
  });

  test('is written back as it is read', () => {
    for (const text of ['6w', '14d', '3m', '1m2w3d']) expect(formatDurationText(parseDurationText(text) ?? {})).toBe(text);
    expect(formatDurationText({ days: 0 })).toBe('0d');
  });
});
