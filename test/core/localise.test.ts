// Authored text in a language it may not have: one rule for the app, the FHIR export and the preview.
import { describe, expect, it } from 'vitest';
import { findLocalised, localise } from '../../src/core/index.js';
import { primaryText } from '../../src/core/fhir/text.js';

describe('localised text', () => {
  it('is shown in the language asked for, with no lang mark', () => {
    expect(localise({ nb: 'Hei', en: 'Hello' }, 'en', ['nb', 'en'])).toEqual({ text: 'Hello' });
  });

  it('falls back to the first of the definition languages that has it, and says which', () => {
    expect(localise({ en: 'Hello', nn: 'Hei' }, 'nb', ['nb', 'nn', 'en'])).toEqual({ text: 'Hei', lang: 'nn' });
  });

  it('falls back to any language it has when none of the fallbacks has it', () => {
    expect(localise({ se: 'Bures' }, 'nb', ['nb', 'en'])).toEqual({ text: 'Bures', lang: 'se' });
  });

  it('is empty when it has no language at all; findLocalised says there is none', () => {
    expect(localise({}, 'nb', ['nb'])).toEqual({ text: '' });
    expect(findLocalised({}, 'nb', ['nb'])).toBeUndefined();
  });

  it('keeps an empty string in the language asked for rather than falling back', () => {
    expect(localise({ nb: '', en: 'Hello' }, 'nb', ['en'])).toEqual({ text: '' });
  });

  it('gives FHIR its primary text: the first definition language that has it, else any', () => {
    expect(primaryText({ en: 'Hello', nb: 'Hei' }, ['nb', 'en'])).toBe('Hei');
    expect(primaryText({ en: 'Hello' }, ['nb', 'nn'])).toBe('Hello');
    expect(primaryText({}, ['nb'])).toBe('');
  });
});
