import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDeviceDatabase, schemaVersions } from '../../src/device/index.js';

describe('the device schema', () => {
  it('is a list of versions that only grows: 1, 2, 3, …', () => {
    expect(schemaVersions.map((v) => v.version)).toEqual(schemaVersions.map((_, i) => i + 1));
  });

  it('keeps shipped versions as they shipped', () => {
    // Devices already hold these; change the schema by appending a version instead.
    expect(schemaVersions[0]?.stores).toEqual({
      definitions: 'key',
      responses: 'id, definitionKey, status, updatedAt',
      answers: '[responseId+itemId], responseId',
    });
  });

  it('opens at the newest version, under the default name unless told otherwise', async () => {
    const db = openDeviceDatabase(`test-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(schemaVersions.at(-1)?.version);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['answers', 'definitions', 'responses']);
    db.close();
    expect(openDeviceDatabase().name).toBe('eprom');
  });
});
