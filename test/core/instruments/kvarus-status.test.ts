// The KVARUS status items: asked the same way at all four registrations, so the register can
// compare answers over time.
import { describe, expect, it } from 'vitest';
import { pagesOf, reviewProblems, type Answers } from '../../../src/core/index.js';
import {
  answerAll,
  answerable,
  basis,
  codesOf,
  item,
  kvarus,
  shapeOf,
  statusItemIds,
  statusPageIds,
  substances,
} from './kvarus-ect-forms.js';

describe('the KVARUS status items are the same at every registration', () => {
  it('asks the status items in the same order on the same pages', () => {
    for (const definition of kvarus) {
      const statusPages = pagesOf(definition).slice(0, statusPageIds.length);
      expect(statusPages.flatMap((page) => page.items.map((i) => i.id))).toEqual(statusItemIds);
    }
  });

  it.each(statusItemIds)('%s has the same kind, range, conditions and option codes in all four forms', (id) => {
    const [first, ...rest] = kvarus.map((definition) => shapeOf(definition, item(definition, id)));
    for (const other of rest) expect(other).toEqual(first);
  });

  it.each(statusItemIds)('%s has the same wording in all four forms (fixed 30-day window or "now")', (id) => {
    const [first, ...rest] = kvarus.map((definition) => item(definition, id));
    for (const other of rest) {
      expect(other.text).toEqual(first?.text);
      expect(other.help).toEqual(first?.help);
    }
  });

  it('defines each shared option set with the same codes wherever it appears', () => {
    const byId = new Map<string, string[]>();
    for (const definition of kvarus)
      for (const [id, options] of Object.entries(definition.optionSets ?? {})) {
        const codes = options.map((o) => o.code);
        const seen = byId.get(id);
        if (seen) expect(codes, `option set ${id} in ${definition.id}`).toEqual(seen);
        else byId.set(id, codes);
      }
    expect([...byId.keys()].sort()).toEqual(['followup', 'goals', 'health5', 'housing', 'income', 'occupation', 'problem5']);
  });

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
