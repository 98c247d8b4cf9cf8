// One mistake per file in test/fixtures/definitions/mistakes/, each a copy of
// accepted/mistakes-base.json with one thing wrong: the exact problem check reports for it.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSources } from '../../src/cli/check.js';
import { fixtureText } from '../core/fixtures.js';
import { definitionsFolder } from '../core/fixtures.js';

type Expected = { line: number; column: number; path: string; message: string; hint?: string; language?: string };

const expected: Record<string, Expected> = {
  'unknown-item-in-condition': {
    line: 16,
    column: 141,
    path: '$.items[1].visibleWhen.item',
    message: 'there is no item "smoke"',
    hint: 'did you mean "smoker"?',
  },
  'condition-on-later-item': {
    line: 16,
    column: 141,
    path: '$.items[1].visibleWhen.item',
    message: '"worry" comes later in the form: a condition can only refer to earlier items',
  },
  'condition-on-itself': {
    line: 16,
    column: 141,
    path: '$.items[1].visibleWhen.item',
    message: 'a condition cannot refer to its own item "cigarettes"',
  },
  'unknown-option-code': {
    line: 16,
    column: 159,
    path: '$.items[1].visibleWhen.value',
    message: '"smoker" has no option with the code "yse" (its codes: yes, no)',
    hint: 'did you mean "yes"?',
  },
  'unknown-option-set': {
    line: 15,
    column: 103,
    path: '$.items[0].optionSet',
    message: 'there is no option set "agre" in "optionSets"',
    hint: 'did you mean "agree"?',
  },
  'duplicate-item-id': { line: 19, column: 7, path: '$.items[4].id', message: 'the id "sleep" is already used at $.items[3].id' },
  'duplicate-option-code': { line: 11, column: 9, path: '$.optionSets.agree[1].code', message: 'the option code "yes" is used twice' },
  'never-shown-contradiction': {
    line: 16,
    column: 108,
    path: '$.items[1].visibleWhen',
    message: '"cigarettes" can never be shown: no answers make its condition hold',
  },
  'never-shown-out-of-range': {
    line: 29,
    column: 24,
    path: '$.notices[0].when',
    message: 'the notice "worried" can never be shown: no answers make its condition hold',
  },
  'score-over-text': {
    line: 22,
    column: 97,
    path: '$.scores[0].items[1]',
    message: '"note" is a text item: a score counts scale, integer and decimal items, and single-choice items with a value map',
  },
  'score-unknown-item': {
    line: 22,
    column: 97,
    path: '$.scores[0].items[1]',
    message: 'there is no item "slep"',
    hint: 'did you mean "sleep"?',
  },
  'score-uses-later-score': {
    line: 22,
    column: 144,
    path: '$.scores[0].formula.args[0].score',
    message: 'the score "total" comes later: a score can only use scores listed before it',
  },
  'missing-text': { line: 18, column: 39, path: '$.items[3].text', message: 'the "en" text is missing', language: 'en' },
  'undeclared-language': {
    line: 18,
    column: 78,
    path: '$.items[3].text.nn',
    message: '"nn" is not among the definition\'s languages (nb, en): add it to "languages" or remove this text',
  },
  'example-wrong-score': {
    line: 26,
    column: 103,
    path: '$.examples[0].expectedScores.double',
    message: 'example "both answered": the score "double" gives 6, but 7 is expected',
  },
  'notice-unknown-item': {
    line: 29,
    column: 55,
    path: '$.notices[0].when.item',
    message: 'there is no item "wory"',
    hint: 'did you mean "worry"?',
  },
  'unknown-field': {
    line: 19,
    column: 5,
    path: '$.items[4]',
    message: 'unknown field "requird": check its spelling, or remove it',
    hint: 'did you mean "required"?',
  },
  'unknown-kind': {
    line: 19,
    column: 21,
    path: '$.items[4].kind',
    message:
      'unknown kind "txt": use one of "single-choice", "multiple-choice", "scale", "integer", "decimal", "yes-no", "date", "text", "long-text", "display", "group"',
    hint: 'did you mean "text"?',
  },
  'not-a-number': { line: 16, column: 98, path: '$.items[1].min', message: 'expected a number, found the text "0"' },
};

describe('one mistake per file', () => {
  it('starts from a base with no mistakes', () => {
    expect(checkSources([{ file: 'base.json', text: fixtureText('accepted/mistakes-base.json') }]).problems).toEqual([]);
  });

  it('has an expected problem for every fixture, and a fixture for every expected problem', () => {
    const names = readdirSync(`${definitionsFolder}mistakes`).map((name) => name.replace(/\.json$/, ''));
    expect(names.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', (name, problem) => {
    const file = `mistakes/${name}.json`;
    expect(checkSources([{ file, text: fixtureText(file) }]).problems).toEqual([{ file, ...problem }]);
  });
});
