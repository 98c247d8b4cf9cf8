// What an author is told about scores of scores, formulas, kinds, bands, flags, titles and decimals.
import { describe, expect, it } from 'vitest';
import { edited, problemsOf, type Rejection } from './fixtures.js';
import { base, score } from './scoring-integrity-fixtures.js';

const rejections: Rejection[] = [
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
];

describe('scores and examples', () => {
  it.each(rejections)('rejects $name', ({ edits, problems }) => {
    expect(problemsOf(edited(base, ...edits))).toEqual(problems);
  });
});
