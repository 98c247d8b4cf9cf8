// The questionnaire definition format: the zod schema is the single source of truth, and the
// JSON Schema in questionnaires/schema/ is generated from it (npm run questionnaires -- schema).
// What editors show about each field (descriptions, examples) is in definition-docs.ts, which only
// the schema generator imports, so the app does not carry it. A field that has a description of its
// own is its own node (`.clone()` of a shared schema), so that the description is attached to it alone.
import { z } from 'zod/mini';
import { answerValue } from './answers.js';

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

export const answerOption = z.strictObject({
  code: optionCode,
  text: localisedText,
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

const itemBase = {
  id: identifier,
  text: localisedText.clone(),
  help: z.optional(localisedText),
  visibleWhen: z.optional(condition),
};

const answerableBase = {
  ...itemBase,
  required: z.optional(z.boolean()),
  preferNotToAnswer: z.optional(z.boolean()),
};

const optionsSource = {
  options: z.optional(z.array(answerOption).check(z.minLength(2, 'a choice needs at least two options'))),
  optionSet: z.optional(identifier),
};

export const singleChoiceItem = z.strictObject({ ...answerableBase, kind: z.literal('single-choice'), ...optionsSource });

export const multipleChoiceItem = z.strictObject({
  ...answerableBase,
  kind: z.literal('multiple-choice'),
  ...optionsSource,
  minSelected: z.optional(z.int().check(z.minimum(1))),
  maxSelected: z.optional(z.int().check(z.minimum(1))),
});

export const scaleItem = z.strictObject({
  ...answerableBase,
  kind: z.literal('scale'),
  min: z.int(),
  max: z.int(),
  labels: z.array(z.strictObject({ value: z.int(), text: localisedText })).check(z.minLength(1)),
});

const unit = z.optional(localisedText);

export const integerItem = z.strictObject({
  ...answerableBase,
  kind: z.literal('integer'),
  min: z.optional(z.int()),
  max: z.optional(z.int()),
  unit,
});

export const decimalItem = z.strictObject({
  ...answerableBase,
  kind: z.literal('decimal'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  decimals: z.optional(z.int().check(z.minimum(1), z.maximum(6))),
  unit,
});

export const yesNoItem = z.strictObject({ ...answerableBase, kind: z.literal('yes-no') });

const isoDate = z.iso.date('a date is written YYYY-MM-DD');

export const dateItem = z.strictObject({
  ...answerableBase,
  kind: z.literal('date'),
  min: z.optional(isoDate),
  max: z.optional(isoDate),
});

export const textItem = z.strictObject({
  ...answerableBase,
  kind: z.literal('text'),
  maxLength: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
});

export const longTextItem = z.strictObject({
  ...answerableBase,
  kind: z.literal('long-text'),
  maxLength: z.optional(z.int().check(z.minimum(1), z.maximum(10000))),
});

export const displayItem = z.strictObject({ ...itemBase, kind: z.literal('display') });

export const answerableItem = z.discriminatedUnion('kind', [
  singleChoiceItem,
  multipleChoiceItem,
  scaleItem,
  integerItem,
  decimalItem,
  yesNoItem,
  dateItem,
  textItem,
  longTextItem,
]);
export type AnswerableItem = z.infer<typeof answerableItem>;

export const leafItem = z.discriminatedUnion('kind', [
  singleChoiceItem,
  multipleChoiceItem,
  scaleItem,
  integerItem,
  decimalItem,
  yesNoItem,
  dateItem,
  textItem,
  longTextItem,
  displayItem,
]);
export type LeafItem = z.infer<typeof leafItem>;
export type ItemKind = LeafItem['kind'];

export const groupItem = z.strictObject({
  id: identifier,
  kind: z.literal('group'),
  title: z.optional(localisedText),
  text: z.optional(localisedText),
  visibleWhen: z.optional(condition),
  items: z.array(leafItem).check(z.minLength(1, 'a group needs at least one item')),
});
export type GroupItem = z.infer<typeof groupItem>;

export const topLevelItem = z.discriminatedUnion('kind', [
  singleChoiceItem,
  multipleChoiceItem,
  scaleItem,
  integerItem,
  decimalItem,
  yesNoItem,
  dateItem,
  textItem,
  longTextItem,
  displayItem,
  groupItem,
]);
export type TopLevelItem = z.infer<typeof topLevelItem>;

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

const scoreBase = {
  id: identifier.clone(),
  title: localisedText.clone(),
  decimals: z.optional(z.int().check(z.minimum(0), z.maximum(6))),
  bands: z.optional(z.array(scoreBand).check(z.minLength(1))),
  flags: z.optional(z.array(scoreFlag).check(z.minLength(1))),
  showToPatient: z.optional(z.boolean()),
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

export const noticeContact = z.strictObject({
  label: localisedText.clone(),
  phone: z
    .string()
    .check(z.regex(/^\+?[0-9][0-9 ]{1,18}[0-9]$/, 'a phone number has only digits and spaces, with an optional leading "+"')),
});

export const supportNotice = z.strictObject({
  id: identifier.clone(),
  when: condition.clone(),
  title: localisedText.clone(),
  text: localisedText.clone(),
  contacts: z.optional(z.array(noticeContact).check(z.minLength(1))),
});
export type SupportNotice = z.infer<typeof supportNotice>;

export const definitionSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: identifier.clone(),
  version: z.string().check(z.regex(/^\d+(\.\d+){0,2}$/, 'a version is one to three numbers separated by dots, such as "1" or "6.0.1"')),
  languages: z.array(languageCode).check(z.minLength(1, 'name at least one language')),
  title: localisedText,
  introduction: z.optional(localisedText),
  license: z.string().check(z.trim(), z.minLength(1)),
  source: z.strictObject({
    citation: z.string().check(z.trim(), z.minLength(1)),
    url: z.optional(z.url()),
    note: z.optional(z.string()),
  }),
  preferNotToAnswer: z.optional(z.boolean()),
  optionSets: z.optional(z.record(identifier, z.array(answerOption).check(z.minLength(2, 'an option set needs at least two options')))),
  items: z.array(topLevelItem).check(z.minLength(1, 'a questionnaire needs at least one item')),
  scores: z.optional(z.array(scoreDefinition).check(z.minLength(1))),
  examples: z.optional(z.array(scoreExample).check(z.minLength(1))),
  notices: z.optional(z.array(supportNotice).check(z.minLength(1))),
});

export type DefinitionInput = z.input<typeof definitionSchema>;
export type Definition = z.infer<typeof definitionSchema>;
