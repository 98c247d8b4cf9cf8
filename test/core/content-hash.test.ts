// The content hash: the same for the same definition however it is written, different for any
// change a patient could see.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/index.js';
import { contentHash } from '../../src/core/content-hash.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { edited, fixtureJson } from './fixtures.js';

/** Reverses the key order of every object, at every depth. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

function hashOf(input: unknown): string {
  const result = parseDefinition(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.hash;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace and undefined', () => {
    const input = { b: [3, { z: true, a: null }], a: 'x', c: { y: 1.5, x: undefined, é: 'ø' }, A: -0 };
    expect(canonicalJson(input)).toBe('{"A":0,"a":"x","b":[3,{"a":null,"z":true}],"c":{"y":1.5,"é":"ø"}}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ s: 'quote " backslash \\ newline \n tab \t <script>' })).toBe(
      '{"s":"quote \\" backslash \\\\ newline \\n tab \\t <script>"}',
    );
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('contentHash', () => {
  it('is SHA-256 of the canonical JSON, written sha256-<hex>', () => {
    // sha256("{}"), as `printf '{}' | sha256sum` gives it
    expect(contentHash({})).toBe('sha256-44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    const value = { b: 'ø', a: [1, 2] };
    const expected = createHash('sha256').update('{"a":[1,2],"b":"ø"}', 'utf8').digest('hex');
    expect(contentHash(value)).toBe(`sha256-${expected}`);
  });

  const smallForm = fixtureJson('accepted/small-form.json');
  const hash = hashOf(smallForm);

  it('does not change with key order, at any depth', () => {
    expect(hashOf(reversedKeys(smallForm))).toBe(hash);
  });

  it('ignores the $schema pointer', () => {
    expect(hashOf(edited(smallForm, { set: ['$schema'], to: './schema/definition.schema.json' }))).toBe(hash);
  });

  it.each([
    ['the title', ['title', 'nb'], 'Lite skjema!'],
    ['one character of a nested option text', ['items', 1, 'options', 1, 'text', 'en'], 'poor'],
    ['a text in an option set', ['optionSets', 'often', 0, 'text', 'en'], 'Never ever'],
    ['a text inside a group', ['items', 4, 'items', 1, 'text', 'nb'], 'Annet'],
    ['an option code', ['items', 1, 'options', 0, 'code'], 'fine'],
    ['a bound', ['items', 3, 'max'], 27],
    ['whether an item is required', ['items', 0, 'required'], false],
    ['the version', ['version'], '2'],
  ] as const)('changes with %s', (_name, path, to) => {
    expect(hashOf(edited(smallForm, { set: path, to }))).not.toBe(hash);
  });
});
