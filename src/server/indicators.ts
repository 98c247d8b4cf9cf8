// The registers' quality indicators, computed by the register per unit and period: the indicator files
// (questionnaires/indicators/<register>.json), what the store holds of plans' windows and their
// submissions, and core's computeIndicator (numerator, denominator, Wilson interval, groups under five
// suppressed, coverage under 60% marked). As JSON and as CSV. Measures adjusted for age (iso-BMI) read
// the birth month and sex that staff gave on the patients' enrolments.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { answers as answersSchema, scoreResults, type IndicatorsQuery, type IndicatorsResponse } from '../core/index.js';
import {
  computeIndicator,
  indicatorFile,
  type DueWindow,
  type IndicatorFile,
  type IndicatorObservation,
  type IndicatorPeriod,
  type IndicatorSubject,
} from '../core/indicators/index.js';
import { csvCell } from './export.js';
import type { IndicatorObservationRow, IndicatorWindowRow } from './store/indicator-operations.js';
import type { PlanEnrolmentRecord, RegisterStore } from './store/store.js';

export interface LoadedIndicators {
  files: IndicatorFile[];
  /** For the person starting the register: files left out, and why. */
  warnings: string[];
}

/** Every indicator file in `folder` (a missing folder holds none); a file that does not parse is left out with a warning. */
export async function loadIndicators(folder: string): Promise<LoadedIndicators> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  const files: IndicatorFile[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.join(folder, name), 'utf8'));
    } catch {
      warnings.push(`indicators/${name} is left out: it is not valid JSON; see npm run questionnaires -- check`);
      continue;
    }
    const parsed = indicatorFile.safeParse(json);
    if (parsed.success) files.push(parsed.data);
    else warnings.push(`indicators/${name} is left out: it is not a valid indicator file; see npm run questionnaires -- check`);
  }
  return { files, warnings };
}

/** `norspis@1` → `norspis`; a key without a version is kept as it is. */
function withoutVersion(key: string): string {
  const at = key.lastIndexOf('@');
  return at < 0 ? key : key.slice(0, at);
}

/** What computeIndicator reads of a stored submission; one whose answers cannot be read counts as not answered. */
export function toObservation(row: IndicatorObservationRow): IndicatorObservation | undefined {
  const answers = answersSchema.safeParse(JSON.parse(row.answers));
  if (!answers.success) return undefined;
  const parsedScores = scoreResults.safeParse(row.scores === null ? {} : JSON.parse(row.scores));
  const scores = Object.fromEntries(
    Object.entries(parsedScores.success ? parsedScores.data : {}).map(([id, result]) => [
      id,
      result.status === 'score' ? result.value : null,
    ]),
  );
  return {
    patientRef: row.patientRef,
    unit: row.unit,
    plan: withoutVersion(row.planKey),
    timePoint: row.timePoint,
    occurrence: row.occurrence,
    questionnaire: withoutVersion(row.questionnaireKey),
    completedAt: row.completedAt,
    answers: answers.data,
    scores,
  };
}

export const toDueWindow = (row: IndicatorWindowRow): DueWindow => ({
  patientRef: row.patientRef,
  unit: row.unit,
  plan: withoutVersion(row.planKey),
  timePoint: row.timePoint,
  occurrence: row.occurrence,
  opensAt: row.opensAt,
});

/**
 * By patient reference: the birth month and sex of the patient's enrolments that have both (a patient
 * with neither, or only one, is compared without adjustment). Of several, the latest enrolled.
 */
export function subjectsOf(enrolments: readonly PlanEnrolmentRecord[]): Map<string, IndicatorSubject> {
  const subjects = new Map<string, IndicatorSubject>();
  const byEnrolment = [...enrolments].sort((a, b) => a.enrolledAt.localeCompare(b.enrolledAt) || a.id.localeCompare(b.id));
  for (const { patientRef, birthMonth, sex } of byEnrolment) if (birthMonth && sex) subjects.set(patientRef, { birthMonth, sex });
  return subjects;
}

/** The indicators the query asks for, per unit (of those the caller sees) and period; `null` unit: those units together. */
export async function indicatorResults(
  {
    store,
    files,
    now,
  }: {
    store: Pick<RegisterStore, 'indicatorObservations' | 'indicatorWindows' | 'listPlanEnrolments'>;
    files: readonly IndicatorFile[];
    now: Date;
  },
  query: IndicatorsQuery,
  units: readonly string[] | 'all',
): Promise<IndicatorsResponse> {
  const period: IndicatorPeriod = query.period ?? 'quarter';
  const scope = query.unit === undefined ? units : units === 'all' ? [query.unit] : units.filter((unit) => unit === query.unit);
  const [observationRows, windowRows, enrolments] = await Promise.all([
    store.indicatorObservations(scope),
    store.indicatorWindows(scope, now.toISOString()),
    store.listPlanEnrolments({ units: scope }),
  ]);
  const subjects = subjectsOf(enrolments);
  const observations = observationRows.map(toObservation).filter((row) => row !== undefined);
  const windows = windowRows.map(toDueWindow);
  const isInRange = (at: string) => (query.from === undefined || at >= query.from) && (query.to === undefined || at <= query.to);
  const indicators = files
    .filter((file) => query.register === undefined || file.register === query.register)
    .flatMap((file) =>
      file.indicators
        .filter((indicator) => query.indicator === undefined || indicator.id === query.indicator)
        .map((indicator) => ({
          id: indicator.id,
          register: file.register,
          plan: indicator.plan,
          title: indicator.title,
          description: indicator.description,
          groups: computeIndicator(indicator, { observations, windows, subjects, period })
            .filter((group) => isInRange(group.period))
            .map(({ indicator: _id, ...group }) => group),
        })),
    );
  return { period, indicators };
}

export const suppressedText = 'fewer than 5';
const countColumns = ['eligible', 'denominator', 'numerator', 'rate', 'ci_low', 'ci_high', 'coverage'] as const;

/** CSV for the register: one line per indicator, unit ("all units" for them together) and period; a suppressed group's counts read "fewer than 5". */
export function indicatorsCsv({ indicators }: IndicatorsResponse): string {
  const lines = [['register', 'indicator', 'unit', 'period', ...countColumns, 'low_coverage'].join(',')];
  const share = (value: number | null | undefined) => (typeof value === 'number' ? value.toFixed(3) : '');
  for (const indicator of indicators)
    for (const group of indicator.groups) {
      const counts = group.isSuppressed
        ? countColumns.map(() => suppressedText)
        : [
            group.eligible,
            group.denominator,
            group.numerator,
            share(group.rate),
            share(group.interval?.low),
            share(group.interval?.high),
            share(group.coverage),
          ];
      const cells = [indicator.register, indicator.id, group.unit ?? 'all units', group.period, ...counts, String(group.isLowCoverage)];
      lines.push(cells.map(csvCell).join(','));
    }
  return lines.join('\r\n') + '\r\n';
}
