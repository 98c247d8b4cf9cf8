// The questionnaire definition format: the zod schema is the single source of truth, and the
// JSON Schema in questionnaires/schema/ is generated from it (npm run questionnaires -- schema).
// What editors show about each field (descriptions, examples) is in definition-docs.ts, which only
// the schema generator imports, so the app does not carry it. A field that has a description of its
// own is its own node (`.clone()` of a shared schema), so that the description is attached to it alone.
// The pieces are in definition-parts.ts and definition-scores.ts, and are exported from here too.
import { z } from 'zod/mini';
import { answerOption, condition, identifier, languageCode, localisedText, sourceCoding } from './definition-parts.js';
import { scoreDefinition, scoreExample } from './definition-scores.js';

export * from './definition-parts.js';
export * from './definition-scores.js';

/** What an item imported from FHIR keeps of its source: its linkId (where it differs from the id) and its codes. */
export const sourceLinkId = z.string().check(z.minLength(1), z.maxLength(255));
export const itemCodes = z.array(sourceCoding).check(z.minLength(1));

const itemBase = {
  id: identifier,
  text: localisedText.clone(),
  help: z.optional(localisedText),
  visibleWhen: z.optional(condition),
  linkId: z.optional(sourceLinkId),
  codes: z.optional(itemCodes),
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
  system: z.optional(z.string().check(z.minLength(1))),
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

/** A group filled in as many times as the person needs ("list each medicine"), from `min` (0 unless given) to `max` times. */
export const groupRepeats = z.strictObject({
  min: z.optional(z.int().check(z.minimum(0), z.maximum(50))),
  max: z.int().check(z.minimum(1), z.maximum(50, 'a group repeats at most 50 times')),
});

export const groupItem = z.strictObject({
  id: identifier,
  kind: z.literal('group'),
  repeats: z.optional(groupRepeats),
  title: z.optional(localisedText),
  text: z.optional(localisedText),
  visibleWhen: z.optional(condition),
  linkId: z.optional(sourceLinkId.clone()),
  codes: z.optional(itemCodes.clone()),
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

// An answer that the patient's unit must be told of (e.g. MADRS-S item 9 at 3 or more), as a
// condition over the answers, like a notice's; a score's flag can alert too (`alert` on the flag).
export const answerAlert = z.strictObject({
  id: identifier.clone(),
  when: condition.clone(),
  label: localisedText.clone(),
});
export type AnswerAlert = z.infer<typeof answerAlert>;

/** How two numeric answers must relate; the review page asks the patient to check when they do not. */
export const ruleOperator = z.enum(['<=', '<', '>=', '>']);
export type RuleOperator = z.infer<typeof ruleOperator>;

export const itemRule = z.strictObject({
  id: identifier.clone(),
  left: identifier.clone(),
  op: ruleOperator,
  right: identifier.clone(),
  text: localisedText.clone(),
});
export type ItemRule = z.infer<typeof itemRule>;

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
  codes: z.optional(itemCodes.clone()),
  optionSets: z.optional(z.record(identifier, z.array(answerOption).check(z.minLength(2, 'an option set needs at least two options')))),
  items: z.array(topLevelItem).check(z.minLength(1, 'a questionnaire needs at least one item')),
  scores: z.optional(z.array(scoreDefinition).check(z.minLength(1))),
  examples: z.optional(z.array(scoreExample).check(z.minLength(1))),
  notices: z.optional(z.array(supportNotice).check(z.minLength(1))),
  alerts: z.optional(z.array(answerAlert).check(z.minLength(1))),
  rules: z.optional(z.array(itemRule).check(z.minLength(1))),
});

export type DefinitionInput = z.input<typeof definitionSchema>;
export type Definition = z.infer<typeof definitionSchema>;
