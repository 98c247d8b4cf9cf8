// Whether an answer fits its item, for every kind of item.
import { describe, expect, it } from 'vitest';
import {
  answers,
  isCalendarDate,
  offersDecline,
  validateAnswer,
  validateValue,
  type AnswerableItem,
  type AnswerProblem,
  type AnswerValue,
  type Definition,
} from '../../src/core/index.js';
import { accepted, fixtureJson } from './fixtures.js';

const t = (en: string) => ({ en });

const definition = accepted({
  id: 'kinds',
  version: '1',
  languages: ['en'],
  title: t('Every kind'),
  license: 'Test fixture',
  source: { citation: 'Test fixture' },
  optionSets: { abc: ['a', 'b', 'c'].map((code) => ({ code, text: t(code.toUpperCase()) })) },
  items: [
    { id: 'single', kind: 'single-choice', text: t('One'), optionSet: 'abc' },
    { id: 'multiple', kind: 'multiple-choice', text: t('Some'), optionSet: 'abc', minSelected: 1, maxSelected: 2 },
    { id: 'scale', kind: 'scale', text: t('Scale'), min: 0, max: 6, labels: [{ value: 0, text: t('None') }] },
    { id: 'integer', kind: 'integer', text: t('Days'), min: 0, max: 28 },
    { id: 'decimal', kind: 'decimal', text: t('Weight'), min: 20, max: 300 },
    { id: 'precise', kind: 'decimal', text: t('Precise'), decimals: 3 },
    { id: 'yesNo', kind: 'yes-no', text: t('Yes?') },
    { id: 'date', kind: 'date', text: t('When?'), min: '2020-01-01', max: '2030-12-31' },
    { id: 'text', kind: 'text', text: t('Short'), maxLength: 5 },
    { id: 'longText', kind: 'long-text', text: t('Long') },
    { id: 'plainText', kind: 'text', text: t('Default length') },
  ],
});

function item(id: string): AnswerableItem {
  const found = definition.items.find((i) => i.id === id);
  if (!found || found.kind === 'group' || found.kind === 'display') throw new Error(`no answerable item ${id}`);
  return found;
}

const cases: [string, AnswerValue, AnswerProblem | null][] = [
  ['single', 'b', null],
  ['single', 'd', { code: 'unknownOption' }],
  ['single', ['a'], { code: 'wrongType' }],
  ['multiple', ['a', 'c'], null],
  ['multiple', ['a', 'd'], { code: 'unknownOption' }],
  ['multiple', ['a', 'a'], { code: 'unknownOption' }],
  ['multiple', [], { code: 'tooFewSelected', limit: 1 }],
  ['multiple', ['a', 'b', 'c'], { code: 'tooManySelected', limit: 2 }],
  ['multiple', 'a', { code: 'wrongType' }],
  ['scale', 0, null],
  ['scale', 6, null],
  ['scale', 7, { code: 'aboveMax', limit: 6 }],
  ['scale', -1, { code: 'belowMin', limit: 0 }],
  ['scale', 2.5, { code: 'notWholeNumber' }],
  ['integer', 28, null],
  ['integer', 29, { code: 'aboveMax', limit: 28 }],
  ['integer', 3.5, { code: 'notWholeNumber' }],
  ['integer', '3', { code: 'wrongType' }],
  ['decimal', 64.5, null],
  ['decimal', 64, null],
  ['decimal', 64.55, { code: 'tooManyDecimals', limit: 1 }],
  ['decimal', 19.9, { code: 'belowMin', limit: 20 }],
  ['decimal', 300.1, { code: 'aboveMax', limit: 300 }],
  ['precise', 1.234, null],
  ['precise', 1.2345, { code: 'tooManyDecimals', limit: 3 }],
  ['precise', 1e-7, { code: 'tooManyDecimals', limit: 3 }],
  ['yesNo', false, null],
  ['yesNo', 'yes', { code: 'wrongType' }],
  ['date', '2026-02-28', null],
  ['date', '2024-02-29', null],
  ['date', '2026-02-30', { code: 'invalidDate' }],
  ['date', '2026-02-29', { code: 'invalidDate' }],
  ['date', '2026-13-01', { code: 'invalidDate' }],
  ['date', '2026-1-5', { code: 'invalidDate' }],
  ['date', '2019-12-31', { code: 'belowMin', limit: '2020-01-01' }],
  ['date', '2031-01-01', { code: 'aboveMax', limit: '2030-12-31' }],
  ['text', 'short', null],
  ['text', 'longer', { code: 'tooLong', limit: 5 }],
  ['text', 5, { code: 'wrongType' }],
  ['plainText', 'x'.repeat(500), null],
  ['plainText', 'x'.repeat(501), { code: 'tooLong', limit: 500 }],
  ['longText', 'x'.repeat(10000), null],
  ['longText', 'x'.repeat(10001), { code: 'tooLong', limit: 10000 }],
  ['longText', '<script>alert(1)</script>', null],
];

