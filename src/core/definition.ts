// The questionnaire definition format: the zod schema is the single source of truth, and the
// JSON Schema in questionnaires/schema/ is generated from it (npm run questionnaires -- schema).
import { z } from 'zod';
import { answerValue } from './answers.js';

export const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter code in lower case, such as "nb", "nn" or "en"')
  .describe('An ISO 639 language code: "nb" (bokmål), "nn" (nynorsk), "en" (English), or another.')
  .meta({ examples: ['nb', 'nn', 'en'] });

export const identifier = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'an id starts with a letter and has only letters, digits, "_" and "-" (at most 64 characters)',
  )
  .describe('A stable identifier: starts with a letter; letters, digits, "_" and "-".')
  .meta({ examples: ['q1', 'mood_overall', 'ede-q'] });

export const optionCode = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'an option code has only letters, digits, "_", "." and "-" (at most 64 characters)',
  )
  .describe('The stable code stored when this option is chosen. Never change it once published.')
  .meta({ examples: ['yes', '0', 'work-full'] });

export const localisedText = z
  .record(languageCode, z.string().trim().min(1, 'a text cannot be empty'))
  .describe('A text in each of the definition\'s languages, e.g. {"nb": "…", "nn": "…", "en": "…"}. Shown as plain text, never as HTML.')
  .meta({ examples: [{ nb: 'Hvordan har du det?', nn: 'Korleis har du det?', en: 'How are you?' }] });
export type LocalisedText = z.infer<typeof localisedText>;

export const answerOption = z
  .strictObject({
    code: optionCode,
    text: localisedText,
  })
  .describe('One answer option: the code that is stored and the text that is shown.');
export type AnswerOption = z.infer<typeof answerOption>;

const scalarValue = z
  .union([z.string(), z.number(), z.boolean()])
  .describe('What the answer is compared with: an option code, a number, or true/false.')
  .meta({ examples: ['yes', 3, true] });
const conditionItem = identifier.describe('The id of an earlier item whose answer the condition looks at.');
const operator = <T extends string>(op: T, description: string) => z.literal(op).describe(description);

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

export const condition: z.ZodType<Condition> = z
  .lazy(() =>
    z.discriminatedUnion('op', [
      z.strictObject({ op: operator('equals', 'The answer is this value (a multiple choice: this option is among those chosen).'), item: conditionItem, value: scalarValue }),
      z.strictObject({ op: operator('notEquals', 'The item is answered, with another value.'), item: conditionItem, value: scalarValue }),
      z.strictObject({
        op: operator('oneOf', 'The answer is one of the values.'),
        item: conditionItem,
        values: z.array(scalarValue).min(1).describe('The values, e.g. ["poor", "very-poor"].'),
      }),
      z.strictObject({ op: operator('greaterThan', 'The answer is a number above the value.'), item: conditionItem, value: z.number().describe('The number the answer must be above.') }),
      z.strictObject({ op: operator('lessThan', 'The answer is a number below the value.'), item: conditionItem, value: z.number().describe('The number the answer must be below.') }),
      z.strictObject({ op: operator('answered', 'The item has an answer.'), item: conditionItem }),
      z.strictObject({ op: operator('all', 'Every one of the conditions holds.'), conditions: z.array(condition).min(1).describe('The conditions that must all hold.') }),
      z.strictObject({ op: operator('any', 'At least one of the conditions holds.'), conditions: z.array(condition).min(1).describe('The conditions of which one must hold.') }),
      z.strictObject({ op: operator('not', 'The condition does not hold.'), condition }),
    ]),
  )
  .describe(
    'Shows the item only when this holds for earlier answers. Operators: equals, notEquals, oneOf, greaterThan, lessThan, answered, and all/any/not to combine.',
  );

const itemBase = {
  id: identifier,
  text: localisedText.describe('The question or statement, in each language.'),
  help: localisedText.optional().describe('Extra guidance shown under the question.'),
  visibleWhen: condition.optional(),
};

const answerableBase = {
  ...itemBase,
  required: z
    .boolean()
    .optional()
    .describe('Whether the item must be answered before completing. Defaults to true; set false for optional items.'),
  preferNotToAnswer: z
    .boolean()
    .optional()
    .describe('Offer "I prefer not to answer" on this item; overrides the definition-wide setting.'),
};

const optionsSource = {
  options: z.array(answerOption).min(2, 'a choice needs at least two options').optional().describe('The options, in the order shown; or use "optionSet".'),
  optionSet: identifier.optional().describe('The id of an option set in "optionSets", instead of "options".'),
};

export const singleChoiceItem = z
  .strictObject({ ...answerableBase, kind: z.literal('single-choice').describe('What kind of item this is.'), ...optionsSource })
  .describe('Exactly one option may be chosen.');

