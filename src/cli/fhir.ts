// `fhir export | import | response`: the core's FHIR mapping on files. Pure: text in, text out.
import { z } from 'zod';
import { answers as answersSchema } from '../core/answers.js';
import { checkDefinitionText } from '../core/check-text.js';
import {
  fromFhirLanguageBundle,
  fromFhirQuestionnaire,
  isBundle,
  toFhirLanguageBundle,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  valueSetsIn,
  type QuestionnaireResponse,
  type ValueSet,
} from '../core/fhir/index.js';
import type { ParsedDefinition } from '../core/parse-definition.js';
import { formatPath } from '../core/problems.js';
import { scoreResults } from '../core/scoring-results.js';

export interface FhirOutcome {
  /** The file's text to write, when there is one. */
  output?: string;
  /** What the person should know: what was not carried over, or why nothing was written. */
  notes: string[];
  isOk: boolean;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** A definition as a Questionnaire with every language as translations, or as a Bundle of one Questionnaire per language. */
export function exportQuestionnaire(file: string, text: string, isPerLanguage = false): FhirOutcome {
  const { problems, parsed } = checkDefinitionText(text);
  if (!parsed)
    return {
      isOk: false,
      notes: [
        `${file} has problems; nothing is exported (see npm run questionnaires -- check ${file}):`,
        ...problems.map((p) => `${file}:${p.line}:${p.column}  ${p.path}  ${p.message}`),
      ],
    };
  const { questionnaire, notes } = toFhirQuestionnaire(parsed);
  return {
    isOk: true,
    output: json(isPerLanguage ? toFhirLanguageBundle(parsed).bundle : questionnaire),
    notes: notes.length > 0 ? ['Not carried over to FHIR:', ...notes.map((n) => `  - ${n}`)] : [],
  };
}

const parseJson = (file: string, text: string): { value: unknown } | { error: string } => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/**
 * A Questionnaire (or a Bundle of its language versions) as a definition. `valueSetFiles` are the
 * files given with --valuesets. A question left out makes the import fail, though what could be
 * carried over is still written, so that the author can finish it by hand.
 */
export function importQuestionnaire(
  file: string,
  text: string,
  valueSetFiles: readonly { file: string; text: string }[] = [],
): FhirOutcome {
  const parsed = parseJson(file, text);
  if ('error' in parsed) return { isOk: false, notes: [parsed.error] };
  const input = parsed.value;
  const valueSets: ValueSet[] = [];
  const notes: string[] = [];
  for (const given of valueSetFiles) {
    const read = parseJson(given.file, given.text);
    if ('error' in read) notes.push(`${read.error}: not read`);
    else valueSets.push(...valueSetsIn(read.value).filter((v) => v.url !== undefined));
  }
  const { definition, report, problems, leftOut } = isBundle(input)
    ? fromFhirLanguageBundle(input, { valueSets })
    : fromFhirQuestionnaire(input, { valueSets });
  if (report.length > 0) notes.push('Not carried over from FHIR, or changed on the way:', ...report.map((r) => `  - ${r}`));
  if (!definition) return { isOk: false, notes };
  if (leftOut.length > 0)
    notes.push(
      `${leftOut.length} question${leftOut.length === 1 ? ' is' : 's are'} left out, so the import is partial:`,
      ...leftOut.map((l) => `  ${l.linkId}: ${l.reason}`),
    );
  if (problems.length > 0)
    notes.push('The definition needs work before it passes check:', ...problems.map((p) => `  ${formatPath(p.path)}  ${p.message}`));
  return { isOk: problems.length === 0 && leftOut.length === 0, output: json(definition), notes };
}

// A submission as the register exports it (GET /api/export.json, /api/submissions) or as a device seals it.
const storedSubmission = z.looseObject({
  submissionId: z.string().min(1),
  questionnaireKey: z.string(),
  definitionHash: z.string(),
  answers: answersSchema,
  scores: z.unknown().optional(),
  noticesShown: z.array(z.string()).optional(),
  language: z.string(),
  completedAt: z.string(),
  patientRef: z.string().optional(),
});
const sealedPayload = z.looseObject({
  submissionId: z.string().min(1),
  questionnaire: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  answers: answersSchema,
  scores: z.unknown().optional(),
  noticesShown: z.array(z.string()).optional(),
  language: z.string(),
  completedAt: z.string(),
});
const submission = z.union([storedSubmission, sealedPayload]);
const exportFile = z.looseObject({ submissions: z.array(submission) });

export function exportResponses(file: string, text: string, definitions: ReadonlyMap<string, ParsedDefinition>): FhirOutcome {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { isOk: false, notes: [`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const many = exportFile.safeParse(input);
  const one = submission.safeParse(input);
  const list = many.success ? many.data.submissions : one.success ? [one.data] : undefined;
  if (!list)
    return { isOk: false, notes: [`${file} holds no submissions: give the register's export (GET /api/export.json) or one submission`] };
  const notes: string[] = [];
  const resources: QuestionnaireResponse[] = [];
  for (const given of list) {
    const stored = storedSubmission.safeParse(given);
    const sealed = sealedPayload.safeParse(given);
    const item = stored.success ? stored.data : sealed.success ? { ...sealed.data, patientRef: undefined } : undefined;
    if (!item) continue;
    const key = stored.success
      ? stored.data.questionnaireKey
      : sealed.success
        ? `${sealed.data.questionnaire.id}@${sealed.data.questionnaire.version}`
        : '';
    const hash = stored.success ? stored.data.definitionHash : sealed.success ? sealed.data.questionnaire.hash : '';
    const definition = definitions.get(key);
    if (!definition) {
      notes.push(`submission ${item.submissionId}: no file in questionnaires/ defines ${key}`);
      continue;
    }
    if (definition.hash !== hash) {
      notes.push(
        `submission ${item.submissionId}: it answered ${key} with the hash ${hash}, but the file has ${definition.hash}: a published version was changed`,
      );
      continue;
    }
    const scores = scoreResults.safeParse(item.scores);
    resources.push(
      toFhirQuestionnaireResponse({
        parsed: definition,
        submissionId: item.submissionId,
        answers: item.answers,
        language: item.language,
        completedAt: item.completedAt,
        ...(item.noticesShown ? { noticesShown: item.noticesShown } : {}),
        ...(item.patientRef ? { patientRef: item.patientRef } : {}),
        ...(scores.success ? { scores: scores.data } : {}),
      }),
    );
  }
  if (notes.length > 0) return { isOk: false, notes: ['Nothing is written:', ...notes.map((n) => `  - ${n}`)] };
  const output =
    resources.length === 1
      ? resources[0]
      : { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
  return { isOk: true, output: json(output), notes: [] };
}
