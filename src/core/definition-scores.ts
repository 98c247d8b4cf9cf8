// The scores of the definition format, and the example answer sets that check them. See definition.ts.
import { z } from 'zod/mini';
import { answerValue } from './answers.js';
import { identifier, localisedText, optionCode, sourceCoding } from './definition-parts.js';

// Scores are data too: a closed set of kinds over items and earlier scores, computed by
// computeScores in scoring.ts. See the README for the reference with examples.

export const valueMap = z.record(optionCode, z.nullable(z.number()));
export type ValueMap = z.infer<typeof valueMap>;

export const minAnswered = z.strictObject({
  atLeast: z.optional(z.int().check(z.minimum(1))),
  moreThanHalf: z.optional(z.literal(true)),
});
export type MinAnswered = z.infer<typeof minAnswered>;

export const scoreBand = z.strictObject({
  id: identifier,
  from: z.optional(z.number()),
  label: localisedText.clone(),
});
export type ScoreBand = z.infer<typeof scoreBand>;

export const scoreFlag = z.strictObject({
  id: identifier,
  atMost: z.optional(z.number()),
  atLeast: z.optional(z.number()),
  label: localisedText.clone(),
  alert: z.optional(z.boolean()),
});
export type ScoreFlag = z.infer<typeof scoreFlag>;

// A closed set of arithmetic over numeric answers, earlier scores and numbers; never a string of code.
export type Expression =
  | { op: 'item'; item: string }
  | { op: 'score'; score: string }
  | { op: 'number'; value: number }
  | { op: 'add' | 'multiply'; args: Expression[] }
  | { op: 'subtract' | 'divide' | 'power'; args: Expression[] };

export const expression: z.ZodMiniType<Expression> = z.lazy(() => expressionOperators);

/** The expression's operators, one object each. */
export const expressionOperators = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('item'), item: identifier.clone() }),
  z.strictObject({ op: z.literal('score'), score: identifier.clone() }),
  z.strictObject({ op: z.literal('number'), value: z.number() }),
  z.strictObject({ op: z.literal('add'), args: z.array(expression).check(z.minLength(2)) }),
  z.strictObject({ op: z.literal('multiply'), args: z.array(expression).check(z.minLength(2)) }),
  z.strictObject({ op: z.literal('subtract'), args: z.array(expression).check(z.length(2)) }),
  z.strictObject({ op: z.literal('divide'), args: z.array(expression).check(z.length(2)) }),
  z.strictObject({ op: z.literal('power'), args: z.array(expression).check(z.length(2)) }),
]);

// What counts as a clinically meaningful change in a score, as data: the register's course chart
// marks it (see score-change.ts). "better" says which way is an improvement; a threshold is an
// absolute change ("by", e.g. 0.9 on the EDE-Q global score) or a share of the earlier value
// ("relative", e.g. 0.5: MADRS-S response, a fall of half or more).
export const changeThreshold = z.strictObject({
  by: z.optional(z.number().check(z.positive())),
  relative: z.optional(z.number().check(z.positive())),
});
export type ChangeThreshold = z.infer<typeof changeThreshold>;

export const remissionLevel = z.strictObject({
  atMost: z.optional(z.number()),
  atLeast: z.optional(z.number()),
});
export type RemissionLevel = z.infer<typeof remissionLevel>;

export const scoreChange = z.strictObject({
  better: z.enum(['lower', 'higher']),
  improvement: z.optional(changeThreshold),
  deterioration: z.optional(changeThreshold.clone()),
  remission: z.optional(remissionLevel),
});
export type ScoreChange = z.infer<typeof scoreChange>;

const scoreBase = {
  id: identifier.clone(),
  title: localisedText.clone(),
  decimals: z.optional(z.int().check(z.minimum(0), z.maximum(6))),
  bands: z.optional(z.array(scoreBand).check(z.minLength(1))),
  flags: z.optional(z.array(scoreFlag).check(z.minLength(1))),
  showToPatient: z.optional(z.boolean()),
  change: z.optional(scoreChange),
  /** Imported from FHIR: the calculated item's linkId and codes, written back on export. */
  linkId: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  codes: z.optional(z.array(sourceCoding).check(z.minLength(1))),
};

const overItems = {
  items: z.array(identifier).check(z.minLength(1)),
  values: z.optional(valueMap),
  itemValues: z.optional(z.record(identifier, valueMap)),
  reverse: z.optional(z.array(identifier)),
  minAnswered: z.optional(minAnswered),
};

const overScores = {
  scores: z.array(identifier).check(z.minLength(1)),
};

export const sumScore = z.strictObject({
  ...scoreBase,
  kind: z.literal('sum'),
  ...overItems,
  prorate: z.optional(z.boolean()),
});

export const meanScore = z.strictObject({ ...scoreBase, kind: z.literal('mean'), ...overItems });

export const sumOfScoresScore = z.strictObject({ ...scoreBase, kind: z.literal('sumOfScores'), ...overScores });

export const meanOfScoresScore = z.strictObject({ ...scoreBase, kind: z.literal('meanOfScores'), ...overScores });

export const formulaScore = z.strictObject({ ...scoreBase, kind: z.literal('formula'), formula: expression });

export const scoreDefinition = z.discriminatedUnion('kind', [sumScore, meanScore, sumOfScoresScore, meanOfScoresScore, formulaScore]);
export type ScoreDefinition = z.infer<typeof scoreDefinition>;
export type ScoreKind = ScoreDefinition['kind'];
export type ItemScoreDefinition = Extract<ScoreDefinition, { kind: 'sum' | 'mean' }>;

export const exampleAnswer = z.union([answerValue, z.strictObject({ declined: z.literal(true) })]);

export const scoreExample = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1)),
  answers: z.record(identifier, exampleAnswer),
  expectedScores: z.record(identifier, z.nullable(z.number())),
});
export type ScoreExample = z.infer<typeof scoreExample>;
