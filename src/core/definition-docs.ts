// What editors show about each field of the definition format: a description and, for ids, codes,
// languages and texts, examples. Authoring only: the JSON Schema generator (src/cli/schema.ts) reads
// this registry, and nothing the app loads imports it. Every entry names a node of the one schema in
// definition.ts, so the format's structure is written once.
import { z } from 'zod';
import * as d from './definition.js';

interface Doc {
  description: string;
  examples?: unknown[];
  /** Gives the schema a name of its own in the JSON Schema's $defs. */
  id?: string;
}

export const definitionDocs = z.registry<Doc>();

function doc(schema: z.core.$ZodType | undefined, description: string, more: Omit<Doc, 'description'> = {}): void {
  if (!schema) throw new Error(`definition-docs: no schema to describe as "${description}"`);
  definitionDocs.add(schema, { ...(more.id ? { id: more.id } : {}), description, ...(more.examples ? { examples: more.examples } : {}) });
}

type Shape = Record<string, z.core.$ZodType>;
const shapeOf = (schema: { shape: object }) => schema.shape as Shape;

/** The value of a literal, e.g. a discriminator: "equals". */
const literalOf = (schema: z.core.$ZodType | undefined) =>
  (schema?._zod.def as Partial<z.core.$ZodLiteralDef<string>> | undefined)?.values?.[0];

type Union = { def: { options: readonly { shape: object }[] } };

/** The object of a discriminated union whose discriminator is `value`, e.g. the "equals" condition. */
function variant(union: Union, key: string, value: string): Shape {
  const found = union.def.options.map(shapeOf).find((shape) => literalOf(shape[key]) === value);
  if (!found) throw new Error(`definition-docs: no ${key} "${value}"`);
  return found;
}

/** Each variant's discriminator literal, described. */
function describeVariants(union: Union, key: string, descriptions: Record<string, string>): void {
  for (const shape of union.def.options.map(shapeOf)) {
    const value = literalOf(shape[key]);
    const description = value === undefined ? undefined : descriptions[value];
    if (description === undefined) throw new Error(`definition-docs: ${key} "${String(value)}" is not described`);
    doc(shape[key], description);
  }
}

// ---- Ids, codes, languages, texts ----

doc(d.languageCode, 'An ISO 639 language code: "nb" (bokmål), "nn" (nynorsk), "en" (English), or another.', {
  examples: ['nb', 'nn', 'en'],
});
doc(d.identifier, 'A stable identifier: starts with a letter; letters, digits, "_" and "-".', {
  examples: ['q1', 'mood_overall', 'ede-q'],
});
doc(d.optionCode, 'The stable code stored when this option is chosen. Never change it once published.', {
  examples: ['yes', '0', 'work-full'],
});
doc(
  d.localisedText,
  'A text in each of the definition\'s languages, e.g. {"nb": "…", "nn": "…", "en": "…"}. Shown as plain text, never as HTML.',
  { examples: [{ nb: 'Hvordan har du det?', nn: 'Korleis har du det?', en: 'How are you?' }] },
);
doc(d.answerOption, 'One answer option: the code that is stored and the text that is shown.');
doc(
  d.optionCoding,
  'Imported from FHIR: the Coding this option stands for where it differs from the option itself: its code system, its code (when "code" had to be changed) and its display. A FHIR export writes it back. Absent "system": the source gave none.',
);
doc(d.sourceCoding, 'A code of a code system, e.g. {"system": "http://loinc.org", "code": "44249-1"}: written to FHIR as it is.');
for (const coding of [d.sourceCoding, d.optionCoding]) {
  doc(coding.shape.system, 'The code system\'s URI, e.g. "http://loinc.org".', {
    examples: ['http://loinc.org', 'http://snomed.info/sct'],
  });
  doc(coding.shape.code, 'The code in that system, e.g. "44249-1".');
  doc(coding.shape.display, "The code system's own text for the code.");
}

// ---- Conditions ----