describe('validateValue', () => {
  it.each(cases)('%s: %j gives %j', (id, value, expected) => {
    expect(validateValue(definition, item(id), value)).toEqual(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects %s as a number', (value) => {
    expect(validateValue(definition, item('integer'), value)).toEqual({ code: 'wrongType' });
    expect(validateValue(definition, item('decimal'), value)).toEqual({ code: 'wrongType' });
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-01-31', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['26-01-01', false],
    ['2026-01-01T00:00', false],
  ])('%s is %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

describe('validateAnswer', () => {
  /** A definition holding only a copy of one item, changed; and that item. */
  const alone = (base: Definition, id: string, changes: { required?: boolean; preferNotToAnswer?: boolean }) => {
    const d = accepted({ ...base, items: [{ ...item(id), ...changes }] });
    const [only] = d.items;
    if (!only || only.kind === 'group' || only.kind === 'display') throw new Error('not answerable');
    return { definition: d, item: only };
  };

  it('treats an item as required unless it says otherwise', () => {
    expect(validateAnswer(definition, item('text'), undefined)).toEqual({ code: 'required' });
    const optional = alone(definition, 'text', { required: false });
    expect(validateAnswer(optional.definition, optional.item, undefined)).toBeNull();
  });

  it('checks the value of an answer', () => {
    expect(validateAnswer(definition, item('integer'), { value: 3 })).toBeNull();
    expect(validateAnswer(definition, item('integer'), { value: 30 })).toEqual({ code: 'aboveMax', limit: 28 });
  });

  it('accepts "I prefer not to answer" only where it is offered', () => {
    const declined = { declined: true } as const;
    // not offered anywhere
    expect(validateAnswer(definition, item('yesNo'), declined)).toEqual({ code: 'declineNotOffered' });
    // offered on the whole definition: on optional items only
    const everywhere = { ...definition, preferNotToAnswer: true };
    expect(offersDecline(everywhere, item('yesNo'))).toBe(false);
    expect(validateAnswer(everywhere, item('yesNo'), declined)).toEqual({ code: 'declineNotOffered' });
    const optional = alone(everywhere, 'yesNo', { required: false });
    expect(offersDecline(optional.definition, optional.item)).toBe(true);
    expect(validateAnswer(optional.definition, optional.item, declined)).toBeNull();
    // an item's own setting wins, either way
    const offered = alone(definition, 'yesNo', { preferNotToAnswer: true });
    expect(validateAnswer(offered.definition, offered.item, declined)).toBeNull();
    const notOffered = alone(everywhere, 'yesNo', { required: false, preferNotToAnswer: false });
    expect(validateAnswer(notOffered.definition, notOffered.item, declined)).toEqual({ code: 'declineNotOffered' });
  });

  it('finds options in a fixture that uses an option set', () => {
    const smallForm = accepted(fixtureJson('accepted/small-form.json'));
    const group = smallForm.items[4];
    const tired = group?.kind === 'group' ? group.items[0] : undefined;
    if (!tired || tired.kind === 'display') throw new Error('fixture changed');
    expect(validateAnswer(smallForm, tired, { value: 'often' })).toBeNull();
    expect(validateAnswer(smallForm, tired, { value: 'good' })).toEqual({ code: 'unknownOption' });
  });
});

describe('the answers schema', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('keeps an answer under "%s" as an own key, so it is seen and refused', (id) => {
    const parsed = answers.safeParse(JSON.parse(`{"single":{"value":"a"},"${id}":{"value":1}}`));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(Object.keys(parsed.data)).toEqual(['single', id]);
    expect(Object.getOwnPropertyDescriptor(parsed.data, id)?.value).toEqual({ value: 1 });
    expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(parsed.data))).toEqual(JSON.parse(`{"single":{"value":"a"},"${id}":{"value":1}}`));
  });

  it('refuses a malformed answer under "__proto__" with its path, as any other', () => {
    const parsed = answers.safeParse(JSON.parse('{"single":{"value":"a"},"__proto__":{"valu":1}}'));
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path)).toEqual([['__proto__']]);
    const other = answers.safeParse(JSON.parse('{"single":{"valu":"a"}}'));
    expect(other.success ? [] : other.error.issues.map((issue) => [issue.path, issue.code])).toEqual([[['single'], 'invalid_union']]);
  });

  it.each([5, null, [], 'answers'])('refuses %j as answers', (value) => {
    const parsed = answers.safeParse(value);
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path, issue.code])).toEqual([[[], 'invalid_type']]);
  });
});
