// iso-BMI beside the BMI where clinicians look (a submission's detail, the patient's course): for the
// scores that the indicator files compare by iso-BMI (`ageAdjustment: iotfIsoBmi`), when the patient's
// enrolment holds birth month and sex and the patient was under 18 on the day of answering. Which
// scores those are is data (the indicator files), not code.
import { roundScore } from '../core/index.js';
import type { IndicatorFile, IndicatorSubject } from '../core/indicators/index.js';
import { ageFromBirthMonth, isoBmi } from '../core/iso-bmi.js';
import { subjectsOf } from './indicators.js';
import type { RegisterStore, UnitScope } from './store/store.js';

/** The questionnaire (id without version) and score ids compared by iso-BMI. */
export type IsoBmiScores = ReadonlySet<string>;

const keyOf = (questionnaire: string, score: string) => JSON.stringify([questionnaire, score]);

export function isoBmiScoresOf(files: readonly IndicatorFile[]): IsoBmiScores {
  return new Set(
    files.flatMap((file) =>
      file.indicators.flatMap(({ measure }) =>
        measure.kind === 'scoreCrossing' && measure.ageAdjustment === 'iotfIsoBmi' ? [keyOf(measure.questionnaire, measure.score)] : [],
      ),
    ),
  );
}

export const isIsoBmiScore = (scores: IsoBmiScores, questionnaire: string, score: string) => scores.has(keyOf(questionnaire, score));

/** The birth month and sex of the patient's enrolments the caller may see (the latest enrolled that has both). */
export async function patientSubject(
  store: Pick<RegisterStore, 'listPlanEnrolments'>,
  patientRef: string,
  units: UnitScope,
): Promise<IndicatorSubject | undefined> {
  return subjectsOf(await store.listPlanEnrolments({ units, patientRef })).get(patientRef);
}

/** The iso-BMI of a BMI answered on `completedAt`, rounded as the score is; null from 18 years, under 2, or without the data. */
export function isoBmiAt(bmi: number, completedAt: string, subject: IndicatorSubject | undefined, decimals: number): number | null {
  if (!subject) return null;
  const age = ageFromBirthMonth(subject.birthMonth, new Date(completedAt));
  if (age === undefined || age >= 18) return null;
  const value = isoBmi(bmi, age, subject.sex);
  return value === undefined ? null : roundScore(value, decimals);
}