const equals = variant(d.conditionOperators, 'op', 'equals');
doc(equals.value, 'What the answer is compared with: an option code, a number, or true/false.', { examples: ['yes', 3, true] });
doc(equals.item, 'The id of an earlier item whose answer the condition looks at.');
describeVariants(d.conditionOperators, 'op', {
  equals: 'The answer is this value (a multiple choice: this option is among those chosen).',
  notEquals: 'The item is answered, with another value.',
  oneOf: 'The answer is one of the values.',
  greaterThan: 'The answer is a number above the value.',
  lessThan: 'The answer is a number below the value.',
  answered: 'The item has an answer.',
  all: 'Every one of the conditions holds.',
  any: 'At least one of the conditions holds.',
  not: 'The condition does not hold.',
});
doc(variant(d.conditionOperators, 'op', 'oneOf').values, 'The values, e.g. ["poor", "very-poor"].');
doc(variant(d.conditionOperators, 'op', 'greaterThan').value, 'The number the answer must be above.');
doc(variant(d.conditionOperators, 'op', 'lessThan').value, 'The number the answer must be below.');
doc(variant(d.conditionOperators, 'op', 'all').conditions, 'The conditions that must all hold.');
doc(variant(d.conditionOperators, 'op', 'any').conditions, 'The conditions of which one must hold.');
doc(
  d.condition,
  'Shows the item only when this holds for earlier answers. Operators: equals, notEquals, oneOf, greaterThan, lessThan, answered, and all/any/not to combine.',
  { id: 'condition' },
);

// ---- Items ----

const item = shapeOf(d.multipleChoiceItem);
doc(item.text, 'The question or statement, in each language.');
doc(item.help, 'Extra guidance shown under the question.');
doc(item.required, 'Whether the item must be answered before completing. Defaults to true; set false for optional items.');
doc(item.preferNotToAnswer, 'Offer "I prefer not to answer" on this item; overrides the definition-wide setting.');
doc(item.options, 'The options, in the order shown; or use "optionSet".');
doc(item.optionSet, 'The id of an option set in "optionSets", instead of "options".');
doc(item.linkId, 'Imported from FHIR: the source\'s linkId, where it is not a valid id (e.g. "/44250-9"). A FHIR export uses it.');
doc(item.codes, "Imported from FHIR: the item's codes (e.g. LOINC). A FHIR export writes them as the item's code.");
doc(item.minSelected, 'At least this many options must be chosen, e.g. 1.');
doc(item.maxSelected, 'At most this many options may be chosen, e.g. 3.');

for (const leaf of d.leafItem.def.options) doc(shapeOf(leaf).kind, 'What kind of item this is.');
doc(d.singleChoiceItem, 'Exactly one option may be chosen.');
doc(d.multipleChoiceItem, 'Any number of options may be chosen.');

const scale = shapeOf(d.scaleItem);
doc(scale.min, 'The lowest step, e.g. 0.');
doc(scale.max, 'The highest step, e.g. 6.');
doc(shapeOf(d.scaleItem.shape.labels.def.element).value, 'The step this label is for, e.g. 0.');
doc(scale.system, "Imported from FHIR: the code system of the steps' codes in the source. A FHIR export uses it.");
doc(scale.labels, 'Labels for some of the steps; the other steps show only their number.');
doc(d.scaleItem, 'A numbered scale from min to max where only some steps carry a label (EDE-Q 0–6, MADRS-S 0–6).');

const integer = shapeOf(d.integerItem);
doc(integer.unit, 'The unit shown beside the field, e.g. {"nb": "kg", …}.');
doc(integer.min, 'The smallest number allowed, e.g. 0.');
doc(integer.max, 'The largest number allowed, e.g. 28.');
doc(d.integerItem, 'A whole number, e.g. a count of episodes.');

const decimal = shapeOf(d.decimalItem);
doc(decimal.min, 'The smallest number allowed, e.g. 20.');
doc(decimal.max, 'The largest number allowed, e.g. 300.');
doc(decimal.decimals, 'How many decimals may be given (default 1).');
doc(d.decimalItem, 'A decimal number, e.g. weight in kg.');

doc(d.yesNoItem, 'Yes or no.');

doc(shapeOf(d.dateItem).min, 'The earliest date allowed, YYYY-MM-DD.');
doc(shapeOf(d.dateItem).max, 'The latest date allowed, YYYY-MM-DD.');
doc(d.dateItem, 'A calendar date.');

doc(shapeOf(d.textItem).maxLength, 'The most characters allowed (default and at most 500).');
doc(d.textItem, 'A short free-text answer on one line.');
doc(shapeOf(d.longTextItem).maxLength, 'The most characters allowed (default and at most 10000).');
doc(d.longTextItem, 'A longer free-text answer.');

