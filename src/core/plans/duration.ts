// Spans of calendar time in a plan: days, weeks and months, counted on the Norwegian calendar (see
// oslo-time.ts). A month is not a fixed number of days, so each span has a shortest and a longest
// length in days; checks that must hold for every start date (windows of repeats never overlap, a
// reminder comes before its window closes) use those bounds.
import { z } from 'zod/mini';
import { identifier } from '../definition-parts.js';

const count = (max: number) => z.optional(z.int().check(z.minimum(0), z.maximum(max)));

export const duration = z.strictObject({ months: count(120), weeks: count(520), days: count(3660) }).check(
  z.refine((value) => value.months !== undefined || value.weeks !== undefined || value.days !== undefined, {
    message: 'a span names at least one of "months", "weeks" and "days", e.g. {"weeks": 6}',
  }),
);
export type Duration = z.infer<typeof duration>;

/** A span the unit may set at enrolment: the plan's setting of that id. */
export const settingReference = z.strictObject({ setting: identifier.clone() });
export type SettingReference = z.infer<typeof settingReference>;

export const durationOrSetting = z.union([duration, settingReference]);
export type DurationOrSetting = z.infer<typeof durationOrSetting>;

export const isSettingReference = (value: DurationOrSetting): value is SettingReference => 'setting' in value;

/** The whole days apart from the months: weeks and days together. */
export const daysOf = (span: Duration): number => (span.weeks ?? 0) * 7 + (span.days ?? 0);

/** The fewest days the span can take (a month of 28 days). */
export const shortestDays = (span: Duration): number => (span.months ?? 0) * 28 + daysOf(span);

/** The most days the span can take (a month of 31 days). */
export const longestDays = (span: Duration): number => (span.months ?? 0) * 31 + daysOf(span);

/** `span` taken `times` times: whole months stay months, so 3 × 1 month is 3 months, not 84 days. */
export function timesDuration(span: Duration, times: number): Duration {
  return { months: (span.months ?? 0) * times, days: daysOf(span) * times };
}

export function addDurations(a: Duration, b: Duration): Duration {
  return { months: (a.months ?? 0) + (b.months ?? 0), days: daysOf(a) + daysOf(b) };
}

const units = [
  ['months', 'm', 'month'],
  ['weeks', 'w', 'week'],
  ['days', 'd', 'day'],
] as const;

/** `6w`, `14d`, `3m`, `1m2w`: the short form staff type on the command line. */
export function parseDurationText(text: string): Duration | undefined {
  const match = /^(?:(\d{1,4})m)?(?:(\d{1,4})w)?(?:(\d{1,4})d)?$/.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, months, weeks, days] = match;
  const parsed: Duration = {
    ...(months !== undefined ? { months: Number(months) } : {}),
    ...(weeks !== undefined ? { weeks: Number(weeks) } : {}),
    ...(days !== undefined ? { days: Number(days) } : {}),
  };
  return duration.safeParse(parsed).success ? parsed : undefined;
}

/** `6 weeks`, `1 month 2 weeks`, `0 days`: for messages and the preview. */
export function formatDuration(span: Duration): string {
  const parts = units.flatMap(([field, , word]) => {
    const value = span[field];
    return value === undefined || value === 0 ? [] : [`${value} ${word}${value === 1 ? '' : 's'}`];
  });
  return parts.length > 0 ? parts.join(' ') : '0 days';
}

/** `6w`, `1m2w`, `0d`: the short form, as `parseDurationText` reads it. */
export function formatDurationText(span: Duration): string {
  const text = units.map(([field, letter]) => (span[field] ? `${span[field]}${letter}` : '')).join('');
  return text === '' ? '0d' : text;
}
