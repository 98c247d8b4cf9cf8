// Finding a JSON path's line and column in the source text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexJson, locateJsonPath, parseJson } from '../../src/cli/json-locate.js';
import type { JsonPath } from '../../src/core/index.js';
import { projectRoot } from '../core/fixtures.js';

// Lines and columns are counted from 1.
const source = [
  '{', // 1
  '  "id": "x",', // 2
  '  "items": [', // 3
  '    { "id": "a", "text": { "nb": "[{\\"}]", "en": "b" } },', // 4
  '    {', // 5
  '      "id": "b\\\\",', // 6
  '      "labels": [[1, 2e-3], [], {}, true, null, -0.5],', // 7
  '      "we\\u0069rd \\"key\\"": "c"', // 8
  '    }', // 9
  '  ]', // 10
  '}', // 11
].join('\n');

describe('locateJsonPath', () => {
  it('agrees with JSON.parse about the text it reads', () => {
    expect(JSON.parse(source)).toMatchObject({ items: [{ text: { nb: '[{"}]' } }, { id: 'b\\', 'weird "key"': 'c' }] });
    expect(indexJson(source).errorOffset).toBeUndefined();
  });

  it.each<[JsonPath, number, number]>([
    [[], 1, 1],
    [['id'], 2, 3],
    [['items'], 3, 3],
    [['items', 0], 4, 5],
    [['items', 0, 'id'], 4, 7],
    [['items', 0, 'text'], 4, 18],
    [['items', 0, 'text', 'nb'], 4, 28],
    [['items', 0, 'text', 'en'], 4, 44], // after a string holding brackets and an escaped quote
    [['items', 1], 5, 5],
    [['items', 1, 'id'], 6, 7],
    [['items', 1, 'labels'], 7, 7],
    [['items', 1, 'labels', 0], 7, 18],
    [['items', 1, 'labels', 0, 1], 7, 22],
    [['items', 1, 'labels', 1], 7, 29],
    [['items', 1, 'labels', 2], 7, 33],
    [['items', 1, 'labels', 3], 7, 37],
    [['items', 1, 'labels', 4], 7, 43],
    [['items', 1, 'labels', 5], 7, 49],
    [['items', 1, 'weird "key"'], 8, 7], // a key written with escapes is found by its value
  ])('finds %j at line %i, column %i', (path, line, column) => {
    expect(locateJsonPath(source, path)).toEqual({ line, column });
  });

  it('places a path that is not in the text at its nearest ancestor', () => {
    expect(locateJsonPath(source, ['items', 0, 'text', 'nn'])).toEqual({ line: 4, column: 18 });
    expect(locateJsonPath(source, ['items', 7, 'id'])).toEqual({ line: 3, column: 3 });
    expect(locateJsonPath(source, ['nothing', 'here'])).toEqual({ line: 1, column: 1 });
  });

  it('counts lines the same with Windows line endings', () => {
    expect(locateJsonPath(source.replaceAll('\n', '\r\n'), ['items', 1, 'labels', 3])).toEqual({ line: 7, column: 37 });
  });

  it('takes the last of two equal keys, as JSON.parse does', () => {
    expect(locateJsonPath('{"a": 1,\n "a": 2}', ['a'])).toEqual({ line: 2, column: 2 });
  });

  it('points every key of the demo questionnaire at that key in the file', () => {
    const demo = readFileSync(`${projectRoot}questionnaires/demo-wellbeing.json`, 'utf8');
    const { offsets, errorOffset } = indexJson(demo);
    expect(errorOffset).toBeUndefined();
    expect(offsets.size).toBeGreaterThan(300);
    for (const [key, offset] of offsets) {
      const path = JSON.parse(key) as JsonPath;
      const last = path[path.length - 1];
      if (typeof last === 'string') expect(demo.startsWith(JSON.stringify(last), offset)).toBe(true);
    }
  });
});

describe('indexJson', () => {
  it.each([
    ['{"a":}', 5],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['', 0],
    ['{"a": "unterminated', 19],
    ['{"a": "bad \\q escape"}', 11],
    ['{"a": tru}', 6],
    ['{"a": 01}', 7],
    ['{} x', 3],
    ['{"a": "tab\there"}', 10],
    // Strict JSON, as JSON.parse reads it: no comments, no trailing commas.
    ['// a comment\n{}', 0],
    ['{"a": 1 /* a comment */}', 8],
    ['[1, 2,]', 6],
    ['{"a": "line\nbreak"}', 11],
  ])('finds where %j stops being JSON: offset %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(indexJson(text).errorOffset).toBe(offset);
  });

  it('accepts what JSON.parse accepts', () => {
    for (const text of ['0', '"x"', ' [ ] ', '{"a":[{"b":[-1.5E+2,true,false,null,"\\u00e6\\n"]}]}'])
      expect(indexJson(text).errorOffset).toBeUndefined();
  });
});

describe('parseJson', () => {
  it('gives the value JSON.parse gives, or a message and the line and column where the text stops being JSON', () => {
    expect(parseJson('{"a": [1, "b", null]}')).toMatchObject({ ok: true, value: { a: [1, 'b', null] } });
    expect(parseJson('{\n  "a": 1,\n}')).toEqual({
      ok: false,
      message: 'not valid JSON: Expected double-quoted property name',
      line: 3,
      column: 1,
    });
    expect(parseJson('{\n  // note\n  "a": 1\n}')).toEqual({
      ok: false,
      message: "not valid JSON: Unexpected token '/': JSON has no comments",
      line: 2,
      column: 3,
    });
    expect(parseJson('[1 2]')).toMatchObject({ ok: false, message: "not valid JSON: Expected ',' or ']' after array element", column: 4 });
    expect(parseJson('')).toMatchObject({ ok: false, message: 'not valid JSON: Unexpected end of JSON input', line: 1, column: 1 });
  });
});