doc(d.displayItem, 'Text shown to the person; nothing to answer.');

const group = shapeOf(d.groupItem);
doc(group.kind, 'A page of items.');
doc(group.title, 'The heading of the page.');
doc(group.text, 'An introduction shown under the heading.');
doc(group.items, 'The items on the page, in order (no groups inside groups).');
doc(group.linkId, "Imported from FHIR: the source group's linkId, where it is not a valid id. A FHIR export uses it.");
doc(group.codes, "Imported from FHIR: the group's codes. A FHIR export writes them as the group's code.");
doc(
  group.repeats,
  'Makes the group one the person fills in as many times as they need ("list each medicine"), with buttons to add and remove an entry. Only items of the group itself can refer to its items (a condition in the group looks at the same entry); scores, notices, alerts, rules and later items cannot.',
);
doc(
  shapeOf(d.groupRepeats).min,
  'The fewest entries the person must give (default 0). The page starts with this many, and with one when it is 0.',
);
doc(shapeOf(d.groupRepeats).max, 'The most entries the person can give (at most 50); the CSV export has columns for each.');
doc(d.groupItem, 'A group of items shown together on one page.');

// ---- Scores ----

doc(
  d.valueMap,
  'The number each option code counts as, e.g. {"1": 1, "2": 2, "9": null}. null: the option is not scored (e.g. "not applicable"), and the item counts as unanswered. Must cover every option.',
);

doc(shapeOf(d.minAnswered).atLeast, 'At least this many of the items must be answered.');
doc(shapeOf(d.minAnswered).moreThanHalf, 'More than half of the items must be answered (3 of 5, 5 of 8).');
doc(
  d.minAnswered,
  'How many items must be answered for a score; give "atLeast" or "moreThanHalf". Without it, every item must be answered.',
);

doc(
  shapeOf(d.scoreBand).from,
  'The lowest value in this band (inclusive); the band runs up to the next band\'s "from". Only the first band may leave it out.',
);
doc(shapeOf(d.scoreBand).label, 'What the band is called, e.g. {"en": "mild"}.');
doc(d.scoreBand, 'One band of a score: values from "from" up to, not including, the next band\'s "from".');

doc(shapeOf(d.scoreFlag).atMost, 'The flag is set when the value is at most this (inclusive).');
doc(shapeOf(d.scoreFlag).atLeast, 'The flag is set when the value is at least this (inclusive).');
doc(shapeOf(d.scoreFlag).label, 'What the flag means, e.g. {"en": "remission"}.');
doc(
  shapeOf(d.scoreFlag).alert,
  "When the flag is set, the patient's unit is alerted in the console (the patient's own support notice is separate). Defaults to false.",
);
doc(d.scoreFlag, 'A yes/no reading of a score, e.g. remission at 10 or less; give "atMost", "atLeast" or both.');

describeVariants(d.expressionOperators, 'op', {
  item: 'The answer to an item.',
  score: 'The value of an earlier score.',
  number: 'A fixed number.',
  add: 'The sum of the arguments.',
  multiply: 'The product of the arguments.',
  subtract: 'The first argument less the second.',
  divide: 'The first argument divided by the second.',
  power: 'The first argument to the power of the second.',
});
doc(variant(d.expressionOperators, 'op', 'item').item, 'A scale, integer or decimal item.');
doc(variant(d.expressionOperators, 'op', 'score').score, 'A score listed before this one.');
doc(variant(d.expressionOperators, 'op', 'number').value, 'The number, e.g. 10000.');
doc(variant(d.expressionOperators, 'op', 'add').args, 'Two or more expressions to add.');
doc(variant(d.expressionOperators, 'op', 'multiply').args, 'Two or more expressions to multiply.');
doc(variant(d.expressionOperators, 'op', 'subtract').args, '[a, b]: a − b');
doc(variant(d.expressionOperators, 'op', 'divide').args, '[a, b]: a ÷ b');
doc(variant(d.expressionOperators, 'op', 'power').args, '[a, b]: a to the power b');
doc(
  d.expression,
  'Arithmetic over answers: {"op": "item", "item": id}, {"op": "score", "score": id}, {"op": "number", "value": n}, and {"op": "add" | "subtract" | "multiply" | "divide" | "power", "args": [...]}.',
  { id: 'expression' },
);

