// What an author is told about scores and examples that cannot work, each at its JSON path.
import { describe, expect, it } from 'vitest';
import type { DefinitionInput } from '../../src/core/index.js';
import { accepted, edited, problemsOf, type Edit } from './fixtures.js';

const t = (en: string) => ({ en });
const scale = (id: string) => ({ id, kind: 'scale' as const, text: t(id), min: 0, max: 6, labels: [{ value: 0, text: t('none') }] });

const base: DefinitionInput = {
  id: 'scored',
  version: '1',
  languages: ['en'],
  title: t('Scored'),
  license: 'Test fixture',
  source: { citation: 'Test fixture' },
  items: [
    scale('a'),
    scale('b'),
    { id: 'note', kind: 'display', text: t('A note') },
    { id: 'choice', kind: 'single-choice', text: t('Choice'), options: ['1', '2', '9'].map((code) => ({ code, text: t(code) })) },
    { id: 'many', kind: 'multiple-choice', text: t('Many'), options: ['x', 'y'].map((code) => ({ code, text: t(code) })) },
    { id: 'count', kind: 'integer', text: t('Count') },
    { id: 'kg', kind: 'decimal', text: t('Weight'), min: 20, max: 300 },
  ],
  scores: [
    { id: 'total', kind: 'sum', title: t('Total'), items: ['a', 'b'] },
    { id: 'rated', kind: 'sum', title: t('Rated'), items: ['choice'], values: { '1': 1, '2': 2, '9': null } },
    { id: 'both', kind: 'meanOfScores', title: t('Both'), scores: ['total', 'rated'] },
    {
      id: 'ratio',
      kind: 'formula',
      title: t('Ratio'),
      formula: {
        op: 'divide',
        args: [
          { op: 'item', item: 'kg' },
          { op: 'score', score: 'total' },
        ],
      },
      bands: [
        { id: 'low', label: t('low') },
        { id: 'mid', from: 2, label: t('mid') },
        { id: 'high', from: 5, label: t('high') },
      ],
      flags: [{ id: 'small', atMost: 1, label: t('small') }],
    },
  ],
  examples: [{ name: 'two items', answers: { a: 1, b: 2, choice: '9' }, expectedScores: { total: 3, rated: null } }],
};

interface Rejection {
  name: string;
  edits: Edit[];
  problems: { path: string; message: string }[];
}

const score = (i: number, ...rest: (string | number)[]) => ['scores', i, ...rest];

