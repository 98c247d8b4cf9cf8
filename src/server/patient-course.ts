// One patient's course for the console: every score of every questionnaire the patient answered,
// over time, oldest first, each value with its band and its change from the first value as the
// definition's thresholds judge it. A questionnaire's versions form one course (their scores keep
// their ids); titles and bands come from the newest version answered, in the console's language. A BMI
// carries its iso-BMI under 18 where the register has birth month and sex (iso-bmi-scores.ts).
import {
  classifyChange,
  isInRemission,
  localise,
  roundScore,
  scoreResults,
  type CoursePoint,
  type CourseScore,
  type Definition,
  type LocalisedText,
  type ParsedDefinition,
  type PatientCourse,
  type ScoreDefinition,
  type StaffUnits,
} from '../core/index.js';
import { isIsoBmiScore, isoBmiAt, patientSubject, type IsoBmiScores } from './iso-bmi-scores.js';
import type { IndicatorSubject } from '../core/indicators/index.js';
import type { ListedSubmission, RegisterStore } from './store/store.js';

interface Answered {
  submission: ListedSubmission;
  definition: Definition;
}

function bandsOf(score: ScoreDefinition, text: (value: LocalisedText) => string): CourseScore['bands'] {
  const bands = score.bands ?? [];
  return bands.map((band, i) => ({ label: text(band.label), from: band.from ?? null, to: bands[i + 1]?.from ?? null }));
}

function pointsOf(
  score: ScoreDefinition,
  answered: readonly Answered[],
  text: (value: LocalisedText) => string,
  /** Present for a score compared by iso-BMI: the patient's data, if the register has it. */
  isoSubject: { subject: IndicatorSubject | undefined } | undefined,
): CoursePoint[] {
  let first: number | undefined;
  return answered.map(({ submission }) => {
    const results = scoreResults.safeParse(submission.scores ?? {});
    const result = results.success && Object.hasOwn(results.data, score.id) ? results.data[score.id] : undefined;
    const value = result?.status === 'score' ? roundScore(result.value, score.decimals ?? 0) : null;
    let change: CoursePoint['change'] = null;
    if (value !== null && first === undefined) first = value;
    else if (value !== null && first !== undefined && score.change) change = classifyChange(score.change, first, value);
    return {
      submissionId: submission.submissionId,
      questionnaireKey: submission.definitionKey,
      measurementPoint: submission.measurementPoint,
      completedAt: submission.completedAt,
      receivedAt: submission.receivedAt,
      value,
      band: result?.status === 'score' && result.band ? text(result.band.label) : null,
      noScoreReason: result?.status === 'noScore' ? result.reason : null,
      change,
      isRemission: value !== null && isInRemission(score.change?.remission, value),
      ...(isoSubject === undefined
        ? {}
        : {
            isoBmi:
              result?.status === 'score' ? isoBmiAt(result.value, submission.completedAt, isoSubject.subject, score.decimals ?? 0) : null,
          }),
    };
  });
}

export async function patientCourse(
  {
    store,
    definitionFor,
    isoBmiScores = new Set(),
  }: { store: RegisterStore; definitionFor: (key: string) => Promise<ParsedDefinition | undefined>; isoBmiScores?: IsoBmiScores },
  patientRef: string,
  units: StaffUnits,
  language: string,
): Promise<PatientCourse> {
  const rows = await store.listSubmissions({ patientRef, ...(units !== 'all' ? { units } : {}) });
  const byQuestionnaire = new Map<string, Answered[]>();
  for (const submission of [...rows].sort((a, b) => a.completedAt.localeCompare(b.completedAt))) {
    const parsed = await definitionFor(submission.definitionKey);
    if (!parsed) continue;
    const list = byQuestionnaire.get(parsed.definition.id) ?? [];
    list.push({ submission, definition: parsed.definition });
    byQuestionnaire.set(parsed.definition.id, list);
  }
  const subject = isoBmiScores.size > 0 ? await patientSubject(store, patientRef, units) : undefined;
  const questionnaires = [...byQuestionnaire].map(([id, answered]) => {
    // the newest version answered names the course and its scores
    const latest = answered.at(-1)?.definition as Definition;
    const text = (value: LocalisedText) => localise(value, language, latest.languages).text;
    const scores = (latest.scores ?? []).map((score): CourseScore => ({
      id: score.id,
      title: text(score.title),
      bands: bandsOf(score, text),
      better: score.change?.better ?? null,
      points: pointsOf(score, answered, text, isIsoBmiScore(isoBmiScores, id, score.id) ? { subject } : undefined),
    }));
    return { id, title: text(latest.title), scores };
  });
  return { questionnaires };
}
