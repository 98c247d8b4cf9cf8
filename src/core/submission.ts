// The canonical content of a submission, built the same way wherever it is built.
import type { Answers } from './answers.js';
import type { ParsedDefinition } from './parse-definition.js';
import { SUBMISSION_FORMAT, submissionPayload, type SubmissionPayload } from './protocol.js';
import { visibility } from './visibility.js';

export interface SubmissionInput {
  submissionId: string;
  orderId: string;
  parsed: ParsedDefinition;
  /** Every stored answer; only those of items the person was shown are submitted. */
  answers: Answers;
  scores?: Record<string, unknown>;
  noticesShown?: string[];
  language: string;
  startedAt: string;
  completedAt: string;
  appVersion: string;
}

export function buildSubmissionPayload(input: SubmissionInput): SubmissionPayload {
  const { definition } = input.parsed;
  return submissionPayload.parse({
    format: SUBMISSION_FORMAT,
    submissionId: input.submissionId,
    orderId: input.orderId,
    questionnaire: { id: definition.id, version: definition.version, hash: input.parsed.hash },
    answers: visibility(definition, input.answers).effective,
    ...(input.scores ? { scores: input.scores } : {}),
    ...(input.noticesShown?.length ? { noticesShown: input.noticesShown } : {}),
    language: input.language,
    startedAt: input.startedAt,
    completedAt: input.completedAt,
    appVersion: input.appVersion,
  } satisfies SubmissionPayload);
}
