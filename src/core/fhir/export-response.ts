// A submission as a FHIR R4 QuestionnaireResponse: the answers of the items shown, nested as the
// Questionnaire's groups are (a repeating group once per entry, in order), option texts in the
// language the person answered in, and the scores as the answers of the calculated score items,
// with their bands and flags, or why there is none.
import { answerTo, optionsOf, type Answer, type Answers } from '../answers.js';
import type { AnswerableItem, Definition, GroupItem, LeafItem, LocalisedText, ScoreDefinition } from '../definition.js';
import { instanceKey, instancesOf, isRepeating } from '../repeats.js';
import type { ParsedDefinition } from '../parse-definition.js';
import { computeScores } from '../scoring.js';
import { NoScoreReason, type ScoreResult, type ScoreResults } from '../scoring-results.js';
import { isAnswerable, visibility } from '../visibility.js';
import { answerSystemAndCode, linkIdOf } from './codes.js';
import { scoreLinkIdOf } from './fhirpath.js';
import { questionnaireUrl, scoreBandSystem } from './naming.js';
import { Url, type QuestionnaireResponse, type ResponseAnswer, type ResponseItem } from './types.js';

export interface ResponseInput {
  parsed: ParsedDefinition;
  submissionId: string;
  /** The answers as submitted; only those of items the person was shown are exported. */
  answers: Answers;
  language: string;
  completedAt: string;
  noticesShown?: readonly string[];
  /** The register's pseudonymous patient reference, when the export is for the register's own use. */
  patientRef?: string;
  /** The register's scores; computed from the answers when not given. */
  scores?: ScoreResults;
  /** Whether the device's scores differed from the register's; said only when known. */
  deviceScoresDiffer?: boolean;
}

/**
 * A score as an answer to its calculated item, with its band and the flags it set as extensions; a
 * score with no value has no answer, and says why (data-absent-reason, and our reason code).
 */
function scoreItem(definition: Definition, score: ScoreDefinition, result: ScoreResult | undefined, language: string): ResponseItem {
  const base = { linkId: scoreLinkIdOf(score), text: textIn(score.title, language, definition) };
  if (result?.status !== 'score') {
    const reason = result?.reason ?? NoScoreReason.missingAnswers;
    return {
      extension: [
        { url: Url.dataAbsentReason, valueCode: reason === NoScoreReason.undefinedValue ? 'not-a-number' : 'not-performed' },
        { url: Url.noScoreReason, valueCode: reason },
      ],
      ...base,
    };
  }
  const band = result.band && {
    url: Url.scoreBand,
    valueCoding: {
      system: scoreBandSystem(definition.id, score.id),
      code: result.band.id,
      display: textIn(result.band.label, language, definition),
    },
  };
  const flags = Object.entries(result.flags ?? {})
    .filter(([, isSet]) => isSet)
    .map(([id]) => ({ url: Url.scoreFlag, valueCode: id }));
  const extension = [...(band ? [band] : []), ...flags];
  return { ...(extension.length > 0 ? { extension } : {}), ...base, answer: [{ valueDecimal: result.value }] };
}

function textIn(text: LocalisedText, language: string, definition: Definition): string {
  return text[language] ?? definition.languages.map((l) => text[l]).find((t) => t !== undefined) ?? '';
}

