// Repeating groups in the core: which entries a person sees, what each entry's conditions look at,
// what is submitted (entries numbered 1, 2, 3… in order), what review asks for, and what `check`
// refuses: a reference to a repeated item from outside its group, and a minimum above the maximum.
import { describe, expect, it } from 'vitest';
import {
  instancesOf,
  isRepeating,
  reviewProblems,
  submittedInstancesProblem,
  visibility,
  visiblePages,
  withInstanceAdded,
  type Answers,
  type RepeatingGroup,
} from '../../src/core/index.js';
import { accepted, edited, fixtureJson, problemsOf } from './fixtures.js';

const medicinesJson = fixtureJson('accepted/medicines.json');
const medicines = accepted(medicinesJson);
const group = medicines.items[1] as RepeatingGroup;

describe('entries', () => {
  it('a group that must have one entry starts with one; one that may have none starts with one too', () => {
    expect(isRepeating(group)).toBe(true);
    expect(instancesOf(group, {})).toEqual(['1']);
    const optional = { ...group, repeats: { min: 0, max: 3 } };
    expect(instancesOf(optional, {})).toEqual(['1']);
    expect(instancesOf({ ...group, repeats: { min: 3, max: 5 } }, {})).toEqual(['1', '2', '3']);
    expect(instancesOf(optional, { meds: { value: [] } })).toEqual([]);
  });

  it('a new entry takes the number after the highest, so removing one moves no other answers; none beyond the maximum', () => {
    expect(withInstanceAdded(group, ['1', '3'])).toEqual(['1', '3', '4']);
    expect(withInstanceAdded(group, [])).toEqual(['1']);
    const full = Array.from({ length: 8 }, (_v, i) => String(i + 1));
    expect(withInstanceAdded(group, full)).toEqual(full);
  });

  it('a stored list that is not one (too long, repeated, not numbers) counts as not given', () => {
    for (const value of [['1', '1'], ['0'], ['x'], 'meds', Array.from({ length: 9 }, (_v, i) => String(i + 1))])
      expect(instancesOf(group, { meds: { value } })).toEqual(['1']);
  });
});

describe('visibility and what is submitted', () => {
  const answers: Answers = {
    takes: { value: true },
    meds: { value: ['2', '5'] },
    'meds.2.name': { value: 'Sertraline' },
    'meds.2.form': { value: 'tablet' },
    'meds.2.formOther': { value: 'left from when it was "other"' },
    'meds.5.name': { value: 'Melatonin' },
    'meds.5.form': { value: 'other' },
    'meds.5.formOther': { value: 'dissolved in water' },
    'meds.5.perDay': { value: 1 },
    'meds.7.name': { value: 'removed earlier' },
    sideEffects: { value: false },
  };

  it("each entry's condition looks at that entry's own answers", () => {
    const { visible } = visibility(medicines, answers);
    expect(visible.has('meds.2.formOther')).toBe(false);
    expect(visible.has('meds.5.formOther')).toBe(true);
    expect(visible.has('formOther')).toBe(true);
    const [page] = visiblePages(medicines, answers).filter((p) => p.id === 'meds');
    expect(page?.instances?.map((entry) => [entry.instance, entry.items.map((item) => item.id)])).toEqual([
      ['2', ['name', 'form', 'perDay']],
      ['5', ['name', 'form', 'formOther', 'perDay']],
    ]);
  });

  it('submits the entries numbered 1, 2 in order, without hidden answers or removed entries', () => {
    expect(visibility(medicines, answers).effective).toEqual({
      takes: { value: true },
      meds: { value: ['1', '2'] },
      'meds.1.name': { value: 'Sertraline' },
      'meds.1.form': { value: 'tablet' },
      'meds.2.name': { value: 'Melatonin' },
      'meds.2.form': { value: 'other' },
      'meds.2.formOther': { value: 'dissolved in water' },
      'meds.2.perDay': { value: 1 },
      sideEffects: { value: false },
    });
  });

  it('what was submitted comes out the same when the register works it out again', () => {
    const { effective } = visibility(medicines, answers);
    expect(visibility(medicines, effective).effective).toEqual(effective);
    expect(submittedInstancesProblem(group, effective.meds)).toBeNull();
  });

  it('a hidden group submits nothing of its entries, and has no page', () => {
    const hidden = { ...answers, takes: { value: false } };
    expect(Object.keys(visibility(medicines, hidden).effective)).toEqual(['takes', 'sideEffects']);
    expect(visiblePages(medicines, hidden).map((page) => page.id)).toEqual(['takes', 'sideEffects']);
  });

  it('a group with no entries keeps its page, where one can be added', () => {
    const optional = accepted(edited(medicinesJson, { set: ['items', 1, 'repeats', 'min'], to: 0 }));
    const none = { takes: { value: true }, meds: { value: [] } };
    expect(visiblePages(optional, none).find((page) => page.id === 'meds')?.instances).toEqual([]);
    expect(visibility(optional, none).effective.meds).toEqual({ value: [] });
  });
});