export const multipleChoiceItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('multiple-choice').describe('What kind of item this is.'),
    ...optionsSource,
    minSelected: z.int().min(1).optional().describe('At least this many options must be chosen, e.g. 1.'),
    maxSelected: z.int().min(1).optional().describe('At most this many options may be chosen, e.g. 3.'),
  })
  .describe('Any number of options may be chosen.');

export const scaleItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('scale').describe('What kind of item this is.'),
    min: z.int().describe('The lowest step, e.g. 0.'),
    max: z.int().describe('The highest step, e.g. 6.'),
    labels: z
      .array(z.strictObject({ value: z.int().describe('The step this label is for, e.g. 0.'), text: localisedText }))
      .min(1)
      .describe('Labels for some of the steps; the other steps show only their number.'),
  })
  .describe('A numbered scale from min to max where only some steps carry a label (EDE-Q 0–6, MADRS-S 0–6).');

const unit = localisedText.optional().describe('The unit shown beside the field, e.g. {"nb": "kg", …}.');

export const integerItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('integer').describe('What kind of item this is.'),
    min: z.int().optional().describe('The smallest number allowed, e.g. 0.'),
    max: z.int().optional().describe('The largest number allowed, e.g. 28.'),
    unit,
  })
  .describe('A whole number, e.g. a count of episodes.');

export const decimalItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('decimal').describe('What kind of item this is.'),
    min: z.number().optional().describe('The smallest number allowed, e.g. 20.'),
    max: z.number().optional().describe('The largest number allowed, e.g. 300.'),
    decimals: z.int().min(1).max(6).optional().describe('How many decimals may be given (default 1).'),
    unit,
  })
  .describe('A decimal number, e.g. weight in kg.');

export const yesNoItem = z.strictObject({ ...answerableBase, kind: z.literal('yes-no').describe('What kind of item this is.') }).describe('Yes or no.');

const isoDate = z.iso.date('a date is written YYYY-MM-DD');

export const dateItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('date').describe('What kind of item this is.'),
    min: isoDate.optional().describe('The earliest date allowed, YYYY-MM-DD.'),
    max: isoDate.optional().describe('The latest date allowed, YYYY-MM-DD.'),
  })
  .describe('A calendar date.');

export const textItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('text').describe('What kind of item this is.'),
    maxLength: z.int().min(1).max(500).optional().describe('The most characters allowed (default and at most 500).'),
  })
  .describe('A short free-text answer on one line.');

export const longTextItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('long-text').describe('What kind of item this is.'),
    maxLength: z.int().min(1).max(10000).optional().describe('The most characters allowed (default and at most 10000).'),
  })
  .describe('A longer free-text answer.');

export const displayItem = z
  .strictObject({ ...itemBase, kind: z.literal('display').describe('What kind of item this is.') })
  .describe('Text shown to the person; nothing to answer.');

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

export const groupItem = z
  .strictObject({
    id: identifier,
    kind: z.literal('group').describe('A page of items.'),
    title: localisedText.optional().describe('The heading of the page.'),
    text: localisedText.optional().describe('An introduction shown under the heading.'),
    visibleWhen: condition.optional(),
    items: z.array(leafItem).min(1, 'a group needs at least one item').describe('The items on the page, in order (no groups inside groups).'),
  })
  .describe('A group of items shown together on one page.');
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

export const valueMap = z
  .record(optionCode, z.number().nullable())
  .describe(
    'The number each option code counts as, e.g. {"1": 1, "2": 2, "9": null}. null: the option is not scored (e.g. "not applicable"), and the item counts as unanswered. Must cover every option.',
  );
export type ValueMap = z.infer<typeof valueMap>;

export const minAnswered = z
  .strictObject({
    atLeast: z.int().min(1).optional().describe('At least this many of the items must be answered.'),
    moreThanHalf: z.literal(true).optional().describe('More than half of the items must be answered (3 of 5, 5 of 8).'),
  })
  .describe('How many items must be answered for a score; give "atLeast" or "moreThanHalf". Without it, every item must be answered.');
export type MinAnswered = z.infer<typeof minAnswered>;

export const scoreBand = z
  .strictObject({
    id: identifier,
    from: z
      .number()
      .optional()
      .describe('The lowest value in this band (inclusive); the band runs up to the next band\'s "from". Only the first band may leave it out.'),
    label: localisedText.describe('What the band is called, e.g. {"en": "mild"}.'),
  })
  .describe('One band of a score: values from "from" up to, not including, the next band\'s "from".');
export type ScoreBand = z.infer<typeof scoreBand>;

