// What the plan screens (enrol, enrolments, an enrolment, coverage) share: days on the Norwegian
// calendar as the register counts them, an enrolment's state, and the refusals only plans give.
import { useTranslation } from 'react-i18next';
import type { PlanEnrolmentSummary } from '../../../core/index.js';
import { osloDateOf, osloInstant, parseDate } from '../../../core/plans/oslo-time.js';
import { StaffApiError } from '../api.js';
import type { StaffT } from '../staff-i18n.js';
import { errorText } from '../ui.js';
import './plan-screens.css';

/** An enrolment is active, paused (no new orders) or ended (the scheduler stops). */
export const EnrolmentState = { active: 'active', paused: 'paused', ended: 'ended' } as const;
export type EnrolmentState = (typeof EnrolmentState)[keyof typeof EnrolmentState];

export function enrolmentState(enrolment: Pick<PlanEnrolmentSummary, 'pausedAt' | 'endedAt'>): EnrolmentState {
  if (enrolment.endedAt) return EnrolmentState.ended;
  return enrolment.pausedAt ? EnrolmentState.paused : EnrolmentState.active;
}

/** The plan's id of an enrolment's `id@version`. */
export const planIdOf = (planKey: string): string => planKey.split('@')[0] ?? planKey;

/** 00:00 Oslo time on a day typed as yyyy-mm-dd, as the register counts a date; undefined when it is no date. */
export function osloDayStart(day: string): string | undefined {
  const date = parseDate(day);
  return date ? osloInstant(date).toISOString() : undefined;
}

const locales = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' } as const;
const localeOf = (language: string): string => (language === 'nn' || language === 'en' ? locales[language] : locales.nb);

/** A day in Oslo (the register's calendar), written for staff in their language. */
export function osloDayText(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString(localeOf(language), { timeZone: 'Europe/Oslo', dateStyle: 'medium' });
}

/** The last day of a window that closes at 00:00 Oslo time after it. */
export const lastDayOf = (closesAt: string): string => new Date(new Date(closesAt).getTime() - 1).toISOString();

/** Today in Oslo, yyyy-mm-dd, for date inputs. */
export function osloToday(now = new Date()): string {
  const date = osloDateOf(now);
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

const planCodes = ['unknownPlan', 'planEnrolmentEnded'] as const;

/** A refusal in words, with the codes only the plan routes give. */
export function planErrorText(t: StaffT, error: unknown): string {
  const code = error instanceof StaffApiError ? planCodes.find((known) => known === error.code) : undefined;
  return code ? t(`plans.error.${code}`) : errorText(t, error);
}

export function PlanErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation('staff');
  if (error === undefined || error === null) return null;
  return (
    <p className="form-error" role="alert">
      {planErrorText(t, error)}
    </p>
  );
}

/** A rate 0–1 as a whole percent in the staff member's language. */
export function percentText(rate: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** A span of a plan (a setting's default, bounds or value): months, weeks and days. */
export interface Span {
  months?: number | undefined;
  weeks?: number | undefined;
  days?: number | undefined;
}
export const spanUnits = ['days', 'weeks', 'months'] as const;
export type SpanUnit = (typeof spanUnits)[number];

/** "6 weeks", "1 month 2 weeks" in the staff member's language. */
export function spanText(t: StaffT, span: Span): string {
  const parts = (['months', 'weeks', 'days'] as const).flatMap((unit) =>
    span[unit] ? [t(`plans.span.${unit}`, { count: span[unit] })] : [],
  );
  return parts.length ? parts.join(' ') : t('plans.span.days', { count: 0 });
}

/** A span as one number and unit, as the enrol form edits it: months alone stay months, whole weeks weeks, else days. */
export function spanAsAmount(span: Span): { amount: number; unit: SpanUnit } {
  const days = (span.weeks ?? 0) * 7 + (span.days ?? 0);
  if (span.months && days === 0) return { amount: span.months, unit: 'months' };
  const allDays = days + (span.months ?? 0) * 30;
  return allDays % 7 === 0 ? { amount: allDays / 7, unit: 'weeks' } : { amount: allDays, unit: 'days' };
}

const shortest = (span: Span) => (span.months ?? 0) * 28 + (span.weeks ?? 0) * 7 + (span.days ?? 0);
const longest = (span: Span) => (span.months ?? 0) * 31 + (span.weeks ?? 0) * 7 + (span.days ?? 0);

/** Within the bounds for every start date (the register checks it exactly). */
export const isSpanWithin = (span: Span, min: Span, max: Span): boolean => shortest(span) >= shortest(min) && longest(span) <= longest(max);

/** A usable e-mail address: something, @, a domain with a dot; no spaces. */
export const isEmail = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());

/** Eight digits (a Norwegian number) or + and 8 to 15 digits; spaces allowed between. */
export const isMobile = (text: string): boolean => /^(\d{8}|\+\d{8,15})$/.test(text.replace(/[\s-]/g, ''));

/** A span as the register sends a setting's value, or undefined when it is none. */
export function asSpan(value: unknown): Span | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = Object.entries(value);
  const isSpan = fields.length > 0 && fields.every(([key, n]) => spanUnits.some((unit) => unit === key) && typeof n === 'number');
  return isSpan ? Object.fromEntries(fields) : undefined;
}