const rejections: Rejection[] = [
  // items a sum or mean counts
  {
    name: 'an item that does not exist',
    edits: [{ set: score(0, 'items', 1), to: 'ghost' }],
    problems: [{ path: '$.scores[0].items[1]', message: 'there is no item "ghost"' }],
  },
  {
    name: 'a display text',
    edits: [{ set: score(0, 'items', 1), to: 'note' }],
    problems: [{ path: '$.scores[0].items[1]', message: '"note" is a display text and has no answer' }],
  },
  {
    name: 'an item that gives no number',
    edits: [{ set: score(0, 'items'), to: ['a', 'many'] }],
    problems: [
      {
        path: '$.scores[0].items[1]',
        message:
          '"many" is a multiple-choice item: a score counts scale, integer and decimal items, and single-choice items with a value map',
      },
    ],
  },
  {
    name: 'an item listed twice',
    edits: [{ set: score(0, 'items'), to: ['a', 'b', 'a'] }],
    problems: [{ path: '$.scores[0].items[2]', message: 'the item "a" is listed twice' }],
  },
  // value maps
  {
    name: 'a single-choice item without a value map',
    edits: [{ remove: score(1, 'values') }],
    problems: [
      { path: '$.scores[1].items[0]', message: '"choice" is a single-choice item: give its options numbers in "values" or "itemValues"' },
    ],
  },
  {
    name: 'a value map that leaves out an option',
    edits: [{ set: score(1, 'values'), to: { '1': 1, '2': 2 } }],
    problems: [
      {
        path: '$.scores[1].values',
        message: 'the value map gives no number for "9" of "choice": give each option a number, or null to leave it unscored',
      },
    ],
  },
  {
    name: 'a value map with a code the item does not have',
    edits: [{ set: score(1, 'values', '3'), to: 3 }],
    problems: [{ path: '$.scores[1].values["3"]', message: '"choice" has no option "3"' }],
  },
  {
    name: "an item's own value map, incomplete",
    edits: [{ remove: score(1, 'values') }, { set: score(1, 'itemValues'), to: { choice: { '1': 0 } } }],
    problems: [
      {
        path: '$.scores[1].itemValues.choice',
        message: 'the value map gives no number for "2", "9" of "choice": give each option a number, or null to leave it unscored',
      },
    ],
  },
  {
    name: 'a value map for an item the score does not count',
    edits: [{ set: score(0, 'itemValues'), to: { choice: { '1': 1, '2': 2, '9': 3 } } }],
    problems: [{ path: '$.scores[0].itemValues.choice', message: '"choice" is not among the score\'s items' }],
  },
  {
    name: 'a value map for a scale',
    edits: [{ set: score(0, 'itemValues'), to: { a: { '1': 1 } } }],
    problems: [{ path: '$.scores[0].itemValues.a', message: '"a" is a scale item: value maps are for single-choice items' }],
  },
  {
    name: 'a shared value map no item uses',
    edits: [{ set: score(0, 'values'), to: { '1': 1 } }],
    problems: [
      { path: '$.scores[0].values', message: 'no single-choice item of the score uses "values": remove it, or list the items it is for' },
    ],
  },
  {
    name: 'a value map that is not a map of numbers',
    edits: [{ set: score(1, 'values', '1'), to: 'one' }],
    problems: [{ path: '$.scores[1].values["1"]', message: 'expected a number, found the text "one"' }],
  },
  // reverse coding
  {
    name: 'reversing an item the score does not count',
    edits: [{ set: score(0, 'reverse'), to: ['count'] }],
    problems: [{ path: '$.scores[0].reverse[0]', message: '"count" is not among the score\'s items' }],
  },
  {
    name: 'reversing a number without a range',
    edits: [
      { set: score(0, 'items'), to: ['a', 'count'] },
      { set: score(0, 'reverse'), to: ['count'] },
    ],
    problems: [{ path: '$.scores[0].reverse[0]', message: 'reversing "count" needs its "min" and "max"' }],
  },
  {
    name: 'reversing a choice',
    edits: [{ set: score(1, 'reverse'), to: ['choice'] }],
    problems: [
      { path: '$.scores[1].reverse[0]', message: '"choice" is a single-choice item: write the reversed numbers in its value map instead' },
    ],
  },
  // how many answers
  {
    name: 'both rules for the answers needed',
    edits: [{ set: score(0, 'minAnswered'), to: { atLeast: 1, moreThanHalf: true } }],
    problems: [{ path: '$.scores[0].minAnswered', message: 'give either "atLeast" or "moreThanHalf"' }],
  },
  {
    name: 'no rule for the answers needed',
    edits: [{ set: score(0, 'minAnswered'), to: {} }],
    problems: [{ path: '$.scores[0].minAnswered', message: 'give either "atLeast" or "moreThanHalf"' }],
  },
  {
    name: 'more answers needed than there are items',
    edits: [{ set: score(0, 'minAnswered'), to: { atLeast: 3 } }],
    problems: [{ path: '$.scores[0].minAnswered.atLeast', message: '3 answers are needed, but the score has only 2 items' }],
  },
  {
    name: 'more than half written as false',
    edits: [{ set: score(0, 'minAnswered'), to: { moreThanHalf: false } }],
    problems: [{ path: '$.scores[0].minAnswered.moreThanHalf', message: 'Invalid input: expected true' }],
  },
  {
    name: 'prorating when every item is needed',
    edits: [{ set: score(0, 'prorate'), to: true }],
    problems: [
      {
        path: '$.scores[0].prorate',
        message: 'every item must be answered, so there is nothing to prorate: add "minAnswered" or remove "prorate"',
      },
    ],
  },
  {
    name: 'prorating a mean',
    edits: [
      { set: score(0, 'kind'), to: 'mean' },
      { set: score(0, 'prorate'), to: true },
    ],
    problems: [{ path: '$.scores[0]', message: 'unknown field "prorate": check its spelling, or remove it' }],
  },
  // scores of scores and formulas
  {
    name: 'a score that comes later',
    edits: [{ set: score(2, 'scores', 1), to: 'ratio' }],
    problems: [{ path: '$.scores[2].scores[1]', message: 'the score "ratio" comes later: a score can only use scores listed before it' }],
  },
  {
    name: 'a score that uses itself',
    edits: [{ set: score(2, 'scores', 1), to: 'both' }],
    problems: [{ path: '$.scores[2].scores[1]', message: 'a score cannot use itself ("both")' }],
  },
  {
    name: 'a score that does not exist',
    edits: [{ set: score(2, 'scores', 1), to: 'ghost' }],
    problems: [{ path: '$.scores[2].scores[1]', message: 'there is no score "ghost"' }],
  },
  {
    name: 'a score listed twice',
    edits: [{ set: score(2, 'scores', 1), to: 'total' }],
    problems: [{ path: '$.scores[2].scores[1]', message: 'the score "total" is listed twice' }],
  },
  {
    name: 'two scores with one id',
    edits: [{ set: score(1, 'id'), to: 'total' }],
    problems: [
      { path: '$.scores[1].id', message: 'the score id "total" is already used at $.scores[0]' },
      { path: '$.scores[2].scores[1]', message: 'there is no score "rated"' },
      { path: '$.examples[0].expectedScores.rated', message: 'there is no score "rated"' },
    ],
  },
  {
    name: 'a formula over a later score, a choice and a missing item',
    edits: [
      {
        set: score(3, 'formula'),
        to: {
          op: 'add',
          args: [
            { op: 'score', score: 'ratio' },
            { op: 'item', item: 'choice' },
            {
              op: 'multiply',
              args: [
                { op: 'item', item: 'ghost' },
                { op: 'number', value: 2 },
              ],
            },
          ],
        },
      },
    ],
    problems: [
      { path: '$.scores[3].formula.args[0].score', message: 'a score cannot use itself ("ratio")' },
      {
        path: '$.scores[3].formula.args[1].item',
        message: '"choice" is a single-choice item: a formula uses scale, integer and decimal items',
      },
      { path: '$.scores[3].formula.args[2].args[0].item', message: 'there is no item "ghost"' },
    ],
  },
  {
    name: 'a formula of numbers only',
    edits: [
      {
        set: score(3, 'formula'),
        to: {
          op: 'add',
          args: [
            { op: 'number', value: 1 },
            { op: 'number', value: 2 },
          ],
        },
      },
    ],
    problems: [{ path: '$.scores[3].formula', message: 'the formula uses no item and no score, so it is always the same number' }],
  },
  {
    name: 'an operation that is not in the closed set',
    edits: [{ set: score(3, 'formula', 'op'), to: 'eval' }],
    problems: [
      {
        path: '$.scores[3].formula.op',
        message: 'unknown op "eval": use one of "item", "score", "number", "add", "multiply", "subtract", "divide", "power"',
      },
    ],
  },
  {
    name: 'a division of three',
    edits: [{ set: score(3, 'formula', 'args', 2), to: { op: 'number', value: 2 } }],
    problems: [{ path: '$.scores[3].formula.args', message: 'has more than 2 entries' }],
  },
  {
    name: 'a formula written as code',
    edits: [{ set: score(3, 'formula'), to: 'kg / total' }],
    problems: [{ path: '$.scores[3].formula', message: 'expected an object, found the text "kg / total"' }],
  },
  {
    name: 'an unknown kind of score',
    edits: [{ set: score(0, 'kind'), to: 'median' }],
    problems: [
      { path: '$.scores[0].kind', message: 'unknown kind "median": use one of "sum", "mean", "sumOfScores", "meanOfScores", "formula"' },
    ],
  },
  // bands and flags
  {
    name: 'bands that do not ascend',
    edits: [{ set: score(3, 'bands', 2, 'from'), to: 2 }],
    problems: [{ path: '$.scores[3].bands[2].from', message: 'the bands must ascend: 2 is not above the band before it (2)' }],
  },
  {
    name: 'a later band without its lowest value',
    edits: [{ remove: score(3, 'bands', 1, 'from') }],
    problems: [{ path: '$.scores[3].bands[1]', message: 'every band after the first needs "from", its lowest value' }],
  },
  {
    name: 'two bands with one id',
    edits: [{ set: score(3, 'bands', 2, 'id'), to: 'low' }],
    problems: [{ path: '$.scores[3].bands[2]', message: 'the band "low" is listed twice' }],
  },
  {
    name: 'a band label without the English text',
    edits: [{ set: score(3, 'bands', 0, 'label'), to: { nb: 'lav' } }],
    problems: [
      { path: '$.scores[3].bands[0].label', message: 'the "en" text is missing' },
      {
        path: '$.scores[3].bands[0].label.nb',
        message: '"nb" is not among the definition\'s languages (en): add it to "languages" or remove this text',
      },
    ],
  },
  {
    name: 'a flag with no bound',
    edits: [{ remove: score(3, 'flags', 0, 'atMost') }],
    problems: [{ path: '$.scores[3].flags[0]', message: 'a flag needs "atMost", "atLeast" or both' }],
  },
  {
    name: 'a flag that can never be set',
    edits: [{ set: score(3, 'flags', 0, 'atLeast'), to: 2 }],
    problems: [{ path: '$.scores[3].flags[0].atMost', message: '"atMost" (1) is below "atLeast" (2), so the flag is never set' }],
  },
  {
    name: 'a score title without the English text',
    edits: [{ set: score(0, 'title'), to: {} }],
    problems: [{ path: '$.scores[0].title', message: 'the "en" text is missing' }],
  },
  {
    name: 'too many decimals',
    edits: [{ set: score(0, 'decimals'), to: 7 }],
    problems: [{ path: '$.scores[0].decimals', message: 'must be at most 6' }],
  },
  // examples
  {
    name: 'an example answer to an item that does not exist',
    edits: [{ set: ['examples', 0, 'answers', 'ghost'], to: 1 }],
    problems: [{ path: '$.examples[0].answers.ghost', message: 'there is no item "ghost"' }],
  },
  {
    name: 'an example answer that does not fit its item',
    edits: [
      { set: ['examples', 0, 'answers', 'a'], to: 7 },
      { set: ['examples', 0, 'answers', 'choice'], to: '3' },
    ],
    problems: [
      { path: '$.examples[0].answers.a', message: '7 is not an answer to "a": the value is above the maximum (6)' },
      { path: '$.examples[0].answers.choice', message: '"3" is not an answer to "choice": the item has no such option' },
    ],
  },
  {
    name: 'an example that declines an item that offers no decline',
    edits: [{ set: ['examples', 0, 'answers', 'a'], to: { declined: true } }],
    problems: [
      {
        path: '$.examples[0].answers.a',
        message: '{"declined":true} is not an answer to "a": the item does not offer "I prefer not to answer"',
      },
    ],
  },
  {
    name: 'an example that expects a score that does not exist',
    edits: [{ set: ['examples', 0, 'expectedScores', 'ghost'], to: 1 }],
    problems: [{ path: '$.examples[0].expectedScores.ghost', message: 'there is no score "ghost"' }],
  },
  {
    name: 'an expected score that is not a number',
    edits: [{ set: ['examples', 0, 'expectedScores', 'total'], to: '3' }],
    problems: [{ path: '$.examples[0].expectedScores.total', message: 'expected a number, found the text "3"' }],
  },
];

describe('scores and examples', () => {
  it('accepts the base definition', () => {
    accepted(base);
  });

  it.each(rejections)('rejects $name', ({ edits, problems }) => {
    expect(problemsOf(edited(base, ...edits))).toEqual(problems);
  });

  it('accepts an item called "text" in an example, and a value map for an option coded "label"', () => {
    accepted(
      edited(
        base,
        { set: ['items', 0, 'id'], to: 'text' },
        { set: score(0, 'items', 0), to: 'text' },
        { set: ['examples', 0, 'answers'], to: { text: 1, b: 2 } },
        { set: ['items', 3, 'options', 0, 'code'], to: 'label' },
        { set: score(1, 'values'), to: { label: 1, '2': 2, '9': null } },
      ),
    );
  });
});
