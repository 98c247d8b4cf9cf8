// Which definitions are accepted, and what an author is told about those that are not.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leafItems, optionSetOf, pagesOf, parseDefinition, parseDefinitionText, type Definition } from '../../src/core/index.js';
import { parseJson } from '../../src/core/json-locate.js';
import { accepted, definitionsFolder, edited, fixtureJson, fixtureText, problemsOf, projectRoot, type Edit } from './fixtures.js';

const leafKinds = '"single-choice", "multiple-choice", "scale", "integer", "decimal", "yes-no", "date", "text", "long-text", "display"';
const smallForm = () => fixtureJson('accepted/small-form.json');
const text = (nb: string, en = nb) => ({ nb, en });

describe('accepted definitions', () => {
  it.each(readdirSync(`${definitionsFolder}accepted`))('accepts fixture %s', (name) => {
    accepted(fixtureJson(`accepted/${name}`));
  });

  it('accepts the shipped demo, which uses every item kind on six pages', () => {
    const definition = accepted(JSON.parse(readFileSync(`${projectRoot}questionnaires/demo-wellbeing.json`, 'utf8')));
    const kinds = new Set(leafItems(definition).map((item) => item.kind));
    expect([...kinds].sort()).toEqual([
      'date',
      'decimal',
      'display',
      'integer',
      'long-text',
      'multiple-choice',
      'scale',
      'single-choice',
      'text',
      'yes-no',
    ]);
    expect(pagesOf(definition)).toHaveLength(6);
    expect(definition.languages).toEqual(['nb', 'nn', 'en']);
  });

  it('keeps hostile texts exactly as written: they are data, escaped by the renderer', () => {
    const definition = accepted(fixtureJson('accepted/hostile-texts.json'));
    expect(definition.title).toEqual({ nb: '<script>alert(1)</script>', en: '<img src=x onerror=alert(1)>' });
    expect(optionSetOf(definition, 'valueOf')?.[1]?.text.nb).toBe('\u202Eesrever\u202C 🙂');
    expect(definition.items[0]).toMatchObject({ id: 'constructor', optionSet: 'valueOf' });
    expect(definition.items[1]).toMatchObject({ id: 'toString', help: { nb: '\\u003cscript\\u003e', en: 'line one\nline two' } });
  });

  it('fills in nothing the author did not write (defaults are applied where they are used)', () => {
    const definition: Definition = accepted(smallForm());
    expect(definition.items[0]).toEqual({ id: 'smoke', kind: 'yes-no', text: text('Røyker du?', 'Do you smoke?') });
  });
});

interface Rejection {
  name: string;
  edits: Edit[];
  problems: { path: string; message: string }[];
}

