// What `check` says about change thresholds, alerts and rules between items that cannot work,
// placed at the file's line and column.
import { describe, expect, it } from 'vitest';
import { checkDefinitionText } from '../../src/core/check-text.js';
import { formatPath } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { edited, type Edit } from './fixtures.js';
import { resultsDefinition, text } from './result-rules-fixture.js';

function problemsAfter(...edits: Edit[]) {
  const result = parseDefinition(edited(resultsDefinition, ...edits));
  return result.ok
    ? []
    : result.problems.map((p) => ({ path: formatPath(p.path), message: p.message, ...(p.hint ? { hint: p.hint } : {}) }));
}

const change = ['scores', 0, 'change'];

describe('checking change thresholds', () => {
  it('accepts the fixture', () => {
    expect(problemsAfter()).toEqual([]);
  });

  it.each([
    [
      'a threshold with both "by" and "relative"',
      { set: [...change, 'improvement'], to: { by: 1, relative: 0.5 } },
      '$.scores[0].change.improvement',
      'give either "by" (a change of at least this much) or "relative" (a share of the earlier value)',
    ],
    [
      'a threshold with neither',
      { set: [...change, 'deterioration'], to: {} },
      '$.scores[0].change.deterioration',
      'give either "by" (a change of at least this much) or "relative" (a share of the earlier value)',
    ],
    [
      'a relative fall of more than the whole',
      { set: [...change, 'improvement'], to: { relative: 1.5 } },
      '$.scores[0].change.improvement.relative',
      'a fall of more than the whole earlier value (1.5) is never reached: a relative fall is at most 1',
    ],
    [
      'a change that says nothing',
      { set: change, to: { better: 'lower' } },
      '$.scores[0].change',
      'give "improvement", "deterioration" or "remission": what counts as a meaningful change',
    ],
    [
      'remission the wrong way round',
      { set: [...change, 'remission'], to: { atLeast: 20 } },
      '$.scores[0].change.remission',
      'a lower score is better ("better": "lower"), so remission is a value "atMost" something',
    ],
    [
      'remission never reached',
      { set: [...change, 'remission'], to: { atLeast: 5, atMost: 2 } },
      '$.scores[0].change.remission.atMost',
      '"atMost" (2) is below "atLeast" (5), so remission is never reached',
    ],
  ] as const)('refuses %s', (_name, edit, path, message) => {
    expect(problemsAfter(edit as Edit)).toEqual([{ path, message }]);
  });

  it('refuses a negative threshold in the schema', () => {
    expect(problemsAfter({ set: [...change, 'improvement'], to: { by: -1 } }).map((p) => p.path)).toEqual([
      '$.scores[0].change.improvement.by',
    ]);
  });
});

describe('checking alerts', () => {
  it('refuses an alert on an item that does not exist, with a hint, and a second alert of one id', () => {
    const alert = { id: 'suicidal-thoughts', when: { op: 'greaterThan', item: 'thougts', value: 2 }, label: text('x') };
    expect(problemsAfter({ set: ['alerts', 1], to: alert })).toEqual([
      { path: '$.alerts[1].when.item', message: 'there is no item "thougts"', hint: 'did you mean "thoughts"?' },
      { path: '$.alerts[1].id', message: 'the alert id "suicidal-thoughts" is used twice' },
    ]);
  });

  it('refuses an alert label without every language', () => {
    expect(problemsAfter({ set: ['alerts', 0, 'label'], to: { en: 'x' } })).toEqual([
      { path: '$.alerts[0].label', message: 'the "nb" text is missing' },
    ]);
  });
});

describe('checking rules between items', () => {
  it.each([
    [['rules', 0, 'right'], 'episode', 'there is no item "episode"'],
    [['rules', 0, 'left'], 'comment', '"comment" is a text item: a rule compares scale, integer and decimal items'],
    [['rules', 0, 'left'], 'ask', '"ask" is a yes-no item: a rule compares scale, integer and decimal items'],
    [['rules', 0, 'right'], 'lostControl', 'a rule compares two items, and "lostControl" is on both sides'],
  ] as const)('at %j, refuses %s', (at, id, message) => {
    expect(problemsAfter({ set: at, to: id }).map((p) => p.message)).toEqual([message]);
  });

  it('refuses two rules of one id and an operator outside the set', () => {
    expect(problemsAfter({ set: ['rules', 1, 'id'], to: 'control-within-episodes' })).toEqual([
      { path: '$.rules[1].id', message: 'the rule id "control-within-episodes" is used twice' },
    ]);
    expect(problemsAfter({ set: ['rules', 0, 'op'], to: '==' }).map((p) => p.path)).toEqual(['$.rules[0].op']);
  });

  it('places a problem at its line and column in the file (at the key)', () => {
    const bad = edited(resultsDefinition, { set: ['rules', 1, 'right'], to: 'nope' });
    const source = JSON.stringify(bad, null, 2);
    const { problems } = checkDefinitionText(source);
    const line = source.split('\n').findIndex((l) => l.includes('"right": "nope"')) + 1;
    expect(problems).toEqual([
      expect.objectContaining({
        line,
        column: source.split('\n')[line - 1]!.indexOf('"right"') + 1,
        path: '$.rules[1].right',
        message: 'there is no item "nope"',
      }),
    ]);
  });
});