function answersTo(definition: Definition, item: AnswerableItem, entry: Answer | undefined, language: string): ResponseAnswer[] {
  if (!entry || !('value' in entry)) return [];
  const { value } = entry;
  const option = (code: string): ResponseAnswer => {
    const found = optionsOf(definition, item).find((o) => o.code === code);
    return {
      valueCoding: {
        ...answerSystemAndCode(definition, item, code),
        ...(found ? { display: textIn(found.text, language, definition) } : {}),
      },
    };
  };
  switch (item.kind) {
    case 'single-choice':
      return typeof value === 'string' ? [option(value)] : [];
    case 'multiple-choice':
      return Array.isArray(value) ? value.map(option) : [];
    case 'scale': {
      if (typeof value !== 'number') return [];
      const label = item.labels.find((l) => l.value === value);
      return [
        {
          valueCoding: {
            ...answerSystemAndCode(definition, item, value),
            ...(label ? { display: textIn(label.text, language, definition) } : {}),
          },
        },
      ];
    }
    case 'integer':
      return typeof value === 'number' ? [{ valueInteger: value }] : [];
    case 'decimal':
      return typeof value === 'number' ? [{ valueDecimal: value }] : [];
    case 'yes-no':
      return typeof value === 'boolean' ? [{ valueBoolean: value }] : [];
    case 'date':
      return typeof value === 'string' ? [{ valueDate: value }] : [];
    default:
      return typeof value === 'string' ? [{ valueString: value }] : [];
  }
}

/** An item's answer as a response item; `key` is where it is stored (`meds.2.name` in an entry of a repeating group). */
function responseItem(definition: Definition, item: LeafItem, answers: Answers, language: string, key = item.id): ResponseItem | undefined {
  if (!isAnswerable(item)) return undefined;
  const entry = answerTo(answers, key);
  if (entry && 'declined' in entry)
    return {
      extension: [{ url: Url.dataAbsentReason, valueCode: 'asked-declined' }],
      linkId: linkIdOf(item),
      text: textIn(item.text, language, definition),
    };
  const answer = answersTo(definition, item, entry, language);
  return answer.length > 0 ? { linkId: linkIdOf(item), text: textIn(item.text, language, definition), answer } : undefined;
}

/**
 * A group as response items: one for a group, one per entry of a repeating group (in order, each
 * with the group's linkId, as FHIR repeats a group). An entry, or a group, with nothing answered is
 * left out, as FHIR leaves out what was not answered.
 */
function groupItems(definition: Definition, group: GroupItem, answers: Answers, language: string): ResponseItem[] {
  const entries = isRepeating(group) ? instancesOf(group, answers) : [undefined];
  return entries.flatMap((entry) => {
    const children = group.items
      .map((child) => responseItem(definition, child, answers, language, entry ? instanceKey(group.id, entry, child.id) : child.id))
      .filter((i) => i !== undefined);
    if (children.length === 0) return [];
    return [{ linkId: linkIdOf(group), ...(group.title ? { text: textIn(group.title, language, definition) } : {}), item: children }];
  });
}

export function toFhirQuestionnaireResponse(input: ResponseInput): QuestionnaireResponse {
  const { definition, hash } = input.parsed;
  // what is submitted: the answers of the items shown, each repeating group's entries numbered 1, 2, 3…
  const { effective } = visibility(definition, input.answers);
  const scores = input.scores ?? computeScores(definition, effective);
  const items = definition.items.flatMap((top): ResponseItem[] => {
    if (top.kind === 'group') return groupItems(definition, top, effective, input.language);
    const answered = responseItem(definition, top, effective, input.language);
    return answered ? [answered] : [];
  });
  for (const score of definition.scores ?? [])
    items.push(scoreItem(definition, score, Object.hasOwn(scores, score.id) ? scores[score.id] : undefined, input.language));
  return {
    resourceType: 'QuestionnaireResponse',
    id: input.submissionId,
    extension: [
      { url: Url.definitionHash, valueString: hash },
      ...(input.noticesShown ?? []).map((id) => ({ url: Url.noticeShown, valueString: id })),
      ...(input.deviceScoresDiffer !== undefined ? [{ url: Url.deviceScoresDiffer, valueBoolean: input.deviceScoresDiffer }] : []),
    ],
    language: input.language,
    identifier: { system: 'urn:eprom:submission', value: input.submissionId },
    questionnaire: `${questionnaireUrl(definition.id)}|${definition.version}`,
    status: 'completed',
    ...(input.patientRef ? { subject: { identifier: { system: 'urn:eprom:patient-ref', value: input.patientRef } } } : {}),
    authored: input.completedAt,
    item: items,
  };
}
