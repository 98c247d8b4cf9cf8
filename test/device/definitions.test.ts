import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DefinitionConflictError,
  listDefinitionTitles,
  loadDefinition,
  storeDefinition,
  StoredDefinitionError,
  StoredRowError,
  type DeviceDatabase,
} from '../../src/device/index.js';
import { parseDefinition, parseDefinitionShape } from '../../src/core/parse-definition.js';
import { claimOrder } from '../../src/device/claim.js';
import { createFakeRegister } from './fake-register.js';
import { freshDatabase, parsed, reopen, testDefinitionInput } from './fixture.js';

const opened: DeviceDatabase[] = [];
function track(db: DeviceDatabase): DeviceDatabase {
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('definitions on the device', () => {
  it('load as they were stored, after a reload', async () => {
    const db = track(freshDatabase());
    const definition = parsed();
    await storeDefinition(db, definition);
    db.close();

    const reloaded = track(reopen(db));
    expect(await loadDefinition(reloaded, definition.key)).toEqual(definition);
    expect(await loadDefinition(reloaded, 'missing@1')).toBeUndefined();
  });

  it('store the same content twice without complaint', async () => {
    const db = track(freshDatabase());
    await storeDefinition(db, parsed());
    await storeDefinition(db, parsed());
    expect(await db.definitions.count()).toBe(1);
  });

  it('refuse different content under the same id and version', async () => {
    const db = track(freshDatabase());
    const original = parsed();
    await storeDefinition(db, original);
    const changed = parsed(testDefinitionInput({ title: { nb: 'Endret', en: 'Changed' } }));

    const error = await storeDefinition(db, changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionConflictError);
    expect(error).toMatchObject({ key: original.key, storedHash: original.hash, newHash: changed.hash });
    expect(await loadDefinition(db, original.key)).toEqual(original);
  });

  it('keep versions of the same questionnaire apart', async () => {
    const db = track(freshDatabase());
    await storeDefinition(db, parsed());
    const second = parsed(testDefinitionInput({ version: '2' }));
    await storeDefinition(db, second);
    expect((await loadDefinition(db, 'device-test@2'))?.hash).toBe(second.hash);
  });
});

describe('a damaged stored definition', () => {
  async function storedThenChanged(change: Record<string, unknown>) {
    const db = track(freshDatabase());
    const definition = parsed();
    await storeDefinition(db, definition);
    await db.table('definitions').update(definition.key, change);
    return { db, key: definition.key };
  }

  it('that no longer parses gives a clear error: its content no longer has the hash it was checked under', async () => {
    const json = { ...testDefinitionInput(), items: [] };
    const { db, key } = await storedThenChanged({ json });
    await expect(loadDefinition(db, key)).rejects.toThrow(StoredDefinitionError);
    await expect(loadDefinition(db, key)).rejects.toThrow(/device-test@1 cannot be used: its content hash is sha256-/);
  });

  it('whose content no longer matches its hash gives a clear error', async () => {
    const json = testDefinitionInput({ title: { nb: 'Tuklet', en: 'Tampered' } });
    const { db, key } = await storedThenChanged({ json });
    await expect(loadDefinition(db, key)).rejects.toThrow(/content hash/);
  });

  it('stored under another key gives a clear error', async () => {
    const json = testDefinitionInput({ version: '9' });
    const { db, key } = await storedThenChanged({ json });
    await expect(loadDefinition(db, key)).rejects.toThrow(/device-test@9/);
  });

  it('is left out of the list of titles, which names the others with their number of questions', async () => {
    const { db, key } = await storedThenChanged({ json: { ...testDefinitionInput(), items: [] } });
    const second = parsed(testDefinitionInput({ version: '2' }));
    await storeDefinition(db, second);
    const titles = await listDefinitionTitles(db);
    expect([...titles.keys()]).toEqual([second.key]);
    expect(titles.get(second.key)).toEqual({ title: second.definition.title, languages: ['nb', 'en'], itemCount: 4 });
    expect(titles.has(key)).toBe(false);
  });

  it('whose row has the wrong shape gives a clear error, also when storing again', async () => {
    const { db, key } = await storedThenChanged({ hash: 42 });
    await expect(loadDefinition(db, key)).rejects.toThrow(StoredRowError);
    await expect(storeDefinition(db, parsed())).rejects.toThrow(/definitions row device-test@1.*\$\.hash/);
  });
});

describe('where a definition enters the device', () => {
  it('a claim checks every definition in full: one whose references are broken is refused and nothing is kept', async () => {
    const broken = testDefinitionInput();
    const details = broken.items[1] as { items: { visibleWhen?: unknown }[] };
    details.items[0]!.visibleWhen = { op: 'equals', item: 'no-such-item', value: 'bad' };
    // Its shape is a definition's (a later read checks only that and the hash); its references are not.
    const shape = parseDefinitionShape(broken);
    if (!shape.ok) throw new Error('the broken definition should have the right shape');
    expect(parseDefinition(broken).ok).toBe(false);
    const register = await createFakeRegister(shape);
    const db = track(freshDatabase());
    const result = await claimOrder(db, register.client, 'ABCD-EFGH-JKMN');
    expect(result).toMatchObject({ kind: 'refused', error: { message: expect.stringContaining('does not match the order') } });
    expect(await db.orders.count()).toBe(0);
    expect(await db.definitions.count()).toBe(0);
  });
});
