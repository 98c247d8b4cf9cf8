// Quality indicators (core/indicators) on hand-worked data: who is in the denominator and the
// numerator, the Wilson interval, groups under five suppressed, coverage under 60% marked, iso-BMI for
// patients under 18, and periods on the Oslo calendar.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  computeIndicator,
  indicatorFile,
  wilsonInterval,
  type DueWindow,
  type IndicatorDefinition,
  type IndicatorObservation,
  type IndicatorSubject,
} from '../../../src/core/indicators/index.js';

const shipped = (register: string) => indicatorFile.parse(JSON.parse(readFileSync(`questionnaires/indicators/${register}.json`, 'utf8')));
const norspis = shipped('norspis');
const kvarus = shipped('kvarus');
const indicator = (file: typeof norspis, id: string): IndicatorDefinition => file.indicators.find((i) => i.id === id)!;

const window = (unit: string, patientRef: string, timePoint: string, opensAt = '2027-03-01T00:00:00+01:00', occurrence = 1): DueWindow => ({
  patientRef,
  unit,
  plan: timePoint === 'malepunkt' ? 'kvarus' : 'norspis',
  timePoint,
  occurrence,
  opensAt,
});

function observed(unit: string, patientRef: string, timePoint: string, rest: Partial<IndicatorObservation>): IndicatorObservation {
  return {
    patientRef,
    unit,
    plan: 'norspis',
    timePoint,
    occurrence: 1,
    questionnaire: 'ede-q',
    completedAt: timePoint === 'start' ? '2026-09-01T10:00:00Z' : '2027-03-05T10:00:00Z',
    answers: {},
    scores: {},
    ...rest,
  };
}

/** EDE-Q global at start and end (undefined: not answered there). */
function edeq(unit: string, patients: Readonly<Record<string, readonly (number | undefined)[]>>) {
  return Object.entries(patients).flatMap(([ref, [start, end]]) => [
    ...(start === undefined ? [] : [observed(unit, ref, 'start', { scores: { global: start } })]),
    ...(end === undefined ? [] : [observed(unit, ref, 'slutt', { scores: { global: end } })]),
  ]);
}

describe('EDE-Q global improved by at least 0.9', () => {
  const unitA = { a1: [3, 2], a2: [3, 2.1], a3: [3, 2.2], a4: [4, 4.5], a5: [2.5, 1], a6: [3, undefined], a7: [undefined, 2] } as const;
  const unitB = { b1: [3, 1], b2: [3, 3], b3: [2, 2] } as const;
  const observations = [...edeq('A', unitA), ...edeq('B', unitB)];
  const windows = [...Object.keys(unitA).map((p) => window('A', p, 'slutt')), ...Object.keys(unitB).map((p) => window('B', p, 'slutt'))];
  const groups = computeIndicator(indicator(norspis, 'edeq_improved'), { observations, windows, period: 'year' });

  test('unit A: 7 due, 5 with both scores, 3 fell by 0.9 or more (exactly 0.9 counts)', () => {
    const a = groups.find((g) => g.unit === 'A')!;
    expect(a).toMatchObject({
      period: '2027',
      isSuppressed: false,
      eligible: 7,
      denominator: 5,
      numerator: 3,
      rate: 0.6,
      isLowCoverage: false,
    });
    expect(a.coverage).toBeCloseTo(5 / 7, 10);
    expect(a.interval!.low).toBeCloseTo(0.2307, 4);
    expect(a.interval!.high).toBeCloseTo(0.8824, 4);
  });

  test('unit B has three patients: shown as fewer than five, no counts', () => {
    expect(groups.find((g) => g.unit === 'B')).toMatchObject({
      isSuppressed: true,
      eligible: null,
      denominator: null,
      numerator: null,
      rate: null,
    });
  });

  test('every unit together: 10 due, 8 with both scores, 4 improved', () => {
    expect(groups.at(-1)).toMatchObject({ unit: null, eligible: 10, denominator: 8, numerator: 4, rate: 0.5, coverage: 0.8 });
  });
});