doc(shapeOf(d.changeThreshold).by, 'A change of at least this much, e.g. 0.9 on the EDE-Q global score or 7 on the CIA total.');
doc(
  shapeOf(d.changeThreshold).relative,
  'A change of at least this share of the earlier value, e.g. 0.5: a fall of half or more (MADRS-S response).',
);
doc(d.changeThreshold, 'How large a change must be to count; give "by" or "relative".');
doc(shapeOf(d.remissionLevel).atMost, 'Remission at this value or lower, e.g. 10 on MADRS-S.');
doc(shapeOf(d.remissionLevel).atLeast, 'Remission at this value or higher, where a higher score is better.');
doc(
  d.remissionLevel,
  'The target level of the score (remission); give "atMost" where a lower score is better, "atLeast" where a higher is.',
);
const change = shapeOf(d.scoreChange);
doc(change.better, 'Which way is better: "lower" (symptom scores such as EDE-Q, CIA, MADRS-S) or "higher".');
doc(change.improvement, 'The least change towards "better" that is clinically meaningful, e.g. {"by": 0.9}.');
doc(change.deterioration, 'The least change away from "better" that is clinically meaningful; leave it out to mark improvement only.');
doc(change.remission, 'The target level, e.g. {"atMost": 10}.');
doc(
  d.scoreChange,
  'What counts as a clinically meaningful change in this score, and its target level: the course chart marks changes and remission from these.',
);

const score = shapeOf(d.sumScore);
doc(score.id, 'The score id, stable across versions, e.g. "global".');
doc(score.title, 'The name of the score, in each language.');
doc(score.decimals, 'Decimals to show, rounded half away from zero; the computed value keeps full precision.');
doc(score.bands, 'Ordered bands, lowest first, e.g. MADRS-S 0–12, 13–19, 20–34, 35+.');
doc(score.flags, 'Yes/no readings of the value, e.g. remission.');
doc(score.linkId, 'Imported from FHIR: the linkId of the calculated item this score came from. A FHIR export uses it.');
doc(score.codes, "Imported from FHIR: the calculated item's codes (e.g. Helsenorge's score codes). A FHIR export writes them back.");
doc(
  score.showToPatient,
  'Show this score to the patient: after completing, and on their own phone (never a shared tablet) in "My answers over time" with its band. Defaults to false.',
);
doc(
  score.change,
  'Clinically meaningful change and remission, e.g. {"better": "lower", "improvement": {"relative": 0.5}, "remission": {"atMost": 10}}.',
);
doc(score.items, 'The items counted: scale, integer or decimal items, or single-choice items with a value map.');
doc(score.values, 'The value map of every single-choice item in "items" that has none in "itemValues".');
doc(score.itemValues, 'A value map for each single-choice item that needs its own, by item id.');
doc(score.reverse, "Items counted in reverse: a value v counts as min + max − v, with the item's own min and max.");
doc(shapeOf(d.sumOfScoresScore).scores, 'Scores listed before this one; every one of them must have a value.');
for (const option of d.scoreDefinition.def.options) doc(shapeOf(option).kind, 'What kind of score this is.');
doc(score.prorate, 'When some items are unanswered, scale the sum up: sum × items ÷ answered. Defaults to false.');
doc(d.sumScore, "The sum of the items' values.");
doc(d.meanScore, "The mean of the answered items' values.");
doc(d.sumOfScoresScore, 'The sum of earlier scores; no score unless all of them have one.');
doc(d.meanOfScoresScore, 'The mean of earlier scores, e.g. the EDE-Q global score; no score unless all of them have one.');
doc(d.formulaScore, 'A value derived from numeric answers and earlier scores, e.g. BMI; no score when an answer it uses is missing.');
doc(d.scoreDefinition, 'A score computed from the answers.');

doc(shapeOf(d.exampleAnswer.def.options[1]).declined, 'The person chose "I prefer not to answer".');
doc(d.exampleAnswer, 'The value given, as stored (a code, a number, true/false, a date or text), or {"declined": true}.');
const example = shapeOf(d.scoreExample);
doc(example.name, 'What this example shows, e.g. "every item answered".');
doc(example.answers, 'Answers by item id.');
doc(example.expectedScores, 'The expected value of each score listed, by score id; null when there should be no score.');
doc(d.scoreExample, 'An answer set and the scores it must give; `check` computes them and reports any difference.');

