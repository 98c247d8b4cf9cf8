// What an author is told about a score's items, value maps, reverse coding and answers needed.
import { describe, expect, it } from 'vitest';
import { accepted, edited, problemsOf, type Rejection } from './fixtures.js';
import { base, score } from './scoring-integrity-fixtures.js';

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
];

describe('scores and examples', () => {
  it('accepts the base definition', () => {
    accepted(base);
  });

  it.each(rejections)('rejects $name', ({ edits, problems }) => {
    expect(problemsOf(edited(base, ...edits))).toEqual(problems);
  });
});
