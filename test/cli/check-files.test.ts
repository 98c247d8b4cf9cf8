// Which files `check` reads: the folders searched, the files named, what is missing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectDefinitionFiles } from '../../src/cli/files.js';
import { projectRoot } from '../core/fixtures.js';

describe('collectDefinitionFiles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'eprom-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('searches folders for *.json files in name order, leaving out schema/ and hidden folders', () => {
    for (const folderName of ['b', 'a/deeper', 'schema', '.hidden', 'node_modules/x'])
      mkdirSync(join(scratch, folderName), { recursive: true });
    for (const file of [
      'z.json',
      'b/one.json',
      'a/deeper/two.json',
      'a/notes.txt',
      'schema/definition.schema.json',
      '.hidden/x.json',
      'node_modules/x/y.json',
    ])
      writeFileSync(join(scratch, file), '{}');
    expect(collectDefinitionFiles(['.'], scratch)).toEqual({ files: ['a/deeper/two.json', 'b/one.json', 'z.json'], missing: [] });
  });

  it('takes a file named explicitly whatever its name, once, and lists what does not exist', () => {
    expect(collectDefinitionFiles(['a/notes.txt', 'b', 'b/one.json', 'nope'], scratch)).toEqual({
      files: ['a/notes.txt', 'b/one.json'],
      missing: ['nope'],
    });
  });

  it('finds the shipped questionnaires but not their schema', () => {
    const { files } = collectDefinitionFiles(['questionnaires'], projectRoot);
    expect(files).toContain('questionnaires/demo-wellbeing.json');
    expect(files.some((file) => file.includes('schema'))).toBe(false);
  });
});
