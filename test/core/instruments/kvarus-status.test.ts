// The KVARUS status items: asked the same way at all four registrations, so the register can
// compare answers over time. What they ask, on the intake form, is in kvarus-status-basis.test.ts.
import { describe, expect, it } from 'vitest';
import { pagesOf } from '../../../src/core/index.js';
import { item, kvarus, shapeOf, statusItemIds, statusPageIds } from './kvarus-ect-forms.js';

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
});
