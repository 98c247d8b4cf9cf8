// How `plan preview` prints a plan's schedule: one line per window, in Oslo local dates, then what
// is still waiting for an event. Pure, so the tests read exactly what staff see.
import { formatDuration, isSettingReference, type Duration, type DurationOrSetting } from '../core/plans/duration.js';
import { addDays, formatDate, formatOsloDateTime, osloDateOf, type LocalDate } from '../core/plans/oslo-time.js';
import { enrolmentAnchor, planKey, type Plan } from '../core/plans/plan.js';
import { resolvePlanSettings } from '../core/plans/plan-spans.js';
import type { ScheduledTimePoint } from '../core/plans/schedule.js';

export interface PlanPreview {
  plan: Plan;
  from: LocalDate;
  events: Readonly<Record<string, LocalDate>>;
  settings: Readonly<Record<string, Duration>>;
  until: LocalDate;
  schedule: readonly ScheduledTimePoint[];
}

const english = (text: Readonly<Record<string, string>>) => text.en ?? text.nb ?? Object.values(text)[0] ?? '';

function settingsLine(preview: PlanPreview): string | undefined {
  const settings = preview.plan.settings ?? [];
  if (settings.length === 0) return undefined;
  const resolved = resolvePlanSettings(preview.plan, preview.settings);
  const values = resolved.ok ? resolved.values : {};
  const described = settings.map((s) => {
    const value = values[s.id] ?? s.default;
    const origin = s.id in preview.settings ? 'set' : 'default';
    return `${s.id} ${formatDuration(value)} (${origin}; ${formatDuration(s.min)} to ${formatDuration(s.max)})`;
  });
  return `Settings: ${described.join(', ')}`;
}

function spanText(span: DurationOrSetting, preview: PlanPreview): string {
  if (!isSettingReference(span)) return formatDuration(span);
  const setting = preview.plan.settings?.find((s) => s.id === span.setting);
  return `${formatDuration(preview.settings[span.setting] ?? setting?.default ?? {})} (${span.setting})`;
}

/** Time points that wait for an event not given, and repeats whose ending event is not given. */
function waiting(preview: PlanPreview): string[] {
  const lines: string[] = [];
  for (const point of preview.plan.timePoints) {
    const isAnchorGiven = point.anchor === enrolmentAnchor || point.anchor in preview.events;
    if (!isAnchorGiven)
      lines.push(
        `${point.id}: due ${spanText(point.offset, preview)} after "${point.anchor}", which is not given (--event ${point.anchor}=YYYY-MM-DD)`,
      );
    else if (point.repeat && !(point.repeat.until in preview.events))
      lines.push(
        `${point.id}: repeats every ${spanText(point.repeat.every, preview)} until "${point.repeat.until}", which is not given: listed up to ${formatDate(preview.until)}`,
      );
  }
  return lines;
}

const header = ['time point', '#', 'due', 'window (first day – last day)', 'reminders', 'questionnaires'] as const;

function rows(schedule: readonly ScheduledTimePoint[]): string[][] {
  return schedule.map((entry) => [
    entry.timePoint,
    String(entry.occurrence),
    formatDate(osloDateOf(entry.dueAt)),
    `${formatDate(osloDateOf(entry.opensAt))} – ${formatDate(addDays(osloDateOf(entry.closesAt), -1))}`,
    entry.reminders.map(formatOsloDateTime).join(', ') || '–',
    entry.questionnaires.join(', '),
  ]);
}

function table(lines: readonly (readonly string[])[]): string[] {
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  return lines.map((line) =>
    line
      .map((cell, column) => (column === line.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatPlanPreview(preview: PlanPreview): string {
  const { plan } = preview;
  const given = Object.entries(preview.events).map(([name, date]) => `${name} ${formatDate(date)}`);
  const lines = [
    `${planKey(plan)}  ${english(plan.title)}`,
    `Enrolled ${formatDate(preview.from)}${given.length > 0 ? `; ${given.join(', ')}` : ''}.`,
    ...[settingsLine(preview)].filter((line): line is string => line !== undefined),
    'Oslo local dates: a window opens at 00:00 on its first day and closes at midnight after its last day.',
    '',
    ...(preview.schedule.length > 0
      ? table([header, ...rows(preview.schedule)])
      : [`No window opens before ${formatDate(preview.until)}.`]),
  ];
  const waits = waiting(preview);
  if (waits.length > 0) lines.push('', 'Waiting:', ...waits.map((line) => `  ${line}`));
  lines.push('', `Windows that open on or after ${formatDate(preview.until)} are not shown (--until).`);
  return lines.join('\n') + '\n';
}
