// Conditions, and which items and pages a person sees for a given set of answers.
import { describe, expect, it } from 'vitest';
import { evaluate, reviewProblems, visibility, visiblePages, type Answers, type Condition } from '../../src/core/index.js';
import { accepted, fixtureJson } from './fixtures.js';

const branching = accepted(fixtureJson('accepted/branching.json'));

const answers: Answers = {
  yes: { value: true },
  no: { value: false },
  choice: { value: 'good' },
  many: { value: ['sad', 'tired'] },
  none: { value: [] },
  count: { value: 5 },
  declined: { declined: true },
};

const cases: [string, Condition, boolean][] = [
  ['equals true', { op: 'equals', item: 'yes', value: true }, true],
  ['equals false on a yes', { op: 'equals', item: 'yes', value: false }, false],
  ['equals false on a no', { op: 'equals', item: 'no', value: false }, true],
  ['equals a code', { op: 'equals', item: 'choice', value: 'good' }, true],
  ['equals another code', { op: 'equals', item: 'choice', value: 'poor' }, false],
  ['equals on multiple choice means "includes"', { op: 'equals', item: 'many', value: 'tired' }, true],
  ['equals on multiple choice, not chosen', { op: 'equals', item: 'many', value: 'anxious' }, false],
  ['equals on an empty choice', { op: 'equals', item: 'none', value: 'sad' }, false],
  ['equals a number', { op: 'equals', item: 'count', value: 5 }, true],
  ['equals a number as text', { op: 'equals', item: 'count', value: '5' }, false],
  ['notEquals a different code', { op: 'notEquals', item: 'choice', value: 'poor' }, true],
  ['notEquals the same code', { op: 'notEquals', item: 'choice', value: 'good' }, false],
  ['notEquals on multiple choice means "does not include"', { op: 'notEquals', item: 'many', value: 'anxious' }, true],
  ['notEquals on multiple choice, chosen', { op: 'notEquals', item: 'many', value: 'sad' }, false],
  ['oneOf, a match', { op: 'oneOf', item: 'choice', values: ['poor', 'good'] }, true],
  ['oneOf, no match', { op: 'oneOf', item: 'choice', values: ['poor'] }, false],
  ['oneOf on multiple choice, any overlap', { op: 'oneOf', item: 'many', values: ['anxious', 'tired'] }, true],
  ['oneOf on multiple choice, no overlap', { op: 'oneOf', item: 'many', values: ['anxious'] }, false],
  ['greaterThan, above', { op: 'greaterThan', item: 'count', value: 4 }, true],
  ['greaterThan, equal', { op: 'greaterThan', item: 'count', value: 5 }, false],
  ['lessThan, below', { op: 'lessThan', item: 'count', value: 6 }, true],
  ['lessThan, equal', { op: 'lessThan', item: 'count', value: 5 }, false],
  ['greaterThan on a text answer', { op: 'greaterThan', item: 'choice', value: 0 }, false],
  ['answered, with a value', { op: 'answered', item: 'choice' }, true],
  ['answered, unanswered', { op: 'answered', item: 'missing' }, false],
  ['answered, declined', { op: 'answered', item: 'declined' }, false],
  // a comparison with an item that has no value is false, whatever the operator
  ['equals, unanswered', { op: 'equals', item: 'missing', value: true }, false],
  ['notEquals, unanswered', { op: 'notEquals', item: 'missing', value: true }, false],
  ['notEquals, declined', { op: 'notEquals', item: 'declined', value: true }, false],
  ['oneOf, declined', { op: 'oneOf', item: 'declined', values: ['good'] }, false],
  ['greaterThan, unanswered', { op: 'greaterThan', item: 'missing', value: -1 }, false],
  ['lessThan, declined', { op: 'lessThan', item: 'declined', value: 100 }, false],
  ['an item named like a property every object has', { op: 'answered', item: 'constructor' }, false],
  [
    'all, every one holds',
    {
      op: 'all',
      conditions: [
        { op: 'equals', item: 'yes', value: true },
        { op: 'answered', item: 'count' },
      ],
    },
    true,
  ],
  [
    'all, one fails',
    {
      op: 'all',
      conditions: [
        { op: 'equals', item: 'yes', value: true },
        { op: 'answered', item: 'missing' },
      ],
    },
    false,
  ],
  [
    'any, one holds',
    {
      op: 'any',
      conditions: [
        { op: 'answered', item: 'missing' },
        { op: 'equals', item: 'no', value: false },
      ],
    },
    true,
  ],
  [
    'any, none holds',
    {
      op: 'any',
      conditions: [
        { op: 'answered', item: 'missing' },
        { op: 'equals', item: 'no', value: true },
      ],
    },
    false,
  ],
  ['not', { op: 'not', condition: { op: 'equals', item: 'yes', value: true } }, false],
  ['not of a comparison with an unanswered item', { op: 'not', condition: { op: 'equals', item: 'missing', value: true } }, true],
  [
    'nested all, any and not',
    {
      op: 'all',
      conditions: [
        {
          op: 'any',
          conditions: [
            { op: 'answered', item: 'missing' },
            { op: 'oneOf', item: 'many', values: ['sad'] },
          ],
        },
        { op: 'not', condition: { op: 'lessThan', item: 'count', value: 3 } },
      ],
    },
    true,
  ],
];

