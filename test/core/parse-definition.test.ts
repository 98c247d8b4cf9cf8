// Which definitions are accepted, and how definition text is read.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leafItems, optionSetOf, pagesOf, type Definition } from '../../src/core/index.js';
import { parseDefinition, parseDefinitionText } from '../../src/core/parse-definition.js';
import { parseJson } from '../../src/core/json-locate.js';
import { accepted, definitionsFolder, fixtureJson, fixtureText, projectRoot } from './fixtures.js';
import { smallForm, text } from './parse-definition-fixtures.js';

describe('accepted definitions', () => {
  it.each(readdirSync(`${definitionsFolder}accepted`))('accepts fixture %s', (name) => {
    accepted(fixtureJson(`accepted/${name}`));
  });

  it('accepts the shipped demo, which uses every item kind on six pages', () => {
    const definition = accepted(JSON.parse(readFileSync(`${projectRoot}questionnaires/demo-wellbeing.json`, 'utf8')));
    const kinds = new Set(leafItems(definition).map((item) => item.kind));
    expect([...kinds].sort()).toEqual([
      'date',
      'decimal',
      'display',
      'integer',
      'long-text',
      'multiple-choice',
      'scale',
      'single-choice',
      'text',
      'yes-no',
    ]);
    expect(pagesOf(definition)).toHaveLength(6);
    expect(definition.languages).toEqual(['nb', 'nn', 'en']);
  });

  it('keeps hostile texts exactly as written: they are data, escaped by the renderer', () => {
    const definition = accepted(fixtureJson('accepted/hostile-texts.json'));
    expect(definition.title).toEqual({ nb: '<script>alert(1)</script>', en: '<img src=x onerror=alert(1)>' });
    expect(optionSetOf(definition, 'valueOf')?.[1]?.text.nb).toBe('\u202Eesrever\u202C 🙂');
    expect(definition.items[0]).toMatchObject({ id: 'constructor', optionSet: 'valueOf' });
    expect(definition.items[1]).toMatchObject({ id: 'toString', help: { nb: '\\u003cscript\\u003e', en: 'line one\nline two' } });
  });

  it('fills in nothing the author did not write (defaults are applied where they are used)', () => {
    const definition: Definition = accepted(smallForm());
    expect(definition.items[0]).toEqual({ id: 'smoke', kind: 'yes-no', text: text('Røyker du?', 'Do you smoke?') });
  });
});

describe('reading definition text', () => {
  it('reports text that is not JSON, with its line and column', () => {
    const source = fixtureText('rejected/not-json.json');
    const result = parseDefinitionText(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/^not valid JSON: /);
    expect(parseJson(source)).toMatchObject({ ok: false, line: 6, column: 18 });
  });

  it('reads valid text the same as its parsed JSON', () => {
    const source = fixtureText('accepted/small-form.json');
    const result = parseDefinitionText(source);
    expect(result).toMatchObject({ ok: true, key: 'small-form@1' });
    expect(result).toEqual(parseDefinition(JSON.parse(source)));
  });
});
