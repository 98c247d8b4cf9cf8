// Schedules as people read them: Oslo local dates and times.
import { addDays, formatDate, formatOsloDateTime, osloDateOf, osloStartOfDay, parseDate } from '../../../src/core/plans/oslo-time.js';
import type { ScheduledTimePoint } from '../../../src/core/plans/schedule.js';

/** 00:00 Oslo time on a YYYY-MM-DD date. */
export function day(text: string): Date {
  const date = parseDate(text);
  if (!date) throw new Error(`not a date: ${text}`);
  return osloStartOfDay(date);
}

export interface ReadableEntry {
  at: string;
  due: string;
  window: string;
  reminders: string[];
}

/** One line per window: `malepunkt 2`, due day, first and last day, reminders. */
export function readable(schedule: readonly ScheduledTimePoint[]): ReadableEntry[] {
  return schedule.map((entry) => ({
    at: `${entry.timePoint} ${entry.occurrence}`,
    due: formatDate(osloDateOf(entry.dueAt)),
    window: `${formatDate(osloDateOf(entry.opensAt))} – ${formatDate(addDays(osloDateOf(entry.closesAt), -1))}`,
    reminders: entry.reminders.map(formatOsloDateTime),
  }));
}
