// One submission as the patient answered it, for the staff console: every answer with the question's
// text from the definition the order pinned (in the language the patient answered in), the
// register's own scores with their bands and flags (a BMI with its iso-BMI under 18, iso-bmi-scores.ts),
// the support notices shown, and the three times. A repeating group's answers (issue 18) come entry by
// entry in the order its list gives, each marked with its entry's place.
import {
  answer as answerSchema,
  ApiError,
  hasValue,
  instanceKey,
  isInstanceList,
  isRepeating,
  localise,
  optionsOf,
  roundScore,
  scoreResults,
  type Answer,
  type Definition,
  type LeafItem,
  type RepeatingGroup,
  type ParsedDefinition,
  type ShownAnswer,
  type ShownScore,
  type StaffUnits,
  type SubmissionDetail,
} from '../core/index.js';
import { ApiFailure } from './errors.js';
import { isIsoBmiScore, isoBmiAt, patientSubject, type IsoBmiScores } from './iso-bmi-scores.js';
import { isUnitVisible } from './staff-access.js';
import type { RegisterStore, SubmissionRecord } from './store/store.js';

function shownAnswer(definition: Definition, item: LeafItem, answer: Answer, language: string): ShownAnswer {
  const text = (value: Parameters<typeof localise>[0]) => localise(value, language, definition.languages).text;
  const base = { itemId: item.id, kind: item.kind, text: text(item.text), optionTexts: [] as string[], unit: null };
  if (!('value' in answer)) return { ...base, isDeclined: true, value: null };
  const { value } = answer;
  let optionTexts: string[] = [];
  if (item.kind === 'single-choice' || item.kind === 'multiple-choice') {
    const codes = Array.isArray(value) ? value : [String(value)];
    const options = optionsOf(definition, item);
    optionTexts = codes.map((code) => {
      const option = options.find((o) => o.code === code);
      return option ? text(option.text) : code;
    });
  } else if (item.kind === 'scale') {
    const label = item.labels.find((l) => l.value === value);
    if (label) optionTexts = [text(label.text)];
  }
  const unit = (item.kind === 'integer' || item.kind === 'decimal') && item.unit ? text(item.unit) : null;
  return { ...base, isDeclined: false, value, optionTexts, unit };
}

/** A repeating group's entries as stored: the register received them numbered 1, 2, 3… in order. */
function storedEntries(group: RepeatingGroup, answers: Record<string, unknown>): string[] {
  const stored = answerSchema.safeParse(Object.hasOwn(answers, group.id) ? answers[group.id] : undefined);
  return stored.success && hasValue(stored.data) && isInstanceList(group, stored.data.value) ? stored.data.value : [];
}

/** Every stored answer in the definition's order; a repeating group's entry by entry. */
function shownAnswers(definition: Definition, answers: Record<string, unknown>, language: string): ShownAnswer[] {
  const show = (item: LeafItem, key: string) =>
    Object.hasOwn(answers, key) ? [shownAnswer(definition, item, answers[key] as Answer, language)] : [];
  return definition.items.flatMap((item) => {
    if (item.kind !== 'group') return show(item, item.id);
    if (!isRepeating(item)) return item.items.flatMap((child) => show(child, child.id));
    const groupTitle = item.title ? localise(item.title, language, definition.languages).text : null;
    return storedEntries(item, answers).flatMap((instance, i) => {
      const entry = { group: item.id, groupTitle, position: i + 1 };
      return item.items.flatMap((child) => show(child, instanceKey(item.id, instance, child.id)).map((shown) => ({ ...shown, entry })));
    });
  });
}

/** The iso-BMI of a score's exact value (null: the patient has none); undefined: the score is not one compared by iso-BMI. */
type IsoBmiOf = (scoreId: string, value: number | null, decimals: number) => number | null | undefined;

function shownScores(definition: Definition, stored: Record<string, unknown> | null, language: string, isoBmiOf: IsoBmiOf): ShownScore[] {
  const parsed = scoreResults.safeParse(stored ?? {});
  const results = parsed.success ? parsed.data : {};
  const text = (value: Parameters<typeof localise>[0]) => localise(value, language, definition.languages).text;
  return (definition.scores ?? []).map((score) => {
    const result = Object.hasOwn(results, score.id) ? results[score.id] : undefined;
    const isScore = result?.status === 'score';
    const isoBmi = isoBmiOf(score.id, isScore ? result.value : null, score.decimals ?? 0);
    return {
      ...(isoBmi === undefined ? {} : { isoBmi }),
      id: score.id,
      title: text(score.title),
      value: isScore ? roundScore(result.value, score.decimals ?? 0) : null,
      noScoreReason: result && result.status === 'noScore' ? result.reason : null,
      band: isScore && result.band ? text(result.band.label) : null,
      flags: (score.flags ?? []).map((flag) => ({
        id: flag.id,
        label: text(flag.label),
        isSet: isScore && result.flags?.[flag.id] === true,
      })),
    };
  });
}

function detail(
  submission: SubmissionRecord,
  parsed: ParsedDefinition,
  isoBmiOf: IsoBmiOf,
): Omit<SubmissionDetail, 'patientRef' | 'measurementPoint' | 'unit'> {
  const { definition } = parsed;
  const { language } = submission;
  const answers = shownAnswers(definition, submission.answers, language);
  const notices = submission.noticesShown.map((id) => {
    const notice = definition.notices?.find((n) => n.id === id);
    return { id, title: notice ? localise(notice.title, language, definition.languages).text : id };
  });
  return {
    submissionId: submission.submissionId,
    orderId: submission.orderId,
    questionnaireKey: submission.definitionKey,
    questionnaireTitle: localise(definition.title, language, definition.languages).text,
    language,
    answers,
    scores: shownScores(definition, submission.scores, language, isoBmiOf),
    notices,
    startedAt: submission.startedAt,
    completedAt: submission.completedAt,
    receivedAt: submission.receivedAt,
  };
}

export async function submissionDetail(
  {
    store,
    definitionFor,
    isoBmiScores = new Set(),
  }: { store: RegisterStore; definitionFor: (key: string) => Promise<ParsedDefinition | undefined>; isoBmiScores?: IsoBmiScores },
  submissionId: string,
  units: StaffUnits,
): Promise<SubmissionDetail> {
  const submission = await store.getSubmission(submissionId);
  const order = submission && (await store.getOrder(submission.orderId));
  if (!submission || !order || !isUnitVisible(units, order.unit)) throw new ApiFailure(ApiError.notFound, 'There is no such submission');
  const parsed = await definitionFor(submission.definitionKey);
  if (!parsed) throw new ApiFailure(ApiError.internal, `The register has lost its copy of ${submission.definitionKey}`);
  const questionnaire = parsed.definition.id;
  const hasIsoBmi = (parsed.definition.scores ?? []).some((score) => isIsoBmiScore(isoBmiScores, questionnaire, score.id));
  const subject = hasIsoBmi ? await patientSubject(store, order.patientRef, units) : undefined;
  const isoBmiOf: IsoBmiOf = (scoreId, value, decimals) =>
    !isIsoBmiScore(isoBmiScores, questionnaire, scoreId)
      ? undefined
      : value === null
        ? null
        : isoBmiAt(value, submission.completedAt, subject, decimals);
  return {
    ...detail(submission, parsed, isoBmiOf),
    patientRef: order.patientRef,
    measurementPoint: order.measurementPoint,
    unit: order.unit,
  };
}
