// Alerts: an answer alert's condition or an alerting flag raises an alert for the unit; nothing else does.
import { describe, expect, it } from 'vitest';
import { alertsOf, computeScores } from '../../src/core/index.js';
import { answersOf, parsedResults, resultsDefinition } from './result-rules-fixture.js';

const definition = parsedResults();

describe('alertsOf', () => {
  it('raises nothing when no alert condition holds and no alerting flag is set', () => {
    expect(alertsOf(definition, answersOf({ mood: 1, ask: true, thoughts: 2 }))).toEqual([]);
  });

  it('raises the answer alert when its condition holds, naming the items it looks at', () => {
    expect(alertsOf(definition, answersOf({ mood: 1, ask: true, thoughts: 3 }))).toEqual([
      { kind: 'answer', id: 'suicidal-thoughts', items: ['thoughts'], label: { nb: 'Thoughts at 3 or more', en: 'Thoughts at 3 or more' } },
    ]);
  });

  it('raises an alerting flag when it is set, and not a flag without "alert"', () => {
    const alerts = alertsOf(definition, answersOf({ mood: 6, ask: true, thoughts: 4 }));
    expect(alerts.map((a) => [a.kind, a.id])).toEqual([
      ['answer', 'suicidal-thoughts'],
      ['flag', 'total.high'],
    ]);
    expect(alerts[1]).toMatchObject({ kind: 'flag', score: 'total', flag: 'high' });
    // "low" is set here, but it does not alert
    expect(alertsOf(definition, answersOf({ mood: 0, ask: true, thoughts: 1 }))).toEqual([]);
  });

  it('ignores the answer of an item the person was not shown', () => {
    expect(alertsOf(definition, answersOf({ mood: 6, ask: false, thoughts: 6 }))).toEqual([]);
  });

  it('ignores a declined answer, and uses scores already computed when given them', () => {
    const answers = { ...answersOf({ mood: 6, ask: true }), thoughts: { declined: true as const } };
    expect(alertsOf(definition, answers)).toEqual([]);
    const full = answersOf({ mood: 6, ask: true, thoughts: 1 });
    expect(alertsOf(definition, full, computeScores(definition, full))).toEqual(alertsOf(definition, full));
  });

  it('names each item of a combined condition once', () => {
    const combined = parsedResults({
      ...resultsDefinition,
      alerts: [
        {
          id: 'both',
          when: {
            op: 'all',
            conditions: [
              { op: 'greaterThan', item: 'mood', value: 4 },
              {
                op: 'any',
                conditions: [
                  { op: 'equals', item: 'ask', value: true },
                  { op: 'greaterThan', item: 'mood', value: 5 },
                ],
              },
            ],
          },
          label: { nb: 'x', en: 'x' },
        },
      ],
    });
    expect(alertsOf(combined, answersOf({ mood: 5, ask: true, thoughts: 0 }))).toEqual([
      { kind: 'answer', id: 'both', items: ['mood', 'ask'], label: { nb: 'x', en: 'x' } },
    ]);
  });
});