export const scoreFlag = z
  .strictObject({
    id: identifier,
    atMost: z.number().optional().describe('The flag is set when the value is at most this (inclusive).'),
    atLeast: z.number().optional().describe('The flag is set when the value is at least this (inclusive).'),
    label: localisedText.describe('What the flag means, e.g. {"en": "remission"}.'),
  })
  .describe('A yes/no reading of a score, e.g. remission at 10 or less; give "atMost", "atLeast" or both.');
export type ScoreFlag = z.infer<typeof scoreFlag>;

// A closed set of arithmetic over numeric answers, earlier scores and numbers; never a string of code.
export type Expression =
  | { op: 'item'; item: string }
  | { op: 'score'; score: string }
  | { op: 'number'; value: number }
  | { op: 'add' | 'multiply'; args: Expression[] }
  | { op: 'subtract' | 'divide' | 'power'; args: Expression[] };

export const expression: z.ZodType<Expression> = z
  .lazy(() =>
    z.discriminatedUnion('op', [
      z.strictObject({ op: operator('item', 'The answer to an item.'), item: identifier.describe('A scale, integer or decimal item.') }),
      z.strictObject({ op: operator('score', 'The value of an earlier score.'), score: identifier.describe('A score listed before this one.') }),
      z.strictObject({ op: operator('number', 'A fixed number.'), value: z.number().describe('The number, e.g. 10000.') }),
      z.strictObject({ op: operator('add', 'The sum of the arguments.'), args: z.array(expression).min(2).describe('Two or more expressions to add.') }),
      z.strictObject({ op: operator('multiply', 'The product of the arguments.'), args: z.array(expression).min(2).describe('Two or more expressions to multiply.') }),
      z.strictObject({ op: operator('subtract', 'The first argument less the second.'), args: z.array(expression).length(2).describe('[a, b]: a − b') }),
      z.strictObject({ op: operator('divide', 'The first argument divided by the second.'), args: z.array(expression).length(2).describe('[a, b]: a ÷ b') }),
      z.strictObject({ op: operator('power', 'The first argument to the power of the second.'), args: z.array(expression).length(2).describe('[a, b]: a to the power b') }),
    ]),
  )
  .meta({
    id: 'expression',
    description:
      'Arithmetic over answers: {"op": "item", "item": id}, {"op": "score", "score": id}, {"op": "number", "value": n}, and {"op": "add" | "subtract" | "multiply" | "divide" | "power", "args": [...]}.',
  });

const scoreBase = {
  id: identifier.describe('The score id, stable across versions, e.g. "global".'),
  title: localisedText.describe('The name of the score, in each language.'),
  decimals: z
    .int()
    .min(0)
    .max(6)
    .optional()
    .describe('Decimals to show, rounded half away from zero; the computed value keeps full precision.'),
  bands: z.array(scoreBand).min(1).optional().describe('Ordered bands, lowest first, e.g. MADRS-S 0–12, 13–19, 20–34, 35+.'),
  flags: z.array(scoreFlag).min(1).optional().describe('Yes/no readings of the value, e.g. remission.'),
  showToPatient: z.boolean().optional().describe('Show this score to the patient. Defaults to false.'),
};

const overItems = {
  items: z
    .array(identifier)
    .min(1)
    .describe('The items counted: scale, integer or decimal items, or single-choice items with a value map.'),
  values: valueMap.optional().describe('The value map of every single-choice item in "items" that has none in "itemValues".'),
  itemValues: z.record(identifier, valueMap).optional().describe('A value map for each single-choice item that needs its own, by item id.'),
  reverse: z
    .array(identifier)
    .optional()
    .describe('Items counted in reverse: a value v counts as min + max − v, with the item\'s own min and max.'),
  minAnswered: minAnswered.optional(),
};

const overScores = {
  scores: z.array(identifier).min(1).describe('Scores listed before this one; every one of them must have a value.'),
};

export const sumScore = z
  .strictObject({
    ...scoreBase,
    kind: z.literal('sum').describe('What kind of score this is.'),
    ...overItems,
    prorate: z
      .boolean()
      .optional()
      .describe('When some items are unanswered, scale the sum up: sum × items ÷ answered. Defaults to false.'),
  })
  .describe('The sum of the items\' values.');

export const meanScore = z
  .strictObject({ ...scoreBase, kind: z.literal('mean').describe('What kind of score this is.'), ...overItems })
  .describe('The mean of the answered items\' values.');

export const sumOfScoresScore = z
  .strictObject({ ...scoreBase, kind: z.literal('sumOfScores').describe('What kind of score this is.'), ...overScores })
  .describe('The sum of earlier scores; no score unless all of them have one.');

export const meanOfScoresScore = z
  .strictObject({ ...scoreBase, kind: z.literal('meanOfScores').describe('What kind of score this is.'), ...overScores })
  .describe('The mean of earlier scores, e.g. the EDE-Q global score; no score unless all of them have one.');

