// The app's catalogue of shipped questionnaires: the build lists the content hash of each file that
// passes every check and the hash of its text, and the app trusts a text that hashes the same without
// checking it again (the first page then does not wait for the schema, the checks or the canonical
// JSON); a file that has changed since, even only in its layout, names another questionnaire, or was
// not vouched for is checked in full and shown with what is wrong.
import { createHash } from 'node:crypto';
import { expect, test, vi } from 'vitest';
import { buildIndex } from '../../scripts/questionnaires-plugin.js';
import { readCatalogueDefinition, type CatalogueEntry } from '../../src/app/catalogue.js';
import { contentHash } from '../../src/core/content-hash.js';
import smallJson from '../fixtures/definitions/accepted/small-form.json';
import brokenJson from '../fixtures/definitions/rejected/broken-references.json';

const small = JSON.stringify(smallJson, null, 2);
const broken = JSON.stringify(brokenJson);
const smallHash = contentHash(JSON.parse(small) as object);

test('the build lists the hash of each file that passes every check, and none for one that does not', () => {
  const { questionnaires } = buildIndex([
    { file: 'small.json', source: small },
    { file: 'broken.json', source: broken },
  ]);
  expect(questionnaires.map((entry) => [entry.file, entry.checked, entry.textHash])).toEqual([
    ['small.json', smallHash, textHashOf(small)],
    ['broken.json', undefined, undefined],
  ]);
});

const textHashOf = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** An entry as the build lists it, vouching for `checked` with the hash of `vouchedText`. */
function entryOf(text: string, checked: string | undefined, file = 'x.json', vouchedText = text): CatalogueEntry {
  const { id, version } = JSON.parse(text) as { id: string; version: string };
  return {
    key: `${id}@${version}`,
    file,
    title: { en: id },
    ...(checked === undefined ? {} : { checked, textHash: textHashOf(vouchedText) }),
  };
}

test('a file that hashes as the build checked it is read without the checks', async () => {
  vi.doMock('../../src/core/parse-definition.js', () => {
    throw new Error('the checks were loaded');
  });
  try {
    const result = await readCatalogueDefinition(entryOf(small, smallHash), small);
    expect(result).toMatchObject({ ok: true, hash: smallHash, key: 'small-form@1' });
    if (result.ok) expect(result.definition).toEqual(JSON.parse(small));
  } finally {
    vi.doUnmock('../../src/core/parse-definition.js');
  }
});

test('a file changed since the build, or one the build did not vouch for, is checked in full and its problems shown', async () => {
  // listed with the hashes of another file: this one changed after the build checked it
  for (const checked of [smallHash, undefined]) {
    const result = await readCatalogueDefinition(entryOf(broken, checked, 'x.json', small), broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
  }
});

test('the same content laid out otherwise is not what the build read: it is checked in full, and has the same content hash', async () => {
  const relaid = JSON.stringify(JSON.parse(small));
  const loaded = vi.fn();
  vi.doMock('../../src/core/parse-definition.js', async (original) => {
    loaded();
    return original();
  });
  try {
    expect(await readCatalogueDefinition(entryOf(relaid, smallHash, 'x.json', small), relaid)).toMatchObject({ ok: true, hash: smallHash });
    expect(loaded).toHaveBeenCalled();
  } finally {
    vi.doUnmock('../../src/core/parse-definition.js');
  }
});

test('a file listed under another questionnaire is checked in full too, and so is text that is not JSON', async () => {
  const other = { ...entryOf(small, smallHash), key: 'another@1' };
  expect(await readCatalogueDefinition(other, small)).toMatchObject({ ok: true, key: 'small-form@1' });
  const notJson = await readCatalogueDefinition(entryOf(small, smallHash), '{ "id": ');
  expect(notJson.ok).toBe(false);
});
