// Computing a quality indicator per unit and period from what the register holds: the completed
// questionnaires with their time point and scores, the windows that were due (for coverage), and the
// register's birth month and sex where the measure adjusts for age. Groups of fewer than five patients
// show no counts, and coverage under 60% is marked, as the registers' own reports do.
import type { Answers } from '../answers.js';
import { ageFromBirthMonth, isoBmi, type Sex } from '../iso-bmi.js';
import { osloDateOf } from '../plans/oslo-time.js';
import type { IndicatorDefinition, IndicatorMeasure, TimePointRef } from './indicator.js';
import { wilsonInterval, type Interval } from './wilson.js';

export const IndicatorPeriod = { month: 'month', quarter: 'quarter', year: 'year' } as const;
export type IndicatorPeriod = (typeof IndicatorPeriod)[keyof typeof IndicatorPeriod];

/** Fewer patients than this in a group: no counts are shown. */
export const smallestShownGroup = 5;
/** A group whose denominator is under this share of the patients who were due is marked. */
export const lowCoverageBelow = 0.6;

/** One completed questionnaire of a plan's window. */
export interface IndicatorObservation {
  patientRef: string;
  unit: string;
  plan: string;
  timePoint: string;
  occurrence: number;
  /** The questionnaire's key without its version. */
  questionnaire: string;
  completedAt: string;
  answers: Answers;
  /** The register's scores by id; null where there was no score. */
  scores: Readonly<Record<string, number | null>>;
}

/** A window of a plan that opened for a patient: the patient was due to answer at it. */
export interface DueWindow {
  patientRef: string;
  unit: string;
  plan: string;
  timePoint: string;
  occurrence: number;
  opensAt: string;
}

export interface IndicatorSubject {
  birthMonth: string;
  sex: Sex;
}

export interface IndicatorInput {
  observations: readonly IndicatorObservation[];
  windows: readonly DueWindow[];
  /** By patient reference: the register's data for measures adjusted for age. */
  subjects?: ReadonlyMap<string, IndicatorSubject>;
  period: IndicatorPeriod;
}

export interface IndicatorGroup {
  indicator: string;
  /** null: every unit together. */
  unit: string | null;
  period: string;
  isSuppressed: boolean;
  /** Patients due at the measured time point. */
  eligible: number | null;
  /** Patients with what the measure needs. */
  denominator: number | null;
  numerator: number | null;
  rate: number | null;
  interval: Interval | null;
  /** denominator / eligible. */
  coverage: number | null;
  isLowCoverage: boolean;
}