export const formulaScore = z
  .strictObject({ ...scoreBase, kind: z.literal('formula').describe('What kind of score this is.'), formula: expression })
  .describe('A value derived from numeric answers and earlier scores, e.g. BMI; no score when an answer it uses is missing.');

export const scoreDefinition = z
  .discriminatedUnion('kind', [sumScore, meanScore, sumOfScoresScore, meanOfScoresScore, formulaScore])
  .describe('A score computed from the answers.');
export type ScoreDefinition = z.infer<typeof scoreDefinition>;
export type ScoreKind = ScoreDefinition['kind'];
export type ItemScoreDefinition = Extract<ScoreDefinition, { kind: 'sum' | 'mean' }>;

export const exampleAnswer = z
  .union([answerValue, z.strictObject({ declined: z.literal(true).describe('The person chose "I prefer not to answer".') })])
  .describe('The value given, as stored (a code, a number, true/false, a date or text), or {"declined": true}.');

export const scoreExample = z
  .strictObject({
    name: z.string().trim().min(1).describe('What this example shows, e.g. "every item answered".'),
    answers: z.record(identifier, exampleAnswer).describe('Answers by item id.'),
    expectedScores: z
      .record(identifier, z.number().nullable())
      .describe('The expected value of each score listed, by score id; null when there should be no score.'),
  })
  .describe('An answer set and the scores it must give; `check` computes them and reports any difference.');
export type ScoreExample = z.infer<typeof scoreExample>;

export const noticeContact = z
  .strictObject({
    label: localisedText.describe('Who to call, e.g. {"nb": "Legevakt", …}.'),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 ]{1,18}[0-9]$/, 'a phone number has only digits and spaces, with an optional leading "+"')
      .describe('The number to call, e.g. "113" or "116 117"; shown as a link that dials it.'),
  })
  .describe('A number the person can call from the notice.');

export const supportNotice = z
  .strictObject({
    id: identifier.describe('Recorded in the submission when the notice was shown.'),
    when: condition.describe('The notice shows as soon as this holds for the answers given (any item, earlier or later).'),
    title: localisedText.describe('A short heading, e.g. {"en": "Need someone to talk to now?"}.'),
    text: localisedText.describe('What the person can do now. Plain text, never HTML.'),
    contacts: z.array(noticeContact).min(1).optional().describe('Numbers to call, shown as links that dial them.'),
  })
  .describe('A support notice: shown at once, offline too, when answers call for it. Answers are not monitored in real time.');
export type SupportNotice = z.infer<typeof supportNotice>;

export const definitionSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows, for editor help.'),
    id: identifier.describe('The questionnaire id, stable across versions, e.g. "ede-q".'),
    version: z
      .string()
      .regex(/^\d+(\.\d+){0,2}$/, 'a version is one to three numbers separated by dots, such as "1" or "6.0.1"')
      .describe('The version. A published version never changes: publish a new version instead.'),
    languages: z
      .array(languageCode)
      .min(1, 'name at least one language')
      .describe('The languages every text is written in; the first is the fallback.'),
    title: localisedText,
    introduction: localisedText.optional(),
    license: z
      .string()
      .trim()
      .min(1)
      .describe('Who may use this text and how, e.g. "Project wording; instrument © its authors".'),
    source: z
      .strictObject({
        citation: z.string().trim().min(1).describe('The instrument this definition follows.'),
        url: z.url().optional().describe('Where the instrument is published, e.g. its article.'),
        note: z.string().optional().describe('How this wording relates to the instrument, e.g. "own translation".'),
      })
      .describe('Where the instrument comes from, and how this wording relates to it.'),
    preferNotToAnswer: z
      .boolean()
      .optional()
      .describe('Offer "I prefer not to answer" on every optional item unless an item says otherwise.'),
    optionSets: z
      .record(identifier, z.array(answerOption).min(2, 'an option set needs at least two options'))
      .optional()
      .describe('Answer option sets defined once and reused by many items through "optionSet".'),
    items: z
      .array(topLevelItem)
      .min(1, 'a questionnaire needs at least one item')
      .describe('The questions and texts, in order: each group is a page, and each item outside a group a page of its own.'),
    scores: z
      .array(scoreDefinition)
      .min(1)
      .optional()
      .describe('Scores computed from the answers, in order: a score can use the scores listed before it.'),
    examples: z
      .array(scoreExample)
      .min(1)
      .optional()
      .describe('Example answer sets with the scores they must give, checked by `check`.'),
    notices: z
      .array(supportNotice)
      .min(1)
      .optional()
      .describe('Support notices shown at once when answers call for them, e.g. where to get help now.'),
  })
  .describe('A questionnaire definition for the offline-first ePROM app.');

export type DefinitionInput = z.input<typeof definitionSchema>;
export type Definition = z.infer<typeof definitionSchema>;
