// What a verified payload says, checked against the definition the order pinned (issue 14, items 2
// and 7): the answers are no more than its items, under its item ids; the notices shown are its own,
// each once; the language is one it is written in; the device's scores are its scores, each a score
// result; the person started before completing. Details name fields, items and scores, never values.
// A repeating group's answers (issue 18) come as its list of entries under the group's id, numbered
// 1, 2, 3… in order, and each entry's answers under `<group>.<entry>.<item>` (core/repeats.ts).
import {
  ApiError,
  canonicalJson,
  isRepeating,
  leafItems,
  parseInstanceKey,
  reviewProblems,
  scoreResult,
  submittedInstancesProblem,
  visibility,
  type Definition,
  type ParsedDefinition,
  type ScoreDefinition,
  type SubmissionPayload,
} from '../core/index.js';
import { answerKeys } from './answer-keys.js';
import { ApiFailure } from './errors.js';
import type { OrderRecord } from './store/store.js';

/** An id as definitions write them (identifier in core): only such ids are named in a refusal's details. */
const nameable = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const named = (id: string) => (nameable.test(id) || id === '__proto__' || parseInstanceKey(id) ? id : '(not an id)');

/** Why the device's score under this id is refused, or undefined: a score result of the definition's score, with its bands and flags. */
function scoreProblem(score: ScoreDefinition | undefined, value: unknown, idCount: number): string | undefined {
  if (!score) return 'unknownScore';
  const parsed = scoreResult.safeParse(value);
  if (!parsed.success) return 'notAScoreResult';
  const result = parsed.data;
  if (result.status === 'score') {
    const band = result.band && score.bands?.find((b) => b.id === result.band?.id);
    if (result.band && (!band || canonicalJson(band.label) !== canonicalJson(result.band.label))) return 'unknownBand';
    const flagIds = new Set((score.flags ?? []).map((flag) => flag.id));
    if (Object.keys(result.flags ?? {}).some((id) => !flagIds.has(id))) return 'unknownFlag';
  } else if ('missing' in result && result.missing.length > idCount) return 'notAScoreResult';
  return undefined;
}

/** The device's scores, read from the signed JSON itself: a score under "__proto__" would leave the parsed record unseen. */
export function deviceScoreProblems({ definition }: ParsedDefinition, signedScores: unknown): string[] {
  if (signedScores === undefined) return [];
  if (typeof signedScores !== 'object' || signedScores === null || Array.isArray(signedScores)) return ['scores: notAnObject'];
  const scores = new Map((definition.scores ?? []).map((score) => [score.id, score]));
  const entries = Object.entries(signedScores);
  if (entries.length > scores.size) return ['scores: moreThanDefinitionScores'];
  const idCount = leafItems(definition).length + scores.size;
  return entries.flatMap(([id, value]) => {
    const problem = scoreProblem(scores.get(id), value, idCount);
    return problem ? [`scores.${named(id)}: ${problem}`] : [];
  });
}

/** Field names and problem codes, never values. */
export function payloadProblems({ definition }: ParsedDefinition, payload: SubmissionPayload, answerable: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (Object.keys(payload.answers).length > answerable.size) problems.push('answers: moreThanItems');
  const noticeIds = new Set((definition.notices ?? []).map((notice) => notice.id));
  const shown = payload.noticesShown ?? [];
  if (shown.some((id) => !noticeIds.has(id))) problems.push('noticesShown: unknownNotice');
  if (new Set(shown).size !== shown.length) problems.push('noticesShown: duplicate');
  if (!definition.languages.includes(payload.language)) problems.push('language: notInDefinition');
  if (Date.parse(payload.startedAt) > Date.parse(payload.completedAt)) problems.push('completedAt: beforeStartedAt');
  return problems;
}

/**
 * Each visible repeating group's list of entries, which must number them 1, 2, 3… in order from its
 * minimum to its maximum: a list that does not would leave its entries' answers under other keys.
 */
function entryListProblems(definition: Definition, answers: SubmissionPayload['answers'], visible: ReadonlySet<string>): string[] {
  return definition.items.flatMap((item) => {
    if (item.kind !== 'group' || !isRepeating(item) || !visible.has(item.id)) return [];
    const problem = submittedInstancesProblem(item, Object.hasOwn(answers, item.id) ? answers[item.id] : undefined);
    return problem ? [`${item.id}: invalidEntryList (${problem})`] : [];
  });
}

/** Answer keys (item ids, entries' keys) and problem codes, never values. */
function answerProblems(
  { definition }: ParsedDefinition,
  answerable: ReadonlySet<string>,
  answers: SubmissionPayload['answers'],
): string[] {
  const { visible, effective } = visibility(definition, answers);
  // a list that is not 1..n would make every later key of its group look out of place: say only that
  const lists = entryListProblems(definition, answers, visible);
  if (lists.length > 0) return lists;
  const stray = Object.keys(answers)
    .filter((id) => !answerable.has(id) || !Object.hasOwn(effective, id))
    .map((id) => `${named(id)}: ${answerable.has(id) ? 'notShown' : 'unknownItem'}`);
  return [...stray, ...reviewProblems(definition, answers).map(({ key, problem }) => `${named(key)}: ${problem.code}`)];
}

/** The keys an answer may have in a definition (answerKeys), once per parsed definition (snapshotReader keeps them, so this is per version). */
export function answerableIds(): (parsed: ParsedDefinition) => ReadonlySet<string> {
  const known = new WeakMap<ParsedDefinition, ReadonlySet<string>>();
  return (parsed) => {
    let ids = known.get(parsed);
    if (!ids) known.set(parsed, (ids = new Set(answerKeys(parsed.definition))));
    return ids;
  };
}

/**
 * The payload answers a questionnaire of the order, with the content the order pinned, in answers
 * that fit it, beside fields and scores that fit it.
 */
export async function checkContent(
  order: OrderRecord,
  payload: SubmissionPayload,
  signedScores: unknown,
  definitionFor: (key: string) => Promise<ParsedDefinition | undefined>,
  answerableIn: (parsed: ParsedDefinition) => ReadonlySet<string>,
) {
  const key = `${payload.questionnaire.id}@${payload.questionnaire.version}`;
  const pinned = order.questionnaires.find((q) => q.key === key);
  if (!pinned) throw new ApiFailure(ApiError.questionnaireNotInOrder, `${key} is not part of this order`);
  if (pinned.hash !== payload.questionnaire.hash)
    throw new ApiFailure(ApiError.definitionHashMismatch, `The answers were given to other content than the ${key} this order issued`, [
      `questionnaire.hash: expected ${pinned.hash}`,
    ]);
  const parsed = await definitionFor(key);
  if (!parsed) throw new ApiFailure(ApiError.internal, `The register has lost its copy of ${key}`);
  const answerable = answerableIn(parsed);
  const invalid = [...payloadProblems(parsed, payload, answerable), ...deviceScoreProblems(parsed, signedScores)];
  if (invalid.length > 0) throw new ApiFailure(ApiError.invalidPayload, 'The submission does not fit the questionnaire', invalid);
  const problems = answerProblems(parsed, answerable, payload.answers);
  if (problems.length > 0) throw new ApiFailure(ApiError.invalidAnswers, 'Some answers do not fit the questionnaire', problems);
  return { key, pinned, parsed };
}