// ---- Support notices ----

doc(shapeOf(d.noticeContact).label, 'Who to call, e.g. {"nb": "Legevakt", …}.');
doc(shapeOf(d.noticeContact).phone, 'The number to call, e.g. "113" or "116 117"; shown as a link that dials it.');
doc(d.noticeContact, 'A number the person can call from the notice.');

const notice = shapeOf(d.supportNotice);
doc(notice.id, 'Recorded in the submission when the notice was shown.');
doc(notice.when, 'The notice shows as soon as this holds for the answers given (any item, earlier or later).');
doc(notice.title, 'A short heading, e.g. {"en": "Need someone to talk to now?"}.');
doc(notice.text, 'What the person can do now. Plain text, never HTML.');
doc(notice.contacts, 'Numbers to call, shown as links that dial them.');
doc(d.supportNotice, 'A support notice: shown at once, offline too, when answers call for it. Answers are not monitored in real time.');

// ---- Alerts and rules between items ----

const alert = shapeOf(d.answerAlert);
doc(alert.id, 'Recorded with the alert, e.g. "suicidal-thoughts"; stable across versions.');
doc(alert.when, 'The alert is raised when this holds for the answers (any item), e.g. {"op": "greaterThan", "item": "q9", "value": 2}.');
doc(
  alert.label,
  'What the unit is told in the console, e.g. {"en": "Item 9 (suicidal thoughts) at 3 or more"}. No answers are sent by e-mail.',
);
doc(d.answerAlert, "An answer the patient's unit must see: an alert in the console when a submission with it arrives.");

const rule = shapeOf(d.itemRule);
doc(rule.id, 'Recorded with the submission when the rule is broken, e.g. "loss-of-control-within-overeating".');
doc(rule.left, 'A scale, integer or decimal item.');
doc(rule.op, 'How left must relate to right: "<=", "<", ">=" or ">".');
doc(rule.right, 'A scale, integer or decimal item.');
doc(rule.text, 'What the review page asks the patient to check when the rule is broken, in each language.');
doc(
  d.itemRule,
  'A rule between two numeric answers, e.g. item 14 <= item 13. Not blocking: the review page asks the patient to check, and the register flags the submission.',
);

// ---- The definition ----

const definition = shapeOf(d.definitionSchema);
const source = shapeOf(d.definitionSchema.shape.source);
doc(definition.$schema, 'The JSON Schema this file follows, for editor help.');
doc(definition.id, 'The questionnaire id, stable across versions, e.g. "ede-q".');
doc(definition.version, 'The version. A published version never changes: publish a new version instead.');
doc(definition.languages, 'The languages every text is written in; the first is the fallback.');
doc(definition.license, 'Who may use this text and how, e.g. "Project wording; instrument © its authors".');
doc(source.citation, 'The instrument this definition follows.');
doc(source.url, 'Where the instrument is published, e.g. its article.');
doc(source.note, 'How this wording relates to the instrument, e.g. "own translation".');
doc(definition.source, 'Where the instrument comes from, and how this wording relates to it.');
doc(definition.preferNotToAnswer, 'Offer "I prefer not to answer" on every optional item unless an item says otherwise.');
doc(definition.codes, "Imported from FHIR: the questionnaire's codes (e.g. the LOINC code of the panel). A FHIR export writes them back.");
doc(definition.optionSets, 'Answer option sets defined once and reused by many items through "optionSet".');
doc(definition.items, 'The questions and texts, in order: each group is a page, and each item outside a group a page of its own.');
doc(definition.scores, 'Scores computed from the answers, in order: a score can use the scores listed before it.');
doc(definition.examples, 'Example answer sets with the scores they must give, checked by `check`.');
doc(definition.notices, 'Support notices shown at once when answers call for them, e.g. where to get help now.');
doc(definition.alerts, "Answers that alert the patient's unit, e.g. MADRS-S item 9 at 3 or more. A score's flag can alert too.");
doc(definition.rules, 'Rules between numeric answers that the review page asks the patient to check, e.g. EDE-Q item 14 <= item 13.');
doc(d.definitionSchema, 'A questionnaire definition for the offline-first ePROM app.');