describe('coverage and periods', () => {
  test('a group where fewer than 60% of the patients due answered is marked', () => {
    const patients = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i}`, i < 5 ? [3, 1] : [3, undefined]] as const));
    const observations = edeq('C', patients);
    const windows = Object.keys(patients).map((p) => window('C', p, 'slutt'));
    const [c] = computeIndicator(indicator(norspis, 'edeq_improved'), { observations, windows, period: 'year' });
    expect(c).toMatchObject({ unit: 'C', eligible: 10, denominator: 5, numerator: 5, coverage: 0.5, isLowCoverage: true });
  });

  test('a window that opens at 00:30 Oslo time on New Year belongs to the new year and its first quarter', () => {
    const patients = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`d${i}`, [3, 1]] as const));
    const windows = Object.keys(patients).map((p) => window('D', p, 'slutt', '2026-12-31T23:30:00Z'));
    const groups = computeIndicator(indicator(norspis, 'edeq_improved'), { observations: edeq('D', patients), windows, period: 'quarter' });
    expect(groups.map((g) => g.period)).toEqual(['2027-Q1', '2027-Q1']);
  });
});

describe('BMI from under 18.5 to at least 18.5, iso-BMI under 18', () => {
  const bmi = (ref: string, start: number, end: number) => [
    observed('E', ref, 'start', { completedAt: '2027-01-15T10:00:00Z', scores: { bmi: start } }),
    observed('E', ref, 'slutt', { completedAt: '2027-07-15T10:00:00Z', scores: { bmi: end } }),
  ];
  // A girl of 14 at start: BMI 16 is an iso-BMI of about 17.4; at 14.5, 17.2 is above the cut-off for 18.5 there (17.16).
  const girl: IndicatorSubject = { birthMonth: '2013-01', sex: 'female' };
  const observations = [
    ...bmi('girl', 16, 17.2),
    ...bmi('adult1', 17, 18.4),
    ...bmi('adult2', 17.5, 19),
    ...bmi('adult3', 18, 18.5),
    ...bmi('above', 19, 19.5),
    ...bmi('adult4', 16, 16.5),
  ];
  const windows = ['girl', 'adult1', 'adult2', 'adult3', 'above', 'adult4'].map((p) =>
    window('E', p, 'slutt', '2027-07-01T00:00:00+02:00'),
  );

  test('the girl counts as reaching 18.5 by iso-BMI; a patient above 18.5 at start is not in the denominator', () => {
    const subjects = new Map([['girl', girl]]);
    const [e] = computeIndicator(indicator(norspis, 'bmi_normalised'), { observations, windows, subjects, period: 'year' });
    expect(e).toMatchObject({ eligible: 6, denominator: 5, numerator: 3 });
  });

  test('without her birth month and sex her raw BMI 17.2 is compared, and she does not count', () => {
    const [e] = computeIndicator(indicator(norspis, 'bmi_normalised'), { observations, windows, period: 'year' });
    expect(e).toMatchObject({ denominator: 5, numerator: 2 });
  });
});

describe('answers that count', () => {
  test('NorSpis: "no longer a problem" or "clearly better" at end; "not applicable" and declined are left out', () => {
    const codes = ['1', '2', '3', '2', '9', '5', '1'];
    const observations = codes.map((code, i) =>
      observed('F', `f${i}`, 'slutt', { questionnaire: 'norspis-outcome', answers: { outcome: { value: code } } }),
    );
    observations.push(observed('F', 'f-declined', 'slutt', { questionnaire: 'norspis-outcome', answers: { outcome: { declined: true } } }));
    const [f] = computeIndicator(indicator(norspis, 'outcome_better'), { observations, windows: [], period: 'year' });
    expect(f).toMatchObject({ eligible: 8, denominator: 6, numerator: 4 });
  });

  test('KVARUS: 4 or 5 on benefit at the first measurement point; the second one does not count', () => {
    const answersAt = (ref: string, value: number, occurrence: number): IndicatorObservation => ({
      ...observed('G', ref, 'malepunkt', { questionnaire: 'kvarus-malepunkt', answers: { eval_benefit: { value } } }),
      plan: 'kvarus',
      occurrence,
    });
    const observations = [
      answersAt('g1', 5, 1),
      answersAt('g2', 4, 1),
      answersAt('g3', 3, 1),
      answersAt('g4', 1, 1),
      answersAt('g5', 2, 1),
      answersAt('g5', 5, 2),
    ];
    const windows = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'].map((p) => window('G', p, 'malepunkt'));
    const [g] = computeIndicator(indicator(kvarus, 'benefit_first_point'), { observations, windows, period: 'year' });
    expect(g).toMatchObject({ eligible: 6, denominator: 5, numerator: 2 });
  });
});

describe('the Wilson interval', () => {
  test('matches published values and stays within 0 and 1', () => {
    const tenOfTwenty = wilsonInterval(10, 20)!;
    expect(tenOfTwenty.low).toBeCloseTo(0.2993, 4);
    expect(tenOfTwenty.high).toBeCloseTo(0.7007, 4);
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(10, 10)!.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });
});
