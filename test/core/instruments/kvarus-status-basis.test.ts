// The KVARUS status items on the intake (basis) form: days of use, the option codes the register
// stores, and the sensitive items the patient may decline. That they are the same at every
// registration is in kvarus-status.test.ts, under the same describe.
import { describe, expect, it } from 'vitest';
import { reviewProblems, type Answers } from '../../../src/core/index.js';
import { answerAll, answerable, basis, codesOf, substances } from './kvarus-ect-forms.js';

describe('the KVARUS status items are the same at every registration', () => {
  it('counts days of use per substance group from 1 to 30, asked only after a yes', () => {
    for (const substance of substances) {
      const use = answerable(basis, `use_${substance}`);
      const days = answerable(basis, `days_${substance}`);
      expect(use).toMatchObject({ kind: 'yes-no', preferNotToAnswer: true });
      expect(days).toMatchObject({ kind: 'integer', min: 1, max: 30 });
      expect(days.visibleWhen).toEqual({ op: 'equals', item: `use_${substance}`, value: true });
    }
  });

  it('has the option codes the register stores', () => {
    expect(codesOf(basis, 'housing')).toEqual(['own-home', 'family-friends', 'institution', 'temporary', 'homeless', 'other']);
    expect(codesOf(basis, 'occupation')).toEqual([
      'work-full',
      'work-part',
      'work-scheme',
      'school',
      'volunteer',
      'caring',
      'other',
      'none',
    ]);
    expect(codesOf(basis, 'income')).toEqual([
      'work',
      'sick-pay-aap',
      'disability',
      'social-assistance',
      'student',
      'pension',
      'none',
      'other',
    ]);
    expect(codesOf(basis, 'physical_health')).toEqual(['very-good', 'good', 'fair', 'poor', 'very-poor']);
    expect(codesOf(basis, 'mental_health')).toEqual(['very-good', 'good', 'fair', 'poor', 'very-poor']);
    expect(codesOf(basis, 'substance_problem')).toEqual(['none', 'small', 'moderate', 'big', 'very-big']);
    expect(answerable(basis, 'quality_of_life')).toMatchObject({ kind: 'scale', min: 0, max: 10 });
    expect((answerable(basis, 'quality_of_life') as { labels: { value: number }[] }).labels.map((l) => l.value)).toEqual([0, 10]);
  });

  it('lets the patient decline the sensitive items, but never silently skip them', () => {
    for (const id of ['injected', 'overdoses', 'income', ...substances.map((s) => `use_${s}`)]) {
      const sensitive = answerable(basis, id);
      expect(sensitive.preferNotToAnswer, id).toBe(true);
      expect(sensitive.required ?? true, id).toBe(true);
    }
    const declined: Answers = { ...answerAll(basis, false), injected: { declined: true }, income: { declined: true } };
    expect(reviewProblems(basis, declined)).toEqual([]);
    const declinedHealth: Answers = { ...answerAll(basis, false), physical_health: { declined: true } };
    expect(reviewProblems(basis, declinedHealth).map((p) => [p.item.id, p.problem.code])).toEqual([
      ['physical_health', 'declineNotOffered'],
    ]);
  });
});
