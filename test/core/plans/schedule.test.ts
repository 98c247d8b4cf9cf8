// The schedule a plan gives one enrolment: whole courses of the shipped plans, the days the clocks
// change, months of different lengths, repeats that stop at discharge, the unit's settings.
import { describe, expect, test } from 'vitest';
import { planSchedule } from '../../../src/core/plans/schedule.js';
import { minimalPlan, planOf, shippedPlan } from './plan-fixtures.js';
import { day, readable } from './schedule-fixtures.js';

const kvarus = shippedPlan('kvarus');
const norspis = shippedPlan('norspis');
const ect = shippedPlan('ect');

describe('a KVARUS course', () => {
  test('basis at intake, a measurement point every 6 weeks until discharge, the closing registration, and the follow-up a year later', () => {
    const schedule = planSchedule(kvarus, {
      enrolledAt: day('2027-01-15'),
      events: { discharged: day('2027-06-01') },
      until: day('2029-01-01'),
    });
    expect(readable(schedule)).toEqual([
      { at: 'basis 1', due: '2027-01-15', window: '2027-01-15 – 2027-01-29', reminders: ['2027-01-18 10:00', '2027-01-22 10:00'] },
      { at: 'malepunkt 1', due: '2027-02-26', window: '2027-02-26 – 2027-03-12', reminders: ['2027-03-01 10:00', '2027-03-05 10:00'] },
      { at: 'malepunkt 2', due: '2027-04-09', window: '2027-04-09 – 2027-04-23', reminders: ['2027-04-12 10:00', '2027-04-16 10:00'] },
      { at: 'malepunkt 3', due: '2027-05-21', window: '2027-05-21 – 2027-06-04', reminders: ['2027-05-24 10:00', '2027-05-28 10:00'] },
      { at: 'avslutning 1', due: '2027-06-01', window: '2027-05-25 – 2027-06-15', reminders: ['2027-05-28 10:00', '2027-06-01 10:00'] },
      {
        at: 'oppfolging-12m 1',
        due: '2028-06-01',
        window: '2028-05-18 – 2028-07-01',
        reminders: ['2028-05-25 10:00', '2028-06-01 10:00', '2028-06-15 10:00'],
      },
    ]);
    expect(schedule[0]).toMatchObject({ timePoint: 'basis', occurrence: 1, questionnaires: ['kvarus-basis@2'] });
  });

  test('keeps a measurement point whose window opened before discharge was recorded, and no later one', () => {
    const points = (discharged: Date) =>
      planSchedule(kvarus, { enrolledAt: day('2027-01-15'), events: { discharged }, until: day('2029-01-01') })
        .filter((e) => e.timePoint === 'malepunkt')
        .map((e) => e.occurrence);
    expect(points(new Date(day('2027-05-21').getTime() + 1))).toEqual([1, 2, 3]);
    expect(points(day('2027-05-21'))).toEqual([1, 2]);
    expect(points(day('2027-02-26'))).toEqual([]);
  });

  test('without discharge, measurement points go on up to the horizon, and nothing anchored on discharge is listed', () => {
    const schedule = planSchedule(kvarus, { enrolledAt: day('2027-01-15'), until: day('2028-01-15') });
    expect(schedule.map((e) => `${e.timePoint} ${e.occurrence}`)).toEqual([
      'basis 1',
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `malepunkt ${n}`),
    ]);
    expect(readable(schedule).at(-1)?.due).toBe('2027-12-17');
  });

  test('the unit may set the interval and the window within the ranges the plan allows', () => {
    const schedule = planSchedule(kvarus, {
      enrolledAt: day('2027-01-15'),
      settings: { interval: { weeks: 8 }, answerWindow: { days: 7 } },
      until: day('2027-06-01'),
    });
    expect(readable(schedule).map((e) => `${e.at}: ${e.window}`)).toEqual([
      'basis 1: 2027-01-15 – 2027-01-22',
      'malepunkt 1: 2027-03-12 – 2027-03-19',
      'malepunkt 2: 2027-05-07 – 2027-05-14',
    ]);
    expect(() =>
      planSchedule(kvarus, { enrolledAt: day('2027-01-15'), settings: { interval: { weeks: 2 } }, until: day('2028-01-01') }),
    ).toThrow('"interval" is 2 weeks, outside what the plan allows: 5 weeks to 26 weeks');
  });

  test('refuses events and settings the plan does not have', () => {
    const input = { enrolledAt: day('2027-01-15'), until: day('2028-01-01') };
    expect(() => planSchedule(kvarus, { ...input, events: { discharge: day('2027-06-01') } })).toThrow(
      'the plan has no event "discharge": it has "discharged"',
    );
    expect(() => planSchedule(kvarus, { ...input, settings: { intervall: { weeks: 6 } } })).toThrow('the plan has no setting "intervall"');
    expect(() => planSchedule(ect, { ...input, settings: { interval: { weeks: 6 } } })).toThrow(
      'the plan has no settings, so "interval" cannot be set',
    );
  });
});

