// The Norwegian calendar: Oslo's offset from UTC, midnight on the days the clocks change, and days
// and months counted on local dates.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  addMonths,
  formatDate,
  formatOsloDateTime,
  osloDateOf,
  osloFields,
  osloInstant,
  osloOffsetMs,
  osloStartOfDay,
  parseDate,
  parseTime,
  type LocalDate,
} from '../../../src/core/plans/oslo-time.js';
import { reliabilityRuns } from '../../reliability-tally.js';

const date = (text: string): LocalDate => {
  const parsed = parseDate(text);
  if (!parsed) throw new Error(`not a date: ${text}`);
  return parsed;
};
const hour = 3_600_000;
const numRuns = reliabilityRuns(300, 5000);

describe("Oslo's offset", () => {
  test('is one hour in winter and two in summer, changing at 01:00 UTC on the last Sundays of March and October', () => {
    expect(osloOffsetMs(Date.parse('2027-01-15T12:00:00Z'))).toBe(hour);
    expect(osloOffsetMs(Date.parse('2027-07-01T12:00:00Z'))).toBe(2 * hour);
    expect(osloOffsetMs(Date.parse('2027-03-28T00:59:59Z'))).toBe(hour);
    expect(osloOffsetMs(Date.parse('2027-03-28T01:00:00Z'))).toBe(2 * hour);
    expect(osloOffsetMs(Date.parse('2027-10-31T00:59:59Z'))).toBe(2 * hour);
    expect(osloOffsetMs(Date.parse('2027-10-31T01:00:00Z'))).toBe(hour);
  });
});

describe('midnight in Oslo', () => {
  test('on the day summer time begins (2027-03-28) is 23:00 UTC the day before, and the day has 23 hours', () => {
    const start = osloStartOfDay(date('2027-03-28'));
    expect(start.toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(osloStartOfDay(date('2027-03-29')).getTime() - start.getTime()).toBe(23 * hour);
  });

  test('on the day summer time ends (2027-10-31) is 22:00 UTC the day before, and the day has 25 hours', () => {
    const start = osloStartOfDay(date('2027-10-31'));
    expect(start.toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(osloStartOfDay(date('2027-11-01')).getTime() - start.getTime()).toBe(25 * hour);
  });

  test('is read back as 00:00 on the same date, for any date from 1980 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3652, max: 47482 }), (days) => {
        const local = addDays({ year: 1970, month: 1, day: 1 }, days);
        const fields = osloFields(osloStartOfDay(local));
        return formatDate(fields) === formatDate(local) && fields.hour === 0 && fields.minute === 0;
      }),
      { numRuns },
    );
  });
});

describe('a wall-clock time', () => {
  test('that does not exist (02:30 as summer time begins) is taken an hour later on the clock', () => {
    expect(formatOsloDateTime(osloInstant(date('2027-03-28'), { hour: 2, minute: 30 }))).toBe('2027-03-28 03:30');
  });

  test('that comes twice (02:30 as summer time ends) is taken the first time', () => {
    expect(osloInstant(date('2027-10-31'), { hour: 2, minute: 30 }).toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  test('10:00 is 09:00 UTC in winter and 08:00 UTC in summer', () => {
    expect(osloInstant(date('2027-03-27'), { hour: 10, minute: 0 }).toISOString()).toBe('2027-03-27T09:00:00.000Z');
    expect(osloInstant(date('2027-03-28'), { hour: 10, minute: 0 }).toISOString()).toBe('2027-03-28T08:00:00.000Z');
  });

  test('is read back as itself for any instant (each instant has one reading, and it leads back)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const instant = new Date(Math.floor(ms / 60_000) * 60_000);
        const fields = osloFields(instant);
        const back = osloInstant(fields, fields);
        // The second 02:xx of the autumn change reads like the first: it leads to the first.
        return back.getTime() === instant.getTime() || back.getTime() === instant.getTime() - hour;
      }),
      { numRuns },
    );
  });
});

describe('counting days and months on local dates', () => {
  test('the date at an instant is the Oslo date, not the UTC one', () => {
    expect(formatDate(osloDateOf(new Date('2027-06-30T22:30:00Z')))).toBe('2027-07-01');
    expect(formatDate(osloDateOf(new Date('2027-12-31T22:59:00Z')))).toBe('2027-12-31');
    expect(formatDate(osloDateOf(new Date('2027-12-31T23:00:00Z')))).toBe('2028-01-01');
  });

  test('days step over month and year ends, leap days and the changes of the clocks', () => {
    expect(formatDate(addDays(date('2027-03-27'), 1))).toBe('2027-03-28');
    expect(formatDate(addDays(date('2027-03-27'), 2))).toBe('2027-03-29');
    expect(formatDate(addDays(date('2028-02-28'), 1))).toBe('2028-02-29');
    expect(formatDate(addDays(date('2027-12-31'), 1))).toBe('2028-01-01');
    expect(formatDate(addDays(date('2027-01-01'), -1))).toBe('2026-12-31');
  });

  test('a month later is the same day, or the last day of a shorter month', () => {
    expect(formatDate(addMonths(date('2027-01-15'), 1))).toBe('2027-02-15');
    expect(formatDate(addMonths(date('2027-01-31'), 1))).toBe('2027-02-28');
    expect(formatDate(addMonths(date('2028-01-31'), 1))).toBe('2028-02-29');
    expect(formatDate(addMonths(date('2027-06-01'), 12))).toBe('2028-06-01');
    expect(formatDate(addMonths(date('2027-11-30'), 3))).toBe('2028-02-29');
    expect(formatDate(addMonths(date('2027-03-31'), -1))).toBe('2027-02-28');
    expect(formatDate(addMonths(date('2027-01-10'), -13))).toBe('2025-12-10');
  });
});

describe('reading dates and times', () => {
  test('takes real dates only', () => {
    expect(parseDate('2027-02-29')).toBeUndefined();
    expect(parseDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDate('2027-13-01')).toBeUndefined();
    expect(parseDate('2027-1-01')).toBeUndefined();
    expect(parseDate('15.01.2027')).toBeUndefined();
  });

  test('takes HH:MM from 00:00 to 23:59', () => {
    expect(parseTime('10:00')).toEqual({ hour: 10, minute: 0 });
    expect(parseTime('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('9:00')).toBeUndefined();
  });
});
