// The versions of issue 17 (ede-q 6.0.1, cia 3.0.1, ect-madrs-s 2, kvarus-* 2): each is its earlier
// version with only the listed changes, and the thresholds, alerts and rules they add work.
import { describe, expect, it } from 'vitest';
import { alertsOf, classifyChange, isInRemission, ruleProblems, type Definition } from '../../../src/core/index.js';
import { answersOf, instrument } from './instrument.js';

/** The definition as JSON, without what a new version may change. */
function comparable(definition: Definition, ...without: string[]): unknown {
  const copy = structuredClone(definition) as Record<string, unknown>;
  for (const key of ['version', 'source', 'alerts', 'rules', ...without]) delete copy[key];
  for (const score of (copy.scores ?? []) as Record<string, unknown>[]) {
    delete score.change;
    delete score.showToPatient;
  }
  return copy;
}

const kvarus = ['avslutning', 'basis', 'malepunkt', 'oppfolging'];

describe('issue 17 versions: only the intended changes', () => {
  it('EDE-Q 6.0.1 is 6.0 with rules and the global change threshold', () => {
    const [old, next] = [instrument('ede-q-6.0.json'), instrument('ede-q-6.0.1.json')];
    expect(next.version).toBe('6.0.1');
    expect(comparable(next)).toEqual(comparable(old));
    expect(next.scores?.find((s) => s.id === 'global')?.change).toEqual({ better: 'lower', improvement: { by: 0.9 } });
    expect(next.scores?.some((s) => s.showToPatient)).toBe(false);
  });

  it('CIA 3.0.1 fixes the nynorsk band ("betydeleg") and adds the change threshold', () => {
    const [old, next] = [instrument('cia-3.0.json'), instrument('cia-3.0.1.json')];
    const nn = (d: Definition) => d.scores?.find((s) => s.id === 'global')?.bands?.map((b) => b.label.nn);
    expect(nn(old)).toContain('Klinisk tydeleg nedsett funksjon (16 eller meir)');
    expect(nn(next)).toContain('Klinisk betydeleg nedsett funksjon (16 eller meir)');
    expect(JSON.stringify(next)).not.toContain('Klinisk tydeleg');
    const restored = JSON.parse(JSON.stringify(next).replaceAll('Klinisk betydeleg', 'Klinisk tydeleg')) as Definition;
    expect(comparable(restored)).toEqual(comparable(old));
    expect(next.scores?.find((s) => s.id === 'global')?.change).toEqual({ better: 'lower', improvement: { by: 7 } });
  });

  it('MADRS-S 2 adds response, remission, the item 9 alert and shows the total to the patient', () => {
    const [old, next] = [instrument('ect-madrs-s-1.json'), instrument('ect-madrs-s-2.json')];
    expect(comparable(next)).toEqual(comparable(old));
    const total = next.scores?.find((s) => s.id === 'total');
    expect(total?.showToPatient).toBe(true);
    expect(total?.change).toEqual({ better: 'lower', improvement: { relative: 0.5 }, remission: { atMost: 10 } });
  });

  it.each(kvarus)('KVARUS %s 2 reads "du mista medvitet" in nynorsk and alerts on an overdose', (name) => {
    const [old, next] = [instrument(`kvarus-${name}-1.json`), instrument(`kvarus-${name}-2.json`)];
    expect(JSON.stringify(old)).toContain('du miste medvitet');
    expect(JSON.stringify(next)).not.toContain('du miste medvitet');
    expect(JSON.stringify(next)).toContain('du mista medvitet');
    const restored = JSON.parse(JSON.stringify(next).replaceAll('du mista medvitet', 'du miste medvitet')) as Definition;
    expect(comparable(restored)).toEqual(comparable(old));
    expect(next.alerts?.map((a) => a.id)).toEqual(['overdose']);
  });
});

describe('issue 17 versions: what they add, at work', () => {
  it('EDE-Q: more loss-of-control times than overeating times, or more days than those times, asks the patient to check', () => {
    const edeq = instrument('ede-q-6.0.1.json');
    const broken = (q13: number, q14: number, q15: number) => ruleProblems(edeq, answersOf({ q13, q14, q15 })).map((p) => p.rule.id);
    expect(broken(5, 5, 5)).toEqual([]);
    expect(broken(5, 3, 2)).toEqual([]);
    expect(broken(2, 3, 1)).toEqual(['loss-of-control-within-overeating']);
    expect(broken(5, 3, 4)).toEqual(['days-within-episodes']);
    expect(broken(1, 2, 3)).toEqual(['loss-of-control-within-overeating', 'days-within-episodes']);
  });

  it('EDE-Q: a fall of 0.9 in the global score is an improvement, 0.8 is not', () => {
    const change = instrument('ede-q-6.0.1.json').scores?.find((s) => s.id === 'global')?.change;
    expect(change && classifyChange(change, 3.4, 2.5)).toBe('improved');
    expect(change && classifyChange(change, 3.4, 2.6)).toBe('unchanged');
  });

  it('MADRS-S: item 9 at 3 or more alerts the unit; at 2 it does not', () => {
    const madrs = instrument('ect-madrs-s-2.json');
    const nine = (q9: number) => answersOf({ q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1, q8: 1, q9 });
    expect(alertsOf(madrs, nine(2))).toEqual([]);
    expect(alertsOf(madrs, nine(3))).toMatchObject([{ kind: 'answer', id: 'suicidal-thoughts', items: ['q9'] }]);
  });

  it('MADRS-S: 30 to 15 is a response, and 10 is remission', () => {
    const total = instrument('ect-madrs-s-2.json').scores?.find((s) => s.id === 'total');
    expect(total?.change && classifyChange(total.change, 30, 15)).toBe('improved');
    expect(total?.change && classifyChange(total.change, 30, 16)).toBe('unchanged');
    expect([10, 11].map((v) => isInRemission(total?.change?.remission, v))).toEqual([true, false]);
  });

  it('KVARUS: an overdose in the last 30 days alerts the unit, none does not', () => {
    const basis = instrument('kvarus-basis-2.json');
    expect(alertsOf(basis, answersOf({ overdoses: 0 }))).toEqual([]);
    expect(alertsOf(basis, answersOf({ overdoses: 1 }))).toMatchObject([{ kind: 'answer', id: 'overdose', items: ['overdoses'] }]);
  });
});
