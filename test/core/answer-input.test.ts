// The answer rules the form controls call: what a typed number, a tap or a blank text stores.
import { describe, expect, it } from 'vitest';
import {
  chosenCodes,
  dateInputAnswer,
  declineInputAnswer,
  formatLocaleNumber,
  numberInputAnswer,
  parseLocaleNumber,
  scaleSteps,
  textInputAnswer,
  textMaxLength,
  toggleChoice,
} from '../../src/core/index.js';

const text = { nb: 'x' };

describe('numbers as typed', () => {
  it('accepts a comma or a point, a sign and spaces', () => {
    expect(parseLocaleNumber('72,5')).toBe(72.5);
    expect(parseLocaleNumber('72.5')).toBe(72.5);
    expect(parseLocaleNumber(' -3 ')).toBe(-3);
    expect(parseLocaleNumber('1 000')).toBe(1000);
    expect(parseLocaleNumber('.5')).toBe(0.5);
    expect(parseLocaleNumber('7.')).toBe(7);
  });

  it('is null for what is not a number', () => {
    for (const typed of ['', 'abc', '1,2,3', '--1', '1e3', '+1', ',']) expect(parseLocaleNumber(typed)).toBeNull();
  });

  it('is shown back with the decimal separator of the interface language', () => {
    expect(formatLocaleNumber(72.5, 'nb')).toBe('72,5');
    expect(formatLocaleNumber(72.5, 'nn')).toBe('72,5');
    expect(formatLocaleNumber(72.5, 'en')).toBe('72.5');
  });

  it('stores nothing when empty, nothing and a problem when not a number, else the number', () => {
    expect(numberInputAnswer('  ')).toEqual({ answer: null, isNotANumber: false });
    expect(numberInputAnswer('7a')).toEqual({ answer: null, isNotANumber: true });
    expect(numberInputAnswer('72,5')).toEqual({ answer: { value: 72.5 }, isNotANumber: false });
  });
});

describe('text, dates and declining', () => {
  it('text that is empty or only spaces stores nothing; other text is stored as typed', () => {
    expect(textInputAnswer('')).toBeNull();
    expect(textInputAnswer(' \n ')).toBeNull();
    expect(textInputAnswer(' hei ')).toEqual({ value: ' hei ' });
  });

  it('a cleared date stores nothing', () => {
    expect(dateInputAnswer('')).toBeNull();
    expect(dateInputAnswer('2026-10-01')).toEqual({ value: '2026-10-01' });
  });

  it('declining replaces the answer; unticking clears it', () => {
    expect(declineInputAnswer(true)).toEqual({ declined: true });
    expect(declineInputAnswer(false)).toBeNull();
  });

  it('a text field takes the item’s limit, else 500 for a line and 10 000 for a long text', () => {
    expect(textMaxLength({ id: 't', kind: 'text', text })).toBe(500);
    expect(textMaxLength({ id: 't', kind: 'long-text', text })).toBe(10000);
    expect(textMaxLength({ id: 't', kind: 'text', text, maxLength: 20 })).toBe(20);
  });
});

describe('choices', () => {
  const codes = ['walk', 'read', 'cook'];

  it('keeps the definition’s order whatever the order of taps', () => {
    expect(toggleChoice(codes, [], 'cook')).toEqual({ value: ['cook'] });
    expect(toggleChoice(codes, ['cook'], 'walk')).toEqual({ value: ['walk', 'cook'] });
  });

  it('untaps a chosen code, and clears the answer when none is left', () => {
    expect(toggleChoice(codes, ['walk', 'cook'], 'cook')).toEqual({ value: ['walk'] });
    expect(toggleChoice(codes, ['walk'], 'walk')).toBeNull();
  });

  it('reads the chosen codes of a stored answer, none when it is not a list', () => {
    expect(chosenCodes(['read'])).toEqual(['read']);
    expect(chosenCodes(undefined)).toEqual([]);
    expect(chosenCodes('read')).toEqual([]);
  });

  it('gives every step of a scale from min to max', () => {
    expect(scaleSteps({ id: 's', kind: 'scale', text, min: 0, max: 6, labels: [] })).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(scaleSteps({ id: 's', kind: 'scale', text, min: 1, max: 1, labels: [] })).toEqual([1]);
  });
});