export function periodOf(at: string, period: IndicatorPeriod): string {
  const { year, month } = osloDateOf(new Date(at));
  if (period === IndicatorPeriod.year) return String(year);
  if (period === IndicatorPeriod.quarter) return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A patient's outcome: left out (not in the denominator), or counted with whether it is in the numerator. */
type Outcome = { isCounted: false } | { isCounted: true; isMet: boolean };
const leftOut: Outcome = { isCounted: false };
const counted = (isMet: boolean): Outcome => ({ isCounted: true, isMet });

const tolerance = 1e-9;
const patientKey = (unit: string, patientRef: string) => JSON.stringify([unit, patientRef]);
const targetOf = (measure: IndicatorMeasure): TimePointRef => (measure.kind === 'answerIn' ? measure.at : measure.to);
const isAt = (ref: TimePointRef, row: { timePoint: string; occurrence: number }) =>
  row.timePoint === ref.timePoint && row.occurrence === (ref.occurrence ?? 1);

/** The patient's earliest completed questionnaire at a time point. */
function observationAt(rows: readonly IndicatorObservation[], questionnaire: string, ref: TimePointRef): IndicatorObservation | undefined {
  return rows
    .filter((row) => row.questionnaire === questionnaire && isAt(ref, row))
    .sort((a, b) => a.completedAt.localeCompare(b.completedAt))[0];
}

function scoreAt(rows: readonly IndicatorObservation[], questionnaire: string, score: string, ref: TimePointRef) {
  const row = observationAt(rows, questionnaire, ref);
  const value = row?.scores[score];
  return row && typeof value === 'number' ? { value, at: row.completedAt } : undefined;
}

function adjusted(value: number, at: string, subject: IndicatorSubject | undefined): number | undefined {
  if (!subject) return value;
  const age = ageFromBirthMonth(subject.birthMonth, new Date(at));
  return age === undefined ? undefined : isoBmi(value, age, subject.sex);
}

function outcomeOf(measure: IndicatorMeasure, rows: readonly IndicatorObservation[], subject: IndicatorSubject | undefined): Outcome {
  if (measure.kind === 'answerIn') {
    const answer = observationAt(rows, measure.questionnaire, measure.at)?.answers[measure.item];
    if (!answer || !('value' in answer)) return leftOut;
    const { value } = answer;
    if (typeof value === 'string' && measure.notApplicable?.includes(value)) return leftOut;
    if (measure.codes) return counted(typeof value === 'string' && measure.codes.includes(value));
    if (typeof value !== 'number') return leftOut;
    return counted(
      (measure.atLeast === undefined || value >= measure.atLeast) && (measure.atMost === undefined || value <= measure.atMost),
    );
  }
  const before = scoreAt(rows, measure.questionnaire, measure.score, measure.from);
  const after = scoreAt(rows, measure.questionnaire, measure.score, measure.to);
  if (!before || !after) return leftOut;
  if (measure.kind === 'scoreChange') {
    const fell = before.value - after.value;
    return counted(
      (measure.fallBy !== undefined && fell >= measure.fallBy - tolerance) ||
        (measure.riseBy !== undefined && -fell >= measure.riseBy - tolerance),
    );
  }
  const isAdjusted = measure.ageAdjustment === 'iotfIsoBmi';
  const [start, end] = isAdjusted
    ? [adjusted(before.value, before.at, subject), adjusted(after.value, after.at, subject)]
    : [before.value, after.value];
  if (start === undefined || end === undefined || !(start < measure.below)) return leftOut;
  return counted(end >= measure.reachesAtLeast);
}

interface Tally {
  eligible: number;
  denominator: number;
  numerator: number;
}

function groupOf(indicator: string, unit: string | null, period: string, tally: Tally): IndicatorGroup {
  const isSuppressed = tally.eligible < smallestShownGroup || tally.denominator < smallestShownGroup;
  const coverage = tally.eligible > 0 ? tally.denominator / tally.eligible : null;
  const isLowCoverage = coverage !== null && coverage < lowCoverageBelow;
  if (isSuppressed) {
    return {
      indicator,
      unit,
      period,
      isSuppressed,
      eligible: null,
      denominator: null,
      numerator: null,
      rate: null,
      interval: null,
      coverage: null,
      isLowCoverage,
    };
  }
  const { eligible, denominator, numerator } = tally;
  const interval = wilsonInterval(numerator, denominator) ?? null;
  return {
    indicator,
    unit,
    period,
    isSuppressed,
    eligible,
    denominator,
    numerator,
    rate: numerator / denominator,
    interval,
    coverage,
    isLowCoverage,
  };
}

/**
 * The indicator per unit and period, then for every unit together per period. A patient belongs to the
 * period in which the measured time point's window opened (or, without a window, when it was answered).
 */
export function computeIndicator(definition: IndicatorDefinition, input: IndicatorInput): IndicatorGroup[] {
  const target = targetOf(definition.measure);
  const ofPlan = input.observations.filter((row) => row.plan === definition.plan);
  const byPatient = new Map<string, IndicatorObservation[]>();
  for (const row of ofPlan) {
    const key = patientKey(row.unit, row.patientRef);
    byPatient.set(key, [...(byPatient.get(key) ?? []), row]);
  }
  const due = new Map<string, { unit: string; patientRef: string; at: string }>();
  for (const window of input.windows) {
    if (window.plan !== definition.plan || !isAt(target, window)) continue;
    const key = patientKey(window.unit, window.patientRef);
    if (!due.has(key)) due.set(key, { unit: window.unit, patientRef: window.patientRef, at: window.opensAt });
  }
  for (const row of ofPlan) {
    const key = patientKey(row.unit, row.patientRef);
    if (isAt(target, row) && !due.has(key)) due.set(key, { unit: row.unit, patientRef: row.patientRef, at: row.completedAt });
  }
  const tallies = new Map<string, Tally & { unit: string | null; period: string }>();
  const add = (unit: string | null, period: string, outcome: Outcome) => {
    const key = JSON.stringify([unit, period]);
    const tally = tallies.get(key) ?? { unit, period, eligible: 0, denominator: 0, numerator: 0 };
    tally.eligible += 1;
    if (outcome.isCounted) tally.denominator += 1;
    if (outcome.isCounted && outcome.isMet) tally.numerator += 1;
    tallies.set(key, tally);
  };
  for (const [key, patient] of due) {
    const outcome = outcomeOf(definition.measure, byPatient.get(key) ?? [], input.subjects?.get(patient.patientRef));
    const period = periodOf(patient.at, input.period);
    add(patient.unit, period, outcome);
    add(null, period, outcome);
  }
  return [...tallies.values()]
    .sort((a, b) => a.period.localeCompare(b.period) || (a.unit === null ? 1 : b.unit === null ? -1 : a.unit.localeCompare(b.unit)))
    .map((tally) => groupOf(definition.id, tally.unit, tally.period, tally));
}