describe('the NorSpis and ECT plans', () => {
  test('NorSpis: start at enrolment; the end waits for the end of treatment', () => {
    expect(readable(planSchedule(norspis, { enrolledAt: day('2027-01-15'), until: day('2030-01-01') })).map((e) => e.at)).toEqual([
      'start 1',
    ]);
    const schedule = planSchedule(norspis, {
      enrolledAt: day('2027-01-15'),
      events: { treatmentEnded: day('2027-11-02') },
      until: day('2030-01-01'),
    });
    expect(readable(schedule).map((e) => `${e.at}: ${e.window}`)).toEqual([
      'start 1: 2027-01-15 – 2027-01-29',
      'slutt 1: 2027-11-02 – 2027-11-16',
    ]);
    expect(schedule[1]?.questionnaires).toEqual(['ede-q@6.0.1', 'cia@3.0.1', 'norspis-outcome@1']);
  });

  test('ECT: MADRS-S before the series, the forms in the first week after it, and six months later', () => {
    const schedule = planSchedule(ect, {
      enrolledAt: day('2027-02-01'),
      events: { ectSeriesEnded: day('2027-03-10') },
      until: day('2030-01-01'),
    });
    expect(readable(schedule)).toEqual([
      { at: 'for-serie 1', due: '2027-02-01', window: '2027-02-01 – 2027-02-03', reminders: ['2027-02-02 10:00'] },
      { at: 'etter-serie 1', due: '2027-03-11', window: '2027-03-11 – 2027-03-17', reminders: ['2027-03-13 10:00', '2027-03-15 10:00'] },
      { at: 'oppfolging-6m 1', due: '2027-09-10', window: '2027-09-03 – 2027-10-01', reminders: ['2027-09-10 10:00', '2027-09-17 10:00'] },
    ]);
  });

  test('six months after 31 August is the last day of February, in a leap year too', () => {
    const due = (ended: string) =>
      readable(planSchedule(ect, { enrolledAt: day('2027-06-01'), events: { ectSeriesEnded: day(ended) }, until: day('2030-01-01') })).find(
        (e) => e.at === 'oppfolging-6m 1',
      )?.due;
    expect(due('2027-08-31')).toBe('2028-02-29');
    expect(due('2028-08-31')).toBe('2029-02-28');
  });
});

describe('the days the clocks change', () => {
  test('a window opening on 2027-03-28, as summer time begins, opens at 00:00 Oslo time (23:00 UTC the day before)', () => {
    const [start] = planSchedule(norspis, { enrolledAt: day('2027-03-28'), until: day('2027-04-01') });
    expect(start?.opensAt.toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(start?.dueAt.toISOString()).toBe('2027-03-27T23:00:00.000Z');
    // closes at the end of 11 April, summer time: 22:00 UTC
    expect(start?.closesAt.toISOString()).toBe('2027-04-11T22:00:00.000Z');
    expect(start?.reminders.map((r) => r.toISOString())).toEqual(['2027-03-31T08:00:00.000Z', '2027-04-04T08:00:00.000Z']);
  });

  test('a window opening on 2027-10-31, as summer time ends, opens at 00:00 Oslo time (22:00 UTC the day before)', () => {
    const [start] = planSchedule(norspis, { enrolledAt: day('2027-10-31'), until: day('2027-11-01') });
    expect(start?.opensAt.toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(start?.closesAt.toISOString()).toBe('2027-11-14T23:00:00.000Z');
    expect(start?.reminders.map((r) => r.toISOString())).toEqual(['2027-11-03T09:00:00.000Z', '2027-11-07T09:00:00.000Z']);
  });

  test('a window that opens before its due day across the change opens at 00:00 on the change day', () => {
    const follow = planSchedule(kvarus, {
      enrolledAt: day('2025-01-01'),
      events: { discharged: day('2026-04-11') },
      until: day('2028-01-01'),
    }).find((e) => e.timePoint === 'oppfolging-12m');
    expect(follow?.opensAt.toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(follow?.dueAt.toISOString()).toBe('2027-04-10T22:00:00.000Z');
  });

  test('a reminder due on the change day goes out at 10:00 Oslo time', () => {
    const plan = planOf(minimalPlan({ reminders: [{ days: 2 }] }));
    expect(
      planSchedule(plan, { enrolledAt: day('2027-03-26'), until: day('2027-04-01') })[0]?.reminders.map((r) => r.toISOString()),
    ).toEqual(['2027-03-28T08:00:00.000Z']);
    expect(
      planSchedule(plan, { enrolledAt: day('2027-10-29'), until: day('2027-11-01') })[0]?.reminders.map((r) => r.toISOString()),
    ).toEqual(['2027-10-31T09:00:00.000Z']);
  });

  test('an enrolment late in the evening counts from its Oslo date, not its UTC date', () => {
    // 00:30 on 28 March in Oslo is 23:30 UTC on the 27th
    const [start] = planSchedule(norspis, { enrolledAt: new Date('2027-03-27T23:30:00Z'), until: day('2027-04-01') });
    expect(start?.dueAt.toISOString()).toBe('2027-03-27T23:00:00.000Z');
  });
});

describe("the horizon and the plan's reminder time", () => {
  test('windows that open on or after `until` are left out', () => {
    const input = { enrolledAt: day('2027-01-15'), events: { discharged: day('2027-06-01') } };
    expect(planSchedule(kvarus, { ...input, until: day('2027-04-09') }).map((e) => `${e.timePoint} ${e.occurrence}`)).toEqual([
      'basis 1',
      'malepunkt 1',
    ]);
    expect(planSchedule(kvarus, { ...input, until: new Date(day('2027-04-09').getTime() + 1) }).length).toBe(3);
  });

  test('reminders go out at the time of day the plan names', () => {
    const plan = planOf(minimalPlan({ reminders: [{ days: 1 }] }, { reminderTime: '08:30' }));
    expect(readable(planSchedule(plan, { enrolledAt: day('2027-01-15'), until: day('2027-02-01') }))[0]?.reminders).toEqual([
      '2027-01-16 08:30',
    ]);
  });
});
