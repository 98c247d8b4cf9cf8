// The questionnaire definition format: the zod schema is the single source of truth, and the
// JSON Schema in questionnaires/schema/ is generated from it (npm run questionnaires -- schema).
import { z } from 'zod';

export const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter code in lower case, such as "nb", "nn" or "en"')
  .describe('An ISO 639 language code: "nb" (bokmål), "nn" (nynorsk), "en" (English), or another.');

export const identifier = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'an id starts with a letter and has only letters, digits, "_" and "-" (at most 64 characters)',
  )
  .describe('A stable identifier: starts with a letter; letters, digits, "_" and "-".');

export const optionCode = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'an option code has only letters, digits, "_", "." and "-" (at most 64 characters)',
  )
  .describe('The stable code stored when this option is chosen. Never change it once published.');

export const localisedText = z
  .record(languageCode, z.string().trim().min(1, 'a text cannot be empty'))
  .describe('A text in each of the definition\'s languages, e.g. {"nb": "…", "nn": "…", "en": "…"}. Shown as plain text, never as HTML.');
export type LocalisedText = z.infer<typeof localisedText>;

export const answerOption = z
  .strictObject({
    code: optionCode,
    text: localisedText,
  })
  .describe('One answer option: the code that is stored and the text that is shown.');
export type AnswerOption = z.infer<typeof answerOption>;

const scalarValue = z.union([z.string(), z.number(), z.boolean()]);

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
      z.strictObject({ op: z.literal('equals'), item: identifier, value: scalarValue }),
      z.strictObject({ op: z.literal('notEquals'), item: identifier, value: scalarValue }),
      z.strictObject({ op: z.literal('oneOf'), item: identifier, values: z.array(scalarValue).min(1) }),
      z.strictObject({ op: z.literal('greaterThan'), item: identifier, value: z.number() }),
      z.strictObject({ op: z.literal('lessThan'), item: identifier, value: z.number() }),
      z.strictObject({ op: z.literal('answered'), item: identifier }),
      z.strictObject({ op: z.literal('all'), conditions: z.array(condition).min(1) }),
      z.strictObject({ op: z.literal('any'), conditions: z.array(condition).min(1) }),
      z.strictObject({ op: z.literal('not'), condition }),
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
  options: z.array(answerOption).min(2, 'a choice needs at least two options').optional(),
  optionSet: identifier.optional().describe('The id of an option set in "optionSets", instead of "options".'),
};

export const singleChoiceItem = z
  .strictObject({ ...answerableBase, kind: z.literal('single-choice'), ...optionsSource })
  .describe('Exactly one option may be chosen.');

export const multipleChoiceItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('multiple-choice'),
    ...optionsSource,
    minSelected: z.int().min(1).optional(),
    maxSelected: z.int().min(1).optional(),
  })
  .describe('Any number of options may be chosen.');

export const scaleItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('scale'),
    min: z.int().describe('The lowest step, e.g. 0.'),
    max: z.int().describe('The highest step, e.g. 6.'),
    labels: z
      .array(z.strictObject({ value: z.int(), text: localisedText }))
      .min(1)
      .describe('Labels for some of the steps; the other steps show only their number.'),
  })
  .describe('A numbered scale from min to max where only some steps carry a label (EDE-Q 0–6, MADRS-S 0–6).');

const unit = localisedText.optional().describe('The unit shown beside the field, e.g. {"nb": "kg", …}.');

export const integerItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('integer'),
    min: z.int().optional(),
    max: z.int().optional(),
    unit,
  })
  .describe('A whole number, e.g. a count of episodes.');

export const decimalItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('decimal'),
    min: z.number().optional(),
    max: z.number().optional(),
    decimals: z.int().min(1).max(6).optional().describe('How many decimals may be given (default 1).'),
    unit,
  })
  .describe('A decimal number, e.g. weight in kg.');

export const yesNoItem = z.strictObject({ ...answerableBase, kind: z.literal('yes-no') }).describe('Yes or no.');

const isoDate = z.iso.date('a date is written YYYY-MM-DD');

export const dateItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('date'),
    min: isoDate.optional(),
    max: isoDate.optional(),
  })
  .describe('A calendar date.');

export const textItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('text'),
    maxLength: z.int().min(1).max(500).optional(),
  })
  .describe('A short free-text answer on one line.');

export const longTextItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal('long-text'),
    maxLength: z.int().min(1).max(10000).optional(),
  })
  .describe('A longer free-text answer.');

export const displayItem = z
  .strictObject({ ...itemBase, kind: z.literal('display') })
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
    kind: z.literal('group'),
    title: localisedText.optional().describe('The heading of the page.'),
    text: localisedText.optional().describe('An introduction shown under the heading.'),
    visibleWhen: condition.optional(),
    items: z.array(leafItem).min(1, 'a group needs at least one item'),
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
        url: z.url().optional(),
        note: z.string().optional(),
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
    items: z.array(topLevelItem).min(1, 'a questionnaire needs at least one item'),
  })
  .describe('A questionnaire definition for the offline-first ePROM app.');

export type DefinitionInput = z.input<typeof definitionSchema>;
export type Definition = z.infer<typeof definitionSchema>;
