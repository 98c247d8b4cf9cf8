// A register's quality indicator as data (questionnaires/indicators/*.json): which patients count, and
// what counts as the outcome, over the time points of one measurement plan. Computed per unit and
// period by computeIndicator (compute.ts); never code, a closed set of measures.
import { z } from 'zod/mini';
import { identifier, localisedText, optionCode } from '../definition-parts.js';

/** A time point of the plan, and which of its windows (1 = the first; the default) when it repeats. */
const timePointRef = z.strictObject({
  timePoint: identifier.clone(),
  occurrence: z.optional(z.int().check(z.minimum(1))),
});
export type TimePointRef = z.infer<typeof timePointRef>;

const scoreRef = {
  /** The questionnaire's key without version: every version's score of this id counts. */
  questionnaire: identifier.clone(),
  score: identifier.clone(),
};

/** A score fell (or rose) by at least an amount between two time points. */
const scoreChange = z.strictObject({
  kind: z.literal('scoreChange'),
  ...scoreRef,
  from: timePointRef,
  to: timePointRef,
  fallBy: z.optional(z.number().check(z.positive())),
  riseBy: z.optional(z.number().check(z.positive())),
});

/** A score under a bound at the first time point reached at least another at the second. */
const scoreCrossing = z.strictObject({
  kind: z.literal('scoreCrossing'),
  ...scoreRef,
  from: timePointRef,
  to: timePointRef,
  below: z.number(),
  reachesAtLeast: z.number(),
  /** For BMI: under 18 years the iso-BMI (IOTF) is compared instead, from the register's birth month and sex. */
  ageAdjustment: z.optional(z.literal('iotfIsoBmi')),
});

/** The answer to an item at a time point is one of some codes, or a number within bounds. */
const answerIn = z.strictObject({
  kind: z.literal('answerIn'),
  questionnaire: identifier.clone(),
  item: identifier.clone(),
  at: timePointRef,
  codes: z.optional(z.array(optionCode).check(z.minLength(1))),
  atLeast: z.optional(z.number()),
  atMost: z.optional(z.number()),
  /** Answer codes that mean the question did not apply: left out of the denominator. */
  notApplicable: z.optional(z.array(optionCode)),
});

export const indicatorMeasure = z.discriminatedUnion('kind', [scoreChange, scoreCrossing, answerIn]);
export type IndicatorMeasure = z.infer<typeof indicatorMeasure>;

export const indicatorDefinition = z.strictObject({
  id: identifier.clone(),
  title: localisedText.clone(),
  /** What the numerator and denominator are, in words for the register's readers. */
  description: localisedText.clone(),
  /** The plan whose time points the measure names. */
  plan: identifier.clone(),
  measure: indicatorMeasure,
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;

export const indicatorFile = z.strictObject({
  $schema: z.optional(z.string()),
  register: identifier.clone(),
  /** Where the indicators come from, and the choices the source leaves open. */
  notes: z.optional(z.array(z.string())),
  indicators: z.array(indicatorDefinition).check(z.minLength(1)),
});
export type IndicatorFile = z.infer<typeof indicatorFile>;
