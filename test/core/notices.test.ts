// Support notices: when they apply, and what check says about broken ones.
import { describe, expect, it } from 'vitest';
import { activeNotices, formatPath, type DefinitionInput } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';

const text = (words: string) => ({ nb: words, en: words });

function withNotices(notices: unknown[]): DefinitionInput {
  return {
    id: 'notice-test',
    version: '1',
    languages: ['nb', 'en'],
    title: text('Notices'),
    license: 'test',
    source: { citation: 'test' },
    items: [
      { id: 'ask', kind: 'yes-no', text: text('Shall we ask?') },
      {
        id: 'hope',
        kind: 'scale',
        min: 0,
        max: 6,
        labels: [{ value: 0, text: text('none') }],
        text: text('Hope'),
        visibleWhen: { op: 'equals', item: 'ask', value: true },
      },
    ],
    notices: notices as DefinitionInput['notices'],
  };
}

const helpNotice = {
  id: 'help',
  when: { op: 'lessThan', item: 'hope', value: 2 },
  title: text('Help now'),
  text: text('Call someone'),
  contacts: [{ label: text('Emergency'), phone: '113' }],
};

function parsed(input: DefinitionInput) {
  const result = parseDefinition(input);
  if (!result.ok) throw new Error(result.problems.map((p) => `${formatPath(p.path)} ${p.message}`).join('; '));
  return result.definition;
}

describe('support notices', () => {
  it('apply when their condition holds for the answers of items that were shown', () => {
    const definition = parsed(withNotices([helpNotice]));
    expect(activeNotices(definition, { ask: { value: true }, hope: { value: 1 } }).map((n) => n.id)).toEqual(['help']);
    expect(activeNotices(definition, { ask: { value: true }, hope: { value: 4 } })).toEqual([]);
    // "hope" is hidden once "ask" is no: its answer no longer counts.
    expect(activeNotices(definition, { ask: { value: false }, hope: { value: 1 } })).toEqual([]);
    expect(activeNotices(definition, { ask: { value: true }, hope: { declined: true } })).toEqual([]);
  });

  it.each([
    [
      'an unknown item',
      [{ ...helpNotice, when: { op: 'lessThan', item: 'hop', value: 2 } }],
      '$.notices[0].when.item',
      'there is no item "hop"',
    ],
    [
      'a value the item cannot have',
      [{ ...helpNotice, when: { op: 'equals', item: 'ask', value: 'yes' } }],
      '$.notices[0].when.value',
      '"ask" is answered with true or false, not "yes"',
    ],
    ['the same id twice', [helpNotice, helpNotice], '$.notices[1].id', 'the notice id "help" is used twice'],
    ['a text missing a language', [{ ...helpNotice, text: { nb: 'Ring' } }], '$.notices[0].text', 'the "en" text is missing'],
    [
      'a phone number with letters',
      [{ ...helpNotice, contacts: [{ label: text('x'), phone: 'call 113' }] }],
      '$.notices[0].contacts[0].phone',
      'a phone number has only digits and spaces, with an optional leading "+"',
    ],
  ])('refuses %s', (_name, notices, path, message) => {
    const result = parseDefinition(withNotices(notices));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => [formatPath(p.path), p.message])).toContainEqual([path, message]);
  });
});
