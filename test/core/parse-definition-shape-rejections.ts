// Rejections of the small form's shape, texts, languages, ids, option codes and option sets.
import type { Rejection } from './fixtures.js';

const leafKinds = '"single-choice", "multiple-choice", "scale", "integer", "decimal", "yes-no", "date", "text", "long-text", "display"';

export const shapeRejections: Rejection[] = [
  // the shape of the file
  {
    name: 'a missing field',
    edits: [{ remove: ['license'] }],
    problems: [{ path: '$.license', message: 'this field is required but missing' }],
  },
  {
    name: 'a missing item text',
    edits: [{ remove: ['items', 0, 'text'] }],
    problems: [{ path: '$.items[0].text', message: 'this field is required but missing' }],
  },
  {
    name: 'an unknown field',
    edits: [{ set: ['items', 0, 'colour'], to: 'red' }],
    problems: [{ path: '$.items[0]', message: 'unknown field "colour": check its spelling, or remove it' }],
  },
  {
    name: 'unknown fields at the top',
    edits: [
      { set: ['colour'], to: 'red' },
      { set: ['size'], to: 2 },
    ],
    problems: [{ path: '$', message: 'unknown fields "colour", "size": check their spelling, or remove them' }],
  },
  {
    name: 'an unknown kind',
    edits: [{ set: ['items', 0, 'kind'], to: 'slider' }],
    problems: [{ path: '$.items[0].kind', message: `unknown kind "slider": use one of ${leafKinds}, "group"` }],
  },
  {
    name: 'a missing kind',
    edits: [{ remove: ['items', 0, 'kind'] }],
    problems: [{ path: '$.items[0].kind', message: `"kind" is missing: use one of ${leafKinds}, "group"` }],
  },
  {
    name: 'a group inside a group',
    edits: [{ set: ['items', 4, 'items', 1], to: { id: 'inner', kind: 'group', items: [] } }],
    problems: [{ path: '$.items[4].items[1].kind', message: `unknown kind "group": use one of ${leafKinds}` }],
  },
  {
    name: 'a text where a number belongs',
    edits: [{ set: ['items', 3, 'min'], to: '0' }],
    problems: [{ path: '$.items[3].min', message: 'expected a number, found the text "0"' }],
  },
  {
    name: 'a fraction where a whole number belongs',
    edits: [{ set: ['items', 3, 'min'], to: 0.5 }],
    problems: [{ path: '$.items[3].min', message: 'expected a whole number, found number 0.5' }],
  },
  {
    name: 'a text where true or false belongs',
    edits: [{ set: ['items', 0, 'required'], to: 'yes' }],
    problems: [{ path: '$.items[0].required', message: 'expected true or false, found the text "yes"' }],
  },
  {
    name: 'a plain text where a text in each language belongs',
    edits: [{ set: ['items', 0, 'text'], to: 'Røyker du?' }],
    problems: [{ path: '$.items[0].text', message: 'expected an object, found the text "Røyker du?"' }],
  },
  {
    name: 'a number as an id',
    edits: [{ set: ['items', 0, 'id'], to: 5 }],
    problems: [{ path: '$.items[0].id', message: 'expected a text, found number 5' }],
  },
  {
    name: 'a malformed version',
    edits: [{ set: ['version'], to: 'v1' }],
    problems: [{ path: '$.version', message: 'a version is one to three numbers separated by dots, such as "1" or "6.0.1"' }],
  },
  {
    name: 'no items',
    edits: [{ set: ['items'], to: [] }],
    problems: [{ path: '$.items', message: 'a questionnaire needs at least one item' }],
  },
  {
    name: 'an empty group',
    edits: [{ set: ['items', 4, 'items'], to: [] }],
    problems: [{ path: '$.items[4].items', message: 'a group needs at least one item' }],
  },
  {
    name: 'a choice with one option',
    edits: [{ remove: ['items', 1, 'options', 1] }],
    problems: [{ path: '$.items[1].options', message: 'a choice needs at least two options' }],
  },
  // texts and languages
  {
    name: 'an empty text',
    edits: [{ set: ['items', 0, 'text', 'nb'], to: '   ' }],
    problems: [{ path: '$.items[0].text.nb', message: 'a text cannot be empty' }],
  },
  {
    name: 'an option text missing a language',
    edits: [{ remove: ['items', 1, 'options', 1, 'text', 'en'] }],
    problems: [{ path: '$.items[1].options[1].text', message: 'the "en" text is missing' }],
  },
  {
    name: 'a group title missing a language',
    edits: [{ remove: ['items', 4, 'title', 'nb'] }],
    problems: [{ path: '$.items[4].title', message: 'the "nb" text is missing' }],
  },
  {
    name: 'a text in an undeclared language',
    edits: [{ set: ['title', 'de'], to: 'Kleines Formular' }],
    problems: [
      {
        path: '$.title.de',
        message: '"de" is not among the definition\'s languages (nb, en): add it to "languages" or remove this text',
      },
    ],
  },
  {
    name: 'a language listed twice',
    edits: [{ set: ['languages'], to: ['nb', 'en', 'nb'] }],
    problems: [{ path: '$.languages[2]', message: '"nb" is listed twice' }],
  },
  {
    name: 'a language code in capitals',
    edits: [{ set: ['languages', 0], to: 'NB' }],
    problems: [{ path: '$.languages[0]', message: 'a language is a two- or three-letter code in lower case, such as "nb", "nn" or "en"' }],
  },
  // ids, codes and option sets
  {
    name: 'a duplicate item id inside a group',
    edits: [{ set: ['items', 4, 'items', 1, 'id'], to: 'smoke' }],
    problems: [{ path: '$.items[4].items[1].id', message: 'the id "smoke" is already used at $.items[0].id' }],
  },
  {
    name: 'a duplicate option code',
    edits: [{ set: ['items', 1, 'options', 1, 'code'], to: 'good' }],
    problems: [{ path: '$.items[1].options[1].code', message: 'the option code "good" is used twice' }],
  },
  {
    name: 'a duplicate option code in an option set',
    edits: [{ set: ['optionSets', 'often', 1, 'code'], to: 'never' }],
    problems: [{ path: '$.optionSets.often[1].code', message: 'the option code "never" is used twice' }],
  },
  {
    name: 'an unknown option set',
    edits: [{ set: ['items', 4, 'items', 0, 'optionSet'], to: 'oftn' }],
    problems: [{ path: '$.items[4].items[0].optionSet', message: 'there is no option set "oftn" in "optionSets"' }],
  },
  {
    name: 'an option set named like a property every object has',
    edits: [{ set: ['items', 4, 'items', 0, 'optionSet'], to: 'constructor' }],
    problems: [{ path: '$.items[4].items[0].optionSet', message: 'there is no option set "constructor" in "optionSets"' }],
  },
  {
    name: 'both options and an option set',
    edits: [{ set: ['items', 1, 'optionSet'], to: 'often' }],
    problems: [{ path: '$.items[1].optionSet', message: 'give either "options" or "optionSet", not both' }],
  },
  {
    name: 'neither options nor an option set',
    edits: [{ remove: ['items', 1, 'options'] }],
    problems: [{ path: '$.items[1]', message: 'a choice needs "options" or an "optionSet"' }],
  },
];
