// The measurement plan format: when in a course of treatment a register asks which questionnaires.
// A plan is a JSON file in questionnaires/plans/, checked like a definition (parse-plan.ts); its
// JSON Schema in questionnaires/schema/ is generated from this zod schema (npm run schema).
// What editors show about each field is in plan-docs.ts. Dates are counted on the Norwegian
// calendar (oslo-time.ts) and the schedule a plan gives is worked out in schedule.ts.
import { z } from 'zod/mini';
import { identifier, localisedText } from '../definition-parts.js';
import { duration, durationOrSetting } from './duration.js';

/** The languages every text of a plan is written in: staff and patients see its names. */
export const planLanguages = ['nb', 'nn', 'en'] as const;

/** The anchor every plan has: the day the patient was enrolled in it. */
export const enrolmentAnchor = 'enrolment';

const notes = z.optional(z.array(z.string().check(z.trim(), z.minLength(1))).check(z.minLength(1)));

export const definitionKeyText = z
  .string()
  .check(z.regex(/^[A-Za-z][A-Za-z0-9_-]*@\d+(\.\d+){0,2}$/, 'a questionnaire is named id@version, e.g. "ede-q@6.0"'));

export const planEvent = z.strictObject({
  id: identifier.clone(),
  name: localisedText.clone(),
  notes,
});
export type PlanEvent = z.infer<typeof planEvent>;

export const planSetting = z.strictObject({
  id: identifier.clone(),
  name: localisedText.clone(),
  default: duration.clone(),
  min: duration.clone(),
  max: duration.clone(),
  notes,
});
export type PlanSetting = z.infer<typeof planSetting>;

export const planWindow = z.strictObject({
  opensBefore: z.optional(durationOrSetting.clone()),
  closesAfter: durationOrSetting.clone(),
});
export type PlanWindow = z.infer<typeof planWindow>;

export const planRepeat = z.strictObject({
  every: durationOrSetting.clone(),
  until: identifier.clone(),
});
export type PlanRepeat = z.infer<typeof planRepeat>;

export const timePoint = z.strictObject({
  id: identifier.clone(),
  name: localisedText.clone(),
  questionnaires: z.array(definitionKeyText).check(z.minLength(1, 'a time point asks at least one questionnaire')),
  anchor: identifier.clone(),
  offset: durationOrSetting.clone(),
  window: planWindow,
  repeat: z.optional(planRepeat),
  reminders: z.optional(z.array(durationOrSetting.clone())),
  notes,
});
export type TimePoint = z.infer<typeof timePoint>;

export const planSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: identifier.clone(),
  version: z.string().check(z.regex(/^\d+(\.\d+){0,2}$/, 'a version is one to three numbers separated by dots, such as "1" or "1.1"')),
  title: localisedText.clone(),
  license: z.string().check(z.trim(), z.minLength(1)),
  source: z.strictObject({
    citation: z.string().check(z.trim(), z.minLength(1)),
    url: z.optional(z.url()),
    note: z.optional(z.string()),
  }),
  notes,
  reminderTime: z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is written HH:MM, e.g. "10:00"'))),
  events: z.optional(z.array(planEvent)),
  settings: z.optional(z.array(planSetting)),
  timePoints: z.array(timePoint).check(z.minLength(1, 'a plan needs at least one time point')),
});

export type PlanInput = z.input<typeof planSchema>;
export type Plan = z.infer<typeof planSchema>;

/** When reminders go out on their day, Oslo time, unless the plan says otherwise. */
export const defaultReminderTime = '10:00';

export function planKey(plan: Pick<Plan, 'id' | 'version'>): string {
  return `${plan.id}@${plan.version}`;
}

/**
 * Where a plan's file sits among questionnaires/plans: `<id>.json` is the version new enrolments follow;
 * `<id>-<version>.json` keeps an older published version, which enrolments made under it still follow.
 */
export function planFileRole(fileName: string, plan: Pick<Plan, 'id' | 'version'>): 'current' | 'kept' | undefined {
  if (fileName === `${plan.id}.json`) return 'current';
  return fileName === `${plan.id}-${plan.version}.json` ? 'kept' : undefined;
}