describe('review', () => {
  it("names each entry's missing answers by the entry's place and the key they are stored under", () => {
    const problems = reviewProblems(medicines, {
      takes: { value: true },
      meds: { value: ['3', '4'] },
      'meds.3.name': { value: 'A' },
      'meds.3.form': { value: 'tablet' },
      'meds.4.perDay': { value: 30 },
      sideEffects: { value: true },
    });
    expect(problems.map((p) => [p.key, p.position, p.problem.code])).toEqual([
      ['meds.4.name', 2, 'required'],
      ['meds.4.form', 2, 'required'],
      ['meds.4.perDay', 2, 'aboveMax'],
    ]);
  });
});

describe('the register refuses a list of entries that a device cannot have sent', () => {
  it.each([
    [undefined, '"meds" does not list its entries'],
    [{ value: ['2'] }, 'the entries of "meds" are not numbered 1, 2, 3… in order'],
    [{ value: [] }, '"meds" has 0 entries, fewer than its minimum 1'],
    [{ declined: true as const }, '"meds" does not list its entries'],
  ])('%j', (entry, message) => {
    expect(submittedInstancesProblem(group, entry)).toBe(message);
  });
});

describe('check', () => {
  it('refuses a reference to a repeated item from a later item, a score, a notice or a rule', () => {
    const json = edited(
      medicinesJson,
      { set: ['items', 2, 'visibleWhen'], to: { op: 'answered', item: 'name' } },
      { set: ['scores'], to: [{ id: 'doses', kind: 'sum', items: ['perDay'], title: { nb: 'Doser', nn: 'Dosar', en: 'Doses' } }] },
    );
    expect(problemsOf(json)).toEqual(
      expect.arrayContaining([
        {
          path: '$.items[2].visibleWhen.item',
          message: '"name" is in the repeating group "meds", which has an answer for each entry: only items of that group can refer to it',
        },
        expect.objectContaining({ path: '$.scores[0].items[0]' }),
      ]),
    );
  });

  it('refuses a minimum above the maximum, and a maximum above 50', () => {
    expect(problemsOf(edited(medicinesJson, { set: ['items', 1, 'repeats'], to: { min: 4, max: 2 } }))).toEqual([
      { path: '$.items[1].repeats.min', message: '"min" (4) is larger than "max" (2)' },
    ]);
    expect(problemsOf(edited(medicinesJson, { set: ['items', 1, 'repeats', 'max'], to: 51 }))).toEqual([
      expect.objectContaining({ path: '$.items[1].repeats.max', message: expect.stringContaining('at most 50') as unknown }),
    ]);
  });

  it('does not call a condition inside a repeating group never shown', () => {
    expect(problemsOf(medicinesJson)).toEqual([]);
  });
});
