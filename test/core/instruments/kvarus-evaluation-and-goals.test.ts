// What only some KVARUS registrations ask: the treatment evaluation, the goals, the follow-up.
import { describe, expect, it } from 'vitest';
import { computeScores, leafItems, pagesOf, type Definition } from '../../../src/core/index.js';
import { answerable, avslutning, basis, codesOf, evaluationScaleIds, item, malepunkt, oppfolging, shapeOf } from './kvarus-ect-forms.js';

describe('the treatment evaluation', () => {
  it.each([
    ['kvarus-malepunkt', malepunkt],
    ['kvarus-avslutning', avslutning],
  ] as const)('%s has the 14 evaluation items on a 1–5 scale with every step labelled', (_id, definition) => {
    const scales = leafItems(definition).filter((l) => l.id.startsWith('eval_') && l.kind === 'scale');
    expect(scales.map((s) => s.id)).toEqual(evaluationScaleIds);
    for (const scale of scales) {
      expect(scale).toMatchObject({ kind: 'scale', min: 1, max: 5 });
      expect((scale as { labels: { value: number }[] }).labels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
    }
    expect(item(definition, 'eval_benefit').text.en).toMatch(/use to you/);
  });

  it('labels the five steps the same on every item, so 4–5 means "to a great extent" everywhere', () => {
    const labels = leafItems(malepunkt)
      .filter((l) => evaluationScaleIds.includes(l.id))
      .map((l) => JSON.stringify((l as { labels: unknown }).labels));
    expect(new Set(labels).size).toBe(1);
    const benefit = answerable(malepunkt, 'eval_benefit') as { labels: { value: number; text: Record<string, string> }[] };
    expect(benefit.labels.filter((l) => l.value >= 4).map((l) => l.text.en)).toEqual(['To a great extent', 'To a very great extent']);
  });

  it('is the same in the measurement point and at discharge', () => {
    const evaluation = (definition: Definition) =>
      pagesOf(definition)
        .filter((page) => page.id.startsWith('evaluation_'))
        .map((page) => ({ page: page.id, items: page.items.map((i) => ({ shape: shapeOf(definition, i), text: i.text })) }));
    expect(evaluation(avslutning)).toEqual(evaluation(malepunkt));
  });

  it.each([
    ['kvarus-malepunkt', malepunkt],
    ['kvarus-avslutning', avslutning],
  ] as const)('%s flags "great benefit" when the benefit is 4 or 5, and gives no score without an answer', (_id, definition) => {
    const benefit = (value: number) => computeScores(definition, { eval_benefit: { value } }).benefit;
    expect(benefit(5)).toEqual({ status: 'score', value: 5, flags: { great_benefit: true } });
    expect(benefit(4)).toEqual({ status: 'score', value: 4, flags: { great_benefit: true } });
    expect(benefit(3)).toEqual({ status: 'score', value: 3, flags: { great_benefit: false } });
    expect(benefit(1)).toEqual({ status: 'score', value: 1, flags: { great_benefit: false } });
    expect(computeScores(definition, {}).benefit).toMatchObject({ status: 'noScore', reason: 'tooFewAnswered' });
    expect(definition.scores?.map((score) => score.showToPatient ?? false)).toEqual([false]);
  });

  it('is asked neither at intake nor at the one-year follow-up', () => {
    for (const definition of [basis, oppfolging]) expect(leafItems(definition).filter((l) => l.id.startsWith('eval_'))).toEqual([]);
  });
});

describe('the goals at intake and the one-year follow-up', () => {
  it('asks what the patient wants from treatment only at intake', () => {
    expect(answerable(basis, 'treatment_goals').kind).toBe('multiple-choice');
    expect(codesOf(basis, 'treatment_goals')).toContain('stop');
    expect(codesOf(basis, 'treatment_goals')).toContain('reduce');
    expect(answerable(basis, 'goals_text')).toMatchObject({ kind: 'long-text', required: false });
    for (const definition of [malepunkt, avslutning, oppfolging])
      expect(leafItems(definition).some((l) => l.id === 'treatment_goals')).toBe(false);
  });

  it('asks who has followed the patient up since discharge, only at the follow-up', () => {
    expect(answerable(oppfolging, 'followup_by').kind).toBe('multiple-choice');
    expect(codesOf(oppfolging, 'followup_by')).toEqual([
      'gp',
      'municipal',
      'specialist',
      'nav',
      'peer',
      'family-friends',
      'other',
      'nobody',
    ]);
    for (const definition of [basis, malepunkt, avslutning])
      expect(leafItems(definition).some((l) => l.id.startsWith('followup_'))).toBe(false);
  });
});
