// The register API's messages for results (staff): the filter of the exports, and the registers'
// quality indicators per unit and period (computed by core's indicators/compute.ts).
import { z } from 'zod/mini';
import { identifier, localisedText } from '../definition-parts.js';
import { submissionsQuery } from './messages.js';

/** A day (UTC, the register's clock) or an exact time. */
const dayOrTime = /* @__PURE__ */ z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const unit = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

/** The exports: the list's filter, and received from (a day: its start) to (a day: its end), and one unit. */
export const exportQuery = /* @__PURE__ */ z.extend(submissionsQuery, {
  from: z.optional(dayOrTime),
  to: z.optional(dayOrTime),
  unit: z.optional(unit),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const IndicatorPeriodName = { month: 'month', quarter: 'quarter', year: 'year' } as const;

export const indicatorsQuery = /* @__PURE__ */ z.object({
  /** How the groups are cut; by quarter when not said. */
  period: z.optional(z.enum(IndicatorPeriodName)),
  /** Only the indicators of this register (e.g. norspis). */
  register: z.optional(identifier),
  /** Only this indicator. */
  indicator: z.optional(identifier),
  unit: z.optional(unit),
  /** The first and last period to show, as the period is written (2027-03, 2027-Q1, 2027). */
  from: z.optional(z.string().check(z.regex(/^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/))),
  to: z.optional(z.string().check(z.regex(/^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/))),
});
export type IndicatorsQuery = z.infer<typeof indicatorsQuery>;

/** One unit (null: every unit the caller sees, together) in one period; counts null when suppressed (fewer than five). */
export const indicatorGroup = z.object({
  unit: z.nullable(z.string()),
  period: z.string(),
  isSuppressed: z.boolean(),
  eligible: z.nullable(z.number()),
  denominator: z.nullable(z.number()),
  numerator: z.nullable(z.number()),
  rate: z.nullable(z.number()),
  interval: z.nullable(z.object({ low: z.number(), high: z.number() })),
  coverage: z.nullable(z.number()),
  isLowCoverage: z.boolean(),
});
export type IndicatorGroupMessage = z.infer<typeof indicatorGroup>;

export const indicatorResult = z.object({
  id: identifier,
  register: identifier,
  plan: identifier,
  title: localisedText,
  description: localisedText,
  groups: z.array(indicatorGroup),
});
export const indicatorsResponse = z.object({ period: z.enum(IndicatorPeriodName), indicators: z.array(indicatorResult) });
export type IndicatorsResponse = z.infer<typeof indicatorsResponse>;
