// Rules between items: which answers break them; unanswered, declined and hidden items break none.
import { describe, expect, it } from 'vitest';
import { ruleProblems } from '../../src/core/index.js';
import { answersOf, parsedResults, resultsDefinition } from './result-rules-fixture.js';

const definition = parsedResults();
const broken = (answers: Parameters<typeof ruleProblems>[1]) => ruleProblems(definition, answers).map((p) => [p.rule.id, p.left, p.right]);

describe('ruleProblems', () => {
  it('finds nothing when the counts fit, equal counts included', () => {
    expect(broken(answersOf({ episodes: 4, lostControl: 4, days: 3 }))).toEqual([]);
  });

  it('names each broken rule with the two answers', () => {
    expect(broken(answersOf({ episodes: 2, lostControl: 5, days: 3 }))).toEqual([
      ['control-within-episodes', 5, 2],
      ['days-within-episodes', 3, 2],
    ]);
  });

  it('judges no rule with an unanswered or declined side', () => {
    expect(broken(answersOf({ lostControl: 5, days: 3 }))).toEqual([]);
    expect(broken({ ...answersOf({ lostControl: 5 }), episodes: { declined: true } })).toEqual([]);
  });

  it('judges no rule with a side the person was not shown', () => {
    const hidden = parsedResults({
      ...resultsDefinition,
      rules: [{ id: 'thoughts-within-mood', left: 'thoughts', op: '<=', right: 'mood', text: { nb: 'x', en: 'x' } }],
    });
    expect(ruleProblems(hidden, answersOf({ mood: 1, ask: false, thoughts: 5 }))).toEqual([]);
    expect(ruleProblems(hidden, answersOf({ mood: 1, ask: true, thoughts: 5 })).map((p) => p.rule.id)).toEqual(['thoughts-within-mood']);
  });

  it.each([
    ['<', 3, 3, true],
    ['<', 2, 3, false],
    ['>=', 2, 3, true],
    ['>=', 3, 3, false],
    ['>', 3, 3, true],
    ['>', 4, 3, false],
  ] as const)('"%s" with %i and %i is broken: %s', (op, left, right, isBroken) => {
    const withOp = parsedResults({
      ...resultsDefinition,
      rules: [{ id: 'r', left: 'lostControl', op, right: 'episodes', text: { nb: 'x', en: 'x' } }],
    });
    expect(ruleProblems(withOp, answersOf({ lostControl: left, episodes: right })).length > 0).toBe(isBroken);
  });

  it('finds nothing in a definition without rules', () => {
    const { rules: _rules, ...without } = resultsDefinition;
    expect(ruleProblems(parsedResults(without), answersOf({ episodes: 1, lostControl: 9 }))).toEqual([]);
  });
});
