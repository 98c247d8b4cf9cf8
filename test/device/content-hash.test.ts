// The app's content hash (WebCrypto) against the register's and the command line's (noble's SHA-256):
// a definition must hash the same on every side, or the register cannot tell which text was seen.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/content-hash.js';
import { digestContentHash } from '../../src/device/content-hash.js';
import { definitionsFolder, projectRoot } from '../core/fixtures.js';

function jsonFiles(folder: string): [string, unknown][] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [name, JSON.parse(readFileSync(folder + name, 'utf8')) as unknown]);
}

describe('digestContentHash', () => {
  it.each([
    ['an empty object', {}],
    ['text outside ASCII, nested and in any key order', { b: 'æøå – “ok” 😀', a: [1, 2.5, { d: null, c: true }] }],
    ['a $schema pointer, which is left out', { $schema: './schema/definition.schema.json', id: 'x' }],
  ])('agrees with contentHash on %s', async (_name, value) => {
    expect(await digestContentHash(value)).toBe(contentHash(value));
  });

  it.each([...jsonFiles(`${projectRoot}questionnaires/`), ...jsonFiles(`${definitionsFolder}accepted/`)])(
    'agrees with contentHash on %s',
    async (_name, definition) => {
      expect(await digestContentHash(definition as object)).toBe(contentHash(definition as object));
    },
  );
});
