// Properties of planSchedule over generated plans and dates (fast-check): for every plan `check`
// accepts, windows open and close at midnight in Oslo whatever the daylight-saving changes, the
// windows of one time point's repeats never overlap, reminders fall inside their window, repeats stop
// at their ending event, and a longer horizon only adds windows. RELIABILITY=long runs many more.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDurations, longestDays, shortestDays, timesDuration, type Duration } from '../../../src/core/plans/duration.js';
import { addDays, dayNumber, osloDateOf, osloFields } from '../../../src/core/plans/oslo-time.js';
import { parsePlan } from '../../../src/core/plans/parse-plan.js';
import type { Plan } from '../../../src/core/plans/plan.js';
import { planSchedule, type ScheduledTimePoint } from '../../../src/core/plans/schedule.js';
import { reliabilityRuns } from '../../reliability-tally.js';
import { context, minimalPlan } from './plan-fixtures.js';

const numRuns = reliabilityRuns(150, 3000);
const dayMs = 86_400_000;

const span = (months: number, weeks: number, days: number) =>
  fc
    .record(
      { months: fc.integer({ min: 0, max: months }), weeks: fc.integer({ min: 0, max: weeks }), days: fc.integer({ min: 0, max: days }) },
      { requiredKeys: [] },
    )
    .filter((s) => Object.keys(s).length > 0);

const timePointArb = fc.record({
  anchor: fc.constantFrom('enrolment', 'ended'),
  offset: span(14, 8, 40),
  window: fc.record({ opensBefore: span(1, 2, 10), closesAfter: span(1, 3, 20) }, { requiredKeys: ['closesAfter'] }),
  repeat: fc.option(fc.record({ every: span(6, 12, 60), until: fc.constant('ended') }), { nil: undefined }),
  reminders: fc.array(span(0, 1, 6), { maxLength: 3 }),
});

/** A plan of one to three time points that `check` accepts (others are skipped). */
const planArb = fc.array(timePointArb, { minLength: 1, maxLength: 3 }).map((points) => {
  const base = minimalPlan();
  const [template] = base.timePoints as Record<string, unknown>[];
  const timePoints = points.map((point, i) => {
    const { repeat, ...rest } = point;
    return { ...template, ...rest, id: `point-${i}`, ...(repeat && point.anchor === 'enrolment' ? { repeat } : {}) };
  });
  const parsed = parsePlan({ ...base, timePoints }, context);
  return parsed.ok ? parsed.plan : undefined;
});

const instant = (from: number, to: number) => fc.integer({ min: from, max: to }).map((ms) => new Date(ms));
const inputArb = instant(Date.UTC(2020, 0, 1), Date.UTC(2040, 0, 1)).chain((enrolledAt) =>
  fc.record({
    enrolledAt: fc.constant(enrolledAt),
    ended: fc.option(instant(enrolledAt.getTime(), enrolledAt.getTime() + 900 * dayMs), { nil: undefined }),
    horizonDays: fc.integer({ min: 0, max: 1200 }),
  }),
);

const isMidnight = (at: Date) => {
  const f = osloFields(at);
  return f.hour === 0 && f.minute === 0 && f.second === 0;
};
const days = (from: Date, to: Date) => dayNumber(osloDateOf(to)) - dayNumber(osloDateOf(from));
const spanOf = (value: unknown) => value as Duration;

function schedule(plan: Plan, input: { enrolledAt: Date; ended: Date | undefined }, until: Date): ScheduledTimePoint[] {
  return planSchedule(plan, { enrolledAt: input.enrolledAt, events: input.ended ? { ended: input.ended } : {}, until });
}

/** Each entry's own properties: midnights, due day inside the window, reminders inside it at 10:00. */
function checkEntry(plan: Plan, entry: ScheduledTimePoint, anchorAt: Date): void {
  const point = plan.timePoints.find((t) => t.id === entry.timePoint);
  if (!point) throw new Error('unknown time point');
  expect([entry.opensAt, entry.dueAt, entry.closesAt].every(isMidnight)).toBe(true);
  expect(entry.opensAt <= entry.dueAt && entry.dueAt < entry.closesAt).toBe(true);
  const offset = point.repeat
    ? addDurations(spanOf(point.offset), timesDuration(spanOf(point.repeat.every), entry.occurrence - 1))
    : spanOf(point.offset);
  const dueDays = days(anchorAt, entry.dueAt);
  expect(dueDays).toBeGreaterThanOrEqual(shortestDays(offset));
  expect(dueDays).toBeLessThanOrEqual(longestDays(offset));
  for (const reminder of entry.reminders) {
    expect(reminder >= entry.opensAt && reminder < entry.closesAt).toBe(true);
    expect(osloFields(reminder)).toMatchObject({ hour: 10, minute: 0 });
  }
  expect(entry.reminders.length).toBe(point.reminders?.length ?? 0);
}