const rejections: Rejection[] = [
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
  // ranges
  {
    name: 'a scale label outside the scale',
    edits: [
      {
        set: ['items', 5],
        to: {
          id: 'worry',
          kind: 'scale',
          text: text('Uro?', 'Worry?'),
          min: 0,
          max: 6,
          labels: [
            { value: 0, text: text('Ikke', 'No') },
            { value: 7, text: text('Mye', 'Much') },
          ],
        },
      },
    ],
    problems: [{ path: '$.items[5].labels[1].value', message: "the label's value 7 is outside the scale 0–6" }],
  },
  {
    name: 'two labels on one step',
    edits: [
      {
        set: ['items', 5],
        to: {
          id: 'worry',
          kind: 'scale',
          text: text('Uro?', 'Worry?'),
          min: 0,
          max: 6,
          labels: [
            { value: 3, text: text('Litt') },
            { value: 3, text: text('Noe') },
          ],
        },
      },
    ],
    problems: [{ path: '$.items[5].labels[1].value', message: 'the step 3 has two labels' }],
  },
  {
    name: 'a scale whose max is not above its min',
    edits: [
      {
        set: ['items', 5],
        to: { id: 'worry', kind: 'scale', text: text('Uro?'), min: 3, max: 3, labels: [{ value: 3, text: text('Midt') }] },
      },
    ],
    problems: [{ path: '$.items[5].max', message: '"max" must be larger than "min"' }],
  },
  {
    name: 'an integer whose min is above its max',
    edits: [{ set: ['items', 3, 'min'], to: 30 }],
    problems: [{ path: '$.items[3].max', message: '"max" is smaller than "min"' }],
  },
  {
    name: 'a date whose min is after its max',
    edits: [{ set: ['items', 5], to: { id: 'when', kind: 'date', text: text('Når?'), min: '2026-12-01', max: '2026-01-01' } }],
    problems: [{ path: '$.items[5].max', message: '"max" is smaller than "min"' }],
  },
  {
    name: 'more to select than there are options',
    edits: [{ set: ['items', 5], to: { id: 'many', kind: 'multiple-choice', text: text('Hva?'), optionSet: 'often', maxSelected: 3 } }],
    problems: [{ path: '$.items[5].maxSelected', message: '"maxSelected" is larger than the 2 options' }],
  },
  {
    name: 'minSelected above maxSelected',
    edits: [
      {
        set: ['items', 5],
        to: { id: 'many', kind: 'multiple-choice', text: text('Hva?'), optionSet: 'often', minSelected: 2, maxSelected: 1 },
      },
    ],
    problems: [{ path: '$.items[5].minSelected', message: '"minSelected" is larger than "maxSelected"' }],
  },
  // conditions
  {
    name: 'a condition on a later item',
    edits: [{ set: ['items', 0, 'visibleWhen'], to: { op: 'equals', item: 'mood', value: 'good' } }],
    problems: [
      { path: '$.items[0].visibleWhen.item', message: '"mood" comes later in the form: a condition can only refer to earlier items' },
    ],
  },
  {
    name: 'a condition on its own item',
    edits: [{ set: ['items', 1, 'visibleWhen'], to: { op: 'answered', item: 'mood' } }],
    problems: [{ path: '$.items[1].visibleWhen.item', message: 'a condition cannot refer to its own item "mood"' }],
  },
  {
    name: 'a group condition on an item inside the group',
    edits: [{ set: ['items', 4, 'visibleWhen'], to: { op: 'answered', item: 'tired' } }],
    problems: [
      { path: '$.items[4].visibleWhen.item', message: '"tired" comes later in the form: a condition can only refer to earlier items' },
    ],
  },
  {
    name: 'a condition on an unknown item',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'answered', item: 'ghost' } }],
    problems: [{ path: '$.items[3].visibleWhen.item', message: 'there is no item "ghost"' }],
  },
  {
    name: 'a condition on a display item',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'answered', item: 'note' } }],
    problems: [{ path: '$.items[3].visibleWhen.item', message: '"note" is a display text and has no answer' }],
  },
  {
    name: 'a condition on an option code that does not exist',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'oneOf', item: 'mood', values: ['good', 'bad'] } }],
    problems: [{ path: '$.items[3].visibleWhen.values[1]', message: '"mood" has no option with the code "bad" (its codes: good, poor)' }],
  },
  {
    name: 'a condition on a code missing from an option set',
    edits: [{ set: ['items', 4, 'items', 1, 'visibleWhen'], to: { op: 'equals', item: 'tired', value: 'sometimes' } }],
    problems: [
      {
        path: '$.items[4].items[1].visibleWhen.value',
        message: '"tired" has no option with the code "sometimes" (its codes: never, often)',
      },
    ],
  },
  {
    name: 'greaterThan on an item that is not a number',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'greaterThan', item: 'smoke', value: 1 } }],
    problems: [{ path: '$.items[3].visibleWhen.item', message: '"smoke" is not a number, so it cannot be compared with greaterThan' }],
  },
  {
    name: 'lessThan on a choice, deep inside all and not',
    edits: [
      {
        set: ['items', 3, 'visibleWhen'],
        to: {
          op: 'all',
          conditions: [
            { op: 'answered', item: 'smoke' },
            { op: 'not', condition: { op: 'lessThan', item: 'mood', value: 2 } },
          ],
        },
      },
    ],
    problems: [
      {
        path: '$.items[3].visibleWhen.conditions[1].condition.item',
        message: '"mood" is not a number, so it cannot be compared with lessThan',
      },
    ],
  },
  {
    name: 'a yes-no compared with a text',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'equals', item: 'smoke', value: 'true' } }],
    problems: [{ path: '$.items[3].visibleWhen.value', message: '"smoke" is answered with true or false, not "true"' }],
  },
  {
    name: 'a number compared with a text',
    edits: [{ set: ['items', 4, 'items', 1, 'visibleWhen'], to: { op: 'equals', item: 'days', value: '3' } }],
    problems: [{ path: '$.items[4].items[1].visibleWhen.value', message: '"days" is answered with a number, not "3"' }],
  },
  {
    name: 'greaterThan with a text value',
    edits: [{ set: ['items', 4, 'items', 1, 'visibleWhen'], to: { op: 'greaterThan', item: 'days', value: '3' } }],
    problems: [{ path: '$.items[4].items[1].visibleWhen.value', message: 'expected a number, found the text "3"' }],
  },
  {
    name: 'an unknown operator',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'matches', item: 'smoke' } }],
    problems: [
      {
        path: '$.items[3].visibleWhen.op',
        message:
          'unknown op "matches": use one of "equals", "notEquals", "oneOf", "greaterThan", "lessThan", "answered", "all", "any", "not"',
      },
    ],
  },
  {
    name: 'all with no conditions',
    edits: [{ set: ['items', 3, 'visibleWhen'], to: { op: 'all', conditions: [] } }],
    problems: [{ path: '$.items[3].visibleWhen.conditions', message: 'needs at least 1 entry' }],
  },
];

