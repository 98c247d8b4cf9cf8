// A plan's spans with its settings put in: for one enrolment (the values given), or for every
// enrolment the plan allows (the settings' ranges), as the shortest and longest days they can take.
import { formatDuration, isSettingReference, longestDays, shortestDays, type Duration, type DurationOrSetting } from './duration.js';
import type { Plan, PlanSetting } from './plan.js';

export interface DayBounds {
  shortest: number;
  longest: number;
}

/** A value fits a setting when it can never be shorter than its minimum nor longer than its maximum. */
export function isWithinSetting(value: Duration, setting: Pick<PlanSetting, 'min' | 'max'>): boolean {
  return shortestDays(value) >= shortestDays(setting.min) && longestDays(value) <= longestDays(setting.max);
}

/** The days a span can take over every value its setting allows; undefined for an unknown setting. */
export function spanBounds(span: DurationOrSetting | undefined, plan: Pick<Plan, 'settings'>): DayBounds | undefined {
  if (span === undefined) return { shortest: 0, longest: 0 };
  if (!isSettingReference(span)) return { shortest: shortestDays(span), longest: longestDays(span) };
  const setting = plan.settings?.find((s) => s.id === span.setting);
  return setting ? { shortest: shortestDays(setting.min), longest: longestDays(setting.max) } : undefined;
}

export type SettingValues = Readonly<Record<string, Duration>>;

export type ResolvedSettings = { ok: true; values: Record<string, Duration> } | { ok: false; problems: string[] };

/**
 * The plan's settings for one enrolment: each given value checked against its setting's range,
 * the defaults for the rest.
 */
export function resolvePlanSettings(plan: Pick<Plan, 'settings'>, given: SettingValues = {}): ResolvedSettings {
  const settings = plan.settings ?? [];
  const problems: string[] = [];
  for (const name of Object.keys(given))
    if (!settings.some((s) => s.id === name))
      problems.push(
        settings.length === 0
          ? `the plan has no settings, so "${name}" cannot be set`
          : `the plan has no setting "${name}": it has ${settings.map((s) => `"${s.id}"`).join(', ')}`,
      );
  const values: Record<string, Duration> = {};
  for (const setting of settings) {
    const value = given[setting.id] ?? setting.default;
    if (!isWithinSetting(value, setting))
      problems.push(
        `"${setting.id}" is ${formatDuration(value)}, outside what the plan allows: ${formatDuration(setting.min)} to ${formatDuration(setting.max)}`,
      );
    values[setting.id] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** The span with its setting's value put in. */
export function resolveSpan(span: DurationOrSetting | undefined, values: SettingValues): Duration {
  if (span === undefined) return { days: 0 };
  if (!isSettingReference(span)) return span;
  const value = values[span.setting];
  if (!value) throw new Error(`no value for the plan's setting "${span.setting}"`);
  return value;
}