describe('evaluate', () => {
  it.each(cases)('%s', (_name, condition, expected) => {
    expect(evaluate(condition, answers)).toBe(expected);
  });
});

const ids = (set: ReadonlySet<string>) => [...set].sort();

describe('visibility', () => {
  it('shows only unconditional items before anything is answered', () => {
    expect(ids(visibility(branching, {}).visible)).toEqual(['closing', 'feelings', 'smoke', 'symptoms']);
  });

  it('shows a follow-up once its condition holds', () => {
    const { visible } = visibility(branching, { smoke: { value: true }, cigarettes: { value: 20 }, want_quit: { value: true } });
    expect(ids(visible)).toEqual(['cigarettes', 'feelings', 'quit_date', 'quitting', 'smoke', 'symptoms', 'want_quit']);
  });

  it("does not count a hidden item's answer for later conditions", () => {
    // Answered while smoke was true, then smoke changed to false: the earlier answers stay stored,
    // but cigarettes is hidden, so the quitting group (which needs cigarettes > 10) is hidden too.
    const stored: Answers = { smoke: { value: false }, cigarettes: { value: 20 }, want_quit: { value: true } };
    const { visible, effective } = visibility(branching, stored);
    expect(visible.has('cigarettes')).toBe(false);
    expect(visible.has('quitting')).toBe(false);
    expect(effective).toEqual({ smoke: { value: false } });
  });

  it('hides every item of a hidden group, and leaves their answers out', () => {
    const { visible, effective } = visibility(branching, {
      smoke: { value: true },
      cigarettes: { value: 5 },
      want_quit: { value: true },
      quit_date: { value: '2026-05-01' },
    });
    expect(visible.has('quitting')).toBe(false);
    expect(visible.has('want_quit')).toBe(false);
    expect(visible.has('quit_date')).toBe(false);
    expect(Object.keys(effective).sort()).toEqual(['cigarettes', 'smoke']);
  });

  it('keeps a declined answer as an answer that counts as no value', () => {
    const { visible, effective } = visibility(branching, { smoke: { declined: true } });
    expect(visible.has('cigarettes')).toBe(false);
    expect(visible.has('closing')).toBe(true); // not (smoke equals true)
    expect(effective).toEqual({ smoke: { declined: true } });
  });
});

describe('visiblePages', () => {
  const pageIds = (stored: Answers) => visiblePages(branching, stored).map((page) => page.id);

  it('makes each group a page and each top-level item a page of its own', () => {
    expect(pageIds({})).toEqual(['smoke', 'feelings', 'closing']);
    expect(pageIds({ smoke: { value: true }, cigarettes: { value: 11 } })).toEqual(['smoke', 'cigarettes', 'quitting', 'feelings']);
  });

  it('holds only the visible items of a page', () => {
    const pages = visiblePages(branching, { symptoms: { value: ['sad'] } });
    const feelings = pages.find((page) => page.id === 'feelings');
    expect(feelings?.items.map((item) => item.id)).toEqual(['symptoms', 'worry', 'sad_note']);
    const tired = visiblePages(branching, { symptoms: { value: ['tired'] } }).find((page) => page.id === 'feelings');
    expect(tired?.items.map((item) => item.id)).toEqual(['symptoms']);
  });

  it('drops a page whose items are all hidden', () => {
    const definition = accepted({
      ...(fixtureJson('accepted/minimal.json') as object),
      items: [
        { id: 'ok', kind: 'yes-no', text: { nb: 'Bra?', en: 'Fine?' } },
        {
          id: 'more',
          kind: 'group',
          items: [
            { id: 'why', kind: 'text', text: { nb: 'Hvorfor?', en: 'Why?' }, visibleWhen: { op: 'equals', item: 'ok', value: false } },
          ],
        },
      ],
    });
    expect(visiblePages(definition, { ok: { value: true } }).map((page) => page.id)).toEqual(['ok']);
    expect(visiblePages(definition, { ok: { value: false } }).map((page) => page.id)).toEqual(['ok', 'more']);
  });
});

describe('reviewProblems', () => {
  it('reports each visible required item without an answer, with its visible page', () => {
    const problems = reviewProblems(branching, { smoke: { value: true } });
    expect(problems.map(({ item, pageIndex, problem }) => [item.id, pageIndex, problem.code])).toEqual([
      ['cigarettes', 1, 'required'],
      ['symptoms', 2, 'required'],
    ]);
  });

  it('ignores hidden items and optional ones, and reports answers that do not fit', () => {
    const problems = reviewProblems(branching, {
      smoke: { value: false },
      cigarettes: { value: 'many' },
      symptoms: { value: ['sad', 'bored'] },
      worry: { value: 7 },
    });
    expect(problems.map(({ item, problem }) => [item.id, problem])).toEqual([
      ['symptoms', { code: 'unknownOption' }],
      ['worry', { code: 'aboveMax', limit: 6 }],
    ]);
  });

  it('is empty when everything visible is answered', () => {
    expect(reviewProblems(branching, { smoke: { value: false }, symptoms: { value: ['tired'] } })).toEqual([]);
  });
});