describe('rejected definitions', () => {
  it.each(rejections)('rejects $name', ({ edits, problems }) => {
    expect(problemsOf(edited(smallForm(), ...edits))).toEqual(problems);
  });

  it('rejects what is not an object at all', () => {
    expect(problemsOf([])).toEqual([{ path: '$', message: 'expected an object, found a list' }]);
    expect(problemsOf(null)).toEqual([{ path: '$', message: 'expected an object, found null' }]);
  });

  const scenarios: Record<string, { path: string; message: string }[]> = {
    'rejected/broken-references.json': [
      { path: '$.items[0].visibleWhen.item', message: '"second" comes later in the form: a condition can only refer to earlier items' },
      { path: '$.items[1].optionSet', message: 'there is no option set "moods" in "optionSets"' },
      { path: '$.items[3].visibleWhen.conditions[0].item', message: '"note" is a display text and has no answer' },
      { path: '$.items[3].visibleWhen.conditions[1].item', message: 'there is no item "ghost"' },
      { path: '$.items[3].visibleWhen.conditions[2].condition.item', message: 'a condition cannot refer to its own item "third"' },
    ],
    'rejected/texts-and-duplicates.json': [
      { path: '$.optionSets.agree[1].code', message: 'the option code "yes" is used twice' },
      { path: '$.items[0].title', message: 'the "nn" text is missing' },
      {
        path: '$.items[0].items[0].text.de',
        message: '"de" is not among the definition\'s languages (nb, nn): add it to "languages" or remove this text',
      },
      { path: '$.items[0].items[1].id', message: 'the id "q1" is already used at $.items[0].items[0].id' },
    ],
  };

  it.each(Object.entries(scenarios))('reports every problem in %s', (name, expected) => {
    const problems = problemsOf(fixtureJson(name));
    expect(problems).toHaveLength(expected.length);
    expect(problems).toEqual(expect.arrayContaining(expected));
  });

  it('has a scenario for every rejected fixture', () => {
    const names = readdirSync(`${definitionsFolder}rejected`).map((name) => `rejected/${name}`);
    expect([...Object.keys(scenarios), 'rejected/not-json.json'].sort()).toEqual(names.sort());
  });
});

describe('reading definition text', () => {
  it('reports text that is not JSON, with its line and column', () => {
    const source = fixtureText('rejected/not-json.json');
    const result = parseDefinitionText(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/^not valid JSON: /);
    expect(parseJson(source)).toMatchObject({ ok: false, line: 6, column: 18 });
  });

  it('reads valid text the same as its parsed JSON', () => {
    const source = fixtureText('accepted/small-form.json');
    const result = parseDefinitionText(source);
    expect(result).toMatchObject({ ok: true, key: 'small-form@1' });
    expect(result).toEqual(parseDefinition(JSON.parse(source)));
  });
});
