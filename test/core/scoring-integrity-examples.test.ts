// What an author is told about example answer sets and their expected scores.
import { describe, expect, it } from 'vitest';
import { accepted, edited, problemsOf, type Rejection } from './fixtures.js';
import { base, score } from './scoring-integrity-fixtures.js';

const rejections: Rejection[] = [
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
