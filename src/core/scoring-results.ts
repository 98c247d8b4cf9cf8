// What computeScores answers, as a zod schema too, so the register can parse the scores a device
// sent before it compares them with its own.
import { z } from 'zod/mini';
import { identifier, localisedText } from './definition-parts.js';

/** Why a score has no value. "No score" is always explicit, never a zero. */
export const NoScoreReason = {
  /** A sum or mean: fewer items answered than it needs (`answered` of the `required`). */
  tooFewAnswered: 'tooFewAnswered',
  /** A formula: an item it uses is unanswered, hidden or declined. */
  missingAnswers: 'missingAnswers',
  /** A score of scores or a formula: a score it uses has no value. */
  missingScores: 'missingScores',
  /** A formula gives no finite number, e.g. a division by zero. */
  undefinedValue: 'undefinedValue',
} as const;
export type NoScoreReason = (typeof NoScoreReason)[keyof typeof NoScoreReason];

const ids = z.array(identifier).check(z.minLength(1));

export const scoreValueResult = z.strictObject({
  status: z.literal('score'),
  /** Full precision, always finite; round for display with roundScore and the score's `decimals`. */
  value: z.number(),
  band: z.optional(z.strictObject({ id: identifier, label: localisedText })),
  /** Every flag of the score, by id: whether it is set. */
  flags: z.optional(z.record(identifier, z.boolean())),
});

export const noScoreResult = z.discriminatedUnion('reason', [
  z.strictObject({
    status: z.literal('noScore'),
    reason: z.literal(NoScoreReason.tooFewAnswered),
    answered: z.int().check(z.minimum(0)),
    required: z.int().check(z.minimum(1)),
  }),
  z.strictObject({ status: z.literal('noScore'), reason: z.literal(NoScoreReason.missingAnswers), missing: ids }),
  z.strictObject({ status: z.literal('noScore'), reason: z.literal(NoScoreReason.missingScores), missing: ids }),
  z.strictObject({ status: z.literal('noScore'), reason: z.literal(NoScoreReason.undefinedValue) }),
]);

export const scoreResult = z.discriminatedUnion('status', [scoreValueResult, noScoreResult]);
export type ScoreResult = z.infer<typeof scoreResult>;
export type ScoreValueResult = z.infer<typeof scoreValueResult>;
export type NoScoreResult = z.infer<typeof noScoreResult>;

/** Every score of a definition by its id, in the definition's order. */
export const scoreResults = z.record(identifier, scoreResult);
export type ScoreResults = z.infer<typeof scoreResults>;
