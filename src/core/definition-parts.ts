// The small pieces of the definition format that items, scores and notices share: ids, codes,
// texts in several languages, answer options, and conditions. See definition.ts.
import { z } from 'zod/mini';

export const languageCode = z
  .string()
  .check(z.regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter code in lower case, such as "nb", "nn" or "en"'));

export const identifier = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
      'an id starts with a letter and has only letters, digits, "_" and "-" (at most 64 characters)',
    ),
  );

export const optionCode = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an option code has only letters, digits, "_", "." and "-" (at most 64 characters)'));

export const localisedText = z.record(languageCode, z.string().check(z.trim(), z.minLength(1, 'a text cannot be empty')));
export type LocalisedText = z.infer<typeof localisedText>;

// Where an imported option or item came from, kept so that a FHIR export writes back the source's
// own codes (LOINC, SNOMED CT, a value set's system) instead of codes of ours.
const nonEmpty = z.string().check(z.minLength(1));

/** A code of a code system, as a FHIR Coding: an item's or a questionnaire's code (e.g. a LOINC code). */
export const sourceCoding = z.strictObject({
  system: z.optional(nonEmpty.clone()),
  code: nonEmpty.clone(),
  display: z.optional(nonEmpty.clone()),
});
export type SourceCoding = z.infer<typeof sourceCoding>;

/** The FHIR Coding an option stands for, where it differs from what the option says itself. */
export const optionCoding = z.strictObject({
  system: z.optional(nonEmpty.clone()),
  code: z.optional(nonEmpty.clone()),
  display: z.optional(nonEmpty.clone()),
});
export type OptionCoding = z.infer<typeof optionCoding>;

export const answerOption = z.strictObject({
  code: optionCode,
  text: localisedText,
  coding: z.optional(optionCoding),
});
export type AnswerOption = z.infer<typeof answerOption>;

const scalarValue = z.union([z.string(), z.number(), z.boolean()]);
const conditionItem = identifier.clone();

// Conditions are data: a closed set of operators over earlier answers, never code.
export type Condition =
  | { op: 'equals'; item: string; value: string | number | boolean }
  | { op: 'notEquals'; item: string; value: string | number | boolean }
  | { op: 'oneOf'; item: string; values: (string | number | boolean)[] }
  | { op: 'greaterThan'; item: string; value: number }
  | { op: 'lessThan'; item: string; value: number }
  | { op: 'answered'; item: string }
  | { op: 'all'; conditions: Condition[] }
  | { op: 'any'; conditions: Condition[] }
  | { op: 'not'; condition: Condition };

export const condition: z.ZodMiniType<Condition> = z.lazy(() => conditionOperators);

/** The condition's operators, one object each (the JSON Schema's docs describe them one by one). */
export const conditionOperators = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('equals'), item: conditionItem, value: scalarValue }),
  z.strictObject({ op: z.literal('notEquals'), item: conditionItem, value: scalarValue }),
  z.strictObject({ op: z.literal('oneOf'), item: conditionItem, values: z.array(scalarValue).check(z.minLength(1)) }),
  z.strictObject({ op: z.literal('greaterThan'), item: conditionItem, value: z.number() }),
  z.strictObject({ op: z.literal('lessThan'), item: conditionItem, value: z.number() }),
  z.strictObject({ op: z.literal('answered'), item: conditionItem }),
  z.strictObject({ op: z.literal('all'), conditions: z.array(condition).check(z.minLength(1)) }),
  z.strictObject({ op: z.literal('any'), conditions: z.array(condition).check(z.minLength(1)) }),
  z.strictObject({ op: z.literal('not'), condition }),
]);
