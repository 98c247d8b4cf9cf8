// The dates a plan gives one enrolment: each time point's due day, its answer window and its
// reminders, worked out on the Norwegian calendar. Pure: the scheduler calls it with what the
// register knows (the enrolment, the events staff have recorded, the unit's settings) and a
// horizon, and compares the result with the orders it has made.
import { addDurations, timesDuration, type Duration } from './duration.js';
import { addDays, addMonths, osloDateOf, osloInstant, osloStartOfDay, parseTime, type LocalDate } from './oslo-time.js';
import { defaultReminderTime, enrolmentAnchor, type Plan, type TimePoint } from './plan.js';
import { resolvePlanSettings, resolveSpan, type SettingValues } from './plan-spans.js';

export interface ScheduleInput {
  /** When the patient was enrolled: the anchor "enrolment". */
  enrolledAt: Date;
  /** Clinical events staff have recorded, by the plan's event id; a time point anchored on an event not here has no dates yet. */
  events?: Readonly<Record<string, Date>>;
  /** The unit's values for the plan's settings; the plan's defaults for the rest. */
  settings?: SettingValues;
  /** The horizon: only windows that open before this are listed. */
  until: Date;
}

export interface ScheduledTimePoint {
  /** The time point's coded id, e.g. "malepunkt". */
  timePoint: string;
  /** 1 for a time point that does not repeat; 1, 2, 3… for the repeats of one that does. */
  occurrence: number;
  /** The definition keys asked, id@version. */
  questionnaires: string[];
  /** 00:00 Oslo time on the due day. */
  dueAt: Date;
  /** 00:00 Oslo time on the day the window opens. */
  opensAt: Date;
  /** 00:00 Oslo time on the day after the window's last day: the window is open before this. */
  closesAt: Date;
  /** When each reminder is due, at the plan's reminder time (Oslo) on its day. */
  reminders: Date[];
}

/** Far beyond any course of treatment: a guard against an endless loop, not a rule of the plans. */
const maxOccurrences = 10_000;

/** The schedule input's problems: events the plan does not have, settings it does not have or allow. */
export function scheduleInputProblems(plan: Plan, input: Pick<ScheduleInput, 'events' | 'settings'>): string[] {
  const events = (plan.events ?? []).map((e) => e.id);
  const unknown = Object.keys(input.events ?? {})
    .filter((name) => !events.includes(name))
    .map((name) =>
      events.length === 0
        ? `the plan has no events, so "${name}" cannot be recorded`
        : `the plan has no event "${name}": it has ${events.map((e) => `"${e}"`).join(', ')}`,
    );
  const settings = resolvePlanSettings(plan, input.settings);
  return [...unknown, ...(settings.ok ? [] : settings.problems)];
}

const later = (date: LocalDate, span: Duration) => addDays(addMonths(date, span.months ?? 0), (span.weeks ?? 0) * 7 + (span.days ?? 0));
const earlier = (date: LocalDate, span: Duration) =>
  addDays(addMonths(date, -(span.months ?? 0)), -((span.weeks ?? 0) * 7 + (span.days ?? 0)));

function occurrencesOf(plan: Plan, timePoint: TimePoint, input: ScheduleInput, values: SettingValues): ScheduledTimePoint[] {
  const anchorAt = timePoint.anchor === enrolmentAnchor ? input.enrolledAt : input.events?.[timePoint.anchor];
  if (!anchorAt) return [];
  const anchor = osloDateOf(anchorAt);
  const offset = resolveSpan(timePoint.offset, values);
  const opensBefore = resolveSpan(timePoint.window.opensBefore, values);
  const closesAfter = resolveSpan(timePoint.window.closesAfter, values);
  const reminders = (timePoint.reminders ?? []).map((r) => resolveSpan(r, values));
  const reminderTime = parseTime(plan.reminderTime ?? defaultReminderTime) ?? { hour: 10, minute: 0 };
  const every = timePoint.repeat && resolveSpan(timePoint.repeat.every, values);
  const endedAt = timePoint.repeat && input.events?.[timePoint.repeat.until];
  const found: ScheduledTimePoint[] = [];
  for (let k = 0; k < (every ? maxOccurrences : 1); k++) {
    // Each repeat from the anchor, not from the repeat before: 31 Jan + 1, 2 months is 28 Feb, 31 Mar.
    const due = later(anchor, every ? addDurations(offset, timesDuration(every, k)) : offset);
    const opens = earlier(due, opensBefore);
    const opensAt = osloStartOfDay(opens);
    if (opensAt >= input.until || (endedAt && opensAt >= endedAt)) break;
    const closesAt = osloStartOfDay(addDays(later(due, closesAfter), 1));
    found.push({
      timePoint: timePoint.id,
      occurrence: k + 1,
      questionnaires: [...timePoint.questionnaires],
      dueAt: osloStartOfDay(due),
      opensAt,
      closesAt,
      reminders: reminders.map((r) => osloInstant(later(opens, r), reminderTime)).filter((at) => at < closesAt),
    });
  }
  return found;
}

/**
 * Every window of the plan for one enrolment that opens before `input.until`, in the order they
 * open. A repeating time point stops at its ending event: a repeat whose window opens before the
 * event's time is kept (its order exists by then), later ones are not; when staff record the event
 * after the fact, orders already made for later repeats are the scheduler's to withdraw. Throws when the input
 * names events or settings the plan does not have (see `scheduleInputProblems`).
 */
export function planSchedule(plan: Plan, input: ScheduleInput): ScheduledTimePoint[] {
  const problems = scheduleInputProblems(plan, input);
  const settings = resolvePlanSettings(plan, input.settings);
  if (problems.length > 0 || !settings.ok) throw new Error(`cannot schedule plan ${plan.id}: ${problems.join('; ')}`);
  const order = new Map(plan.timePoints.map((t, i) => [t.id, i]));
  return plan.timePoints
    .flatMap((timePoint) => occurrencesOf(plan, timePoint, input, settings.values))
    .sort(
      (a, b) =>
        a.opensAt.getTime() - b.opensAt.getTime() ||
        (order.get(a.timePoint) ?? 0) - (order.get(b.timePoint) ?? 0) ||
        a.occurrence - b.occurrence,
    );
}