describe('planSchedule, for any plan check accepts and any dates', () => {
  test('windows open and close at midnight in Oslo, hold their due day, and keep their reminders inside', () => {
    fc.assert(
      fc.property(planArb, inputArb, (plan, input) => {
        fc.pre(plan !== undefined);
        if (!plan) return;
        const until = new Date(input.enrolledAt.getTime() + input.horizonDays * dayMs);
        for (const entry of schedule(plan, input, until)) {
          const point = plan.timePoints.find((t) => t.id === entry.timePoint);
          const anchorAt = point?.anchor === 'ended' ? input.ended : input.enrolledAt;
          expect(anchorAt).toBeDefined();
          if (anchorAt) checkEntry(plan, entry, anchorAt);
          expect(entry.opensAt < until).toBe(true);
        }
      }),
      { numRuns },
    );
  });

  test("the windows of one time point's repeats never overlap, and repeats stop at their ending event", () => {
    fc.assert(
      fc.property(planArb, inputArb, (plan, input) => {
        fc.pre(plan !== undefined);
        if (!plan) return;
        const until = new Date(input.enrolledAt.getTime() + input.horizonDays * dayMs);
        const entries = schedule(plan, input, until);
        for (const point of plan.timePoints) {
          const own = entries.filter((e) => e.timePoint === point.id);
          expect(own.map((e) => e.occurrence)).toEqual(own.map((_, i) => i + 1));
          for (let i = 1; i < own.length; i++) expect((own[i - 1]?.closesAt ?? 0) <= (own[i]?.opensAt ?? 0)).toBe(true);
          if (point.repeat && input.ended) for (const entry of own) expect(entry.opensAt < input.ended).toBe(true);
        }
        // Recording the ending event only takes away the repeats that open from it on.
        if (input.ended) {
          const withoutEnd = schedule(plan, { enrolledAt: input.enrolledAt, ended: undefined }, until);
          const ended = input.ended;
          const kept = withoutEnd.filter((e) => !plan.timePoints.find((t) => t.id === e.timePoint)?.repeat || e.opensAt < ended);
          expect(entries.filter((e) => plan.timePoints.find((t) => t.id === e.timePoint)?.anchor === 'enrolment')).toEqual(kept);
        }
      }),
      { numRuns },
    );
  });

  test('a later horizon only adds windows that open after the earlier one', () => {
    fc.assert(
      fc.property(planArb, inputArb, fc.integer({ min: 1, max: 400 }), (plan, input, moreDays) => {
        fc.pre(plan !== undefined);
        if (!plan) return;
        const until = new Date(input.enrolledAt.getTime() + input.horizonDays * dayMs);
        const later = schedule(plan, input, new Date(until.getTime() + moreDays * dayMs));
        expect(later.filter((e) => e.opensAt < until)).toEqual(schedule(plan, input, until));
      }),
      { numRuns },
    );
  });

  test('a window spans the calendar days its spans allow, whatever the clocks do', () => {
    fc.assert(
      fc.property(planArb, inputArb, (plan, input) => {
        fc.pre(plan !== undefined);
        if (!plan) return;
        for (const entry of schedule(plan, input, new Date(input.enrolledAt.getTime() + 400 * dayMs))) {
          const point = plan.timePoints.find((t) => t.id === entry.timePoint);
          const before = spanOf(point?.window.opensBefore ?? { days: 0 });
          const after = spanOf(point?.window.closesAfter);
          const open = days(entry.opensAt, entry.closesAt);
          expect(open).toBeGreaterThanOrEqual(shortestDays(before) + shortestDays(after) + 1);
          expect(open).toBeLessThanOrEqual(longestDays(before) + longestDays(after) + 1);
          expect(dayNumber(addDays(osloDateOf(entry.opensAt), open))).toBe(dayNumber(osloDateOf(entry.closesAt)));
        }
      }),
      { numRuns },
    );
  });
});
