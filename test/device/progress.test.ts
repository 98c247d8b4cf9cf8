// "My answers over time" on the device: which scores are kept, the receipt added later, the order,
// deleting, rows that do not parse, and a device upgraded from version 6 (on fake-indexeddb).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { describe, expect, it, test } from 'vitest';
import { type Answers } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { completeAndSeal, openDeviceDatabase, schemaVersions } from '../../src/device/index.js';
import { parsed as parsedFixture, testDefinitionInput } from './fixture.js';
import { answeredResponse, appVersion, claimedDevice } from './outbox-fixture.js';
// Not in the device index: only the lazily loaded progress screen and completion import it.
import { attachProgressReceipt, deleteProgress, listProgress, progressOf, recordProgress } from '../../src/device/progress.js';

function shipped(file: string) {
  const parsed = parseDefinition(JSON.parse(readFileSync(new URL(`../../questionnaires/${file}`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(file);
  return parsed;
}

const madrs = shipped('ect-madrs-s-2.json');
const madrsAnswers = (each: number): Answers => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, { value: each }]));

describe('progressOf', () => {
  it('keeps the scores marked showToPatient, with the band and every band for their meaning', () => {
    const row = progressOf(madrs.definition, madrs.key, 'r1', madrsAnswers(2), '2027-01-10T10:00:00.000Z');
    expect(row).toMatchObject({ responseId: 'r1', definitionId: 'ect-madrs-s', definitionKey: 'ect-madrs-s@2', receipt: null });
    expect(row?.scores).toHaveLength(1);
    expect(row?.scores[0]).toMatchObject({ scoreId: 'total', value: 18, bandId: 'mild' });
    expect(row?.scores[0]?.bands.map((b) => b.id)).toEqual(['minimal', 'mild', 'moderate', 'severe']);
  });

  it('keeps nothing for a questionnaire without such scores, or without a value', () => {
    const edeq = shipped('ede-q-6.0.1.json');
    expect(progressOf(edeq.definition, edeq.key, 'r1', {}, '2027-01-10T10:00:00.000Z')).toBeNull();
    expect(progressOf(madrs.definition, madrs.key, 'r1', {}, '2027-01-10T10:00:00.000Z')).toBeNull();
  });
});

describe('the progress table', () => {
  it('lists rows oldest first, adds the receipt later, and deletes them all', async () => {
    const db = openDeviceDatabase(`test-${crypto.randomUUID()}`);
    const later = progressOf(madrs.definition, madrs.key, 'r2', madrsAnswers(1), '2027-02-10T10:00:00.000Z');
    const earlier = progressOf(madrs.definition, madrs.key, 'r1', madrsAnswers(3), '2027-01-10T10:00:00.000Z');
    if (!later || !earlier) throw new Error('no rows');
    await recordProgress(db, later);
    await recordProgress(db, earlier);
    const receipt = { receivedAt: '2027-01-10T10:00:05.000Z', storedHash: 'abc', receipt: 'jws' };
    await attachProgressReceipt(db, 'r1', receipt);
    const rows = await listProgress(db);
    expect(rows.map((r) => [r.responseId, r.scores[0]?.value, r.receipt])).toEqual([
      ['r1', 27, receipt],
      ['r2', 9, null],
    ]);
    await deleteProgress(db);
    expect(await listProgress(db)).toEqual([]);
    db.close();
  });

  it('leaves out a row that does not parse', async () => {
    const db = openDeviceDatabase(`test-${crypto.randomUUID()}`);
    await db.progress.put({ responseId: 'bad', completedAt: '2027-01-01T00:00:00.000Z' } as never);
    expect(await listProgress(db)).toEqual([]);
    db.close();
  });

  it('is added, empty, to a device on version 6, whose data stays', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    for (const { version, stores, upgrade } of schemaVersions.filter((s) => s.version <= 6)) {
      const declared = old.version(version).stores({ ...stores });
      if (upgrade) declared.upgrade(upgrade);
    }
    await old.table('settings').put({ id: 'marker', unit: 'u1' });
    old.close();
    const db = openDeviceDatabase(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.progress.count()).toBe(0);
    expect(await db.table('settings').get('marker')).toMatchObject({ unit: 'u1' });
    db.close();
  });
});

describe('kept when a questionnaire is completed', () => {
  /** The device tests' definition with a score of the age shown to the patient. */
  const withShownScore = () => {
    const input = testDefinitionInput() as Record<string, unknown>;
    return parsedFixture({
      ...input,
      scores: [{ id: 'age_score', title: { nb: 'Alder', en: 'Age' }, kind: 'sum', items: ['age'], showToPatient: true }],
    });
  };

  test("on the patient's own phone, the shown scores are kept with the completed response", async () => {
    const { db, definition, order } = await claimedDevice(withShownScore());
    const response = await answeredResponse(db, definition, order.id, 41);
    await completeAndSeal(db, response.id, { appVersion });
    const rows = await listProgress(db);
    expect(rows.map((row) => [row.responseId, row.scores.map((s) => [s.scoreId, s.value])])).toEqual([[response.id, [['age_score', 41]]]]);
  });

  test('on a waiting-room tablet, nothing is kept', async () => {
    const { db, definition, order } = await claimedDevice(withShownScore());
    await db.settings.put({
      id: 'shared-device',
      unit: 'Poliklinikk A',
      deviceToken: 'tablet-token',
      vaultSalt: 'salt-salt-salt-salt',
      idleSeconds: 120,
      leaveVerifier: 'verifier-verifier',
      enrolledAt: new Date().toISOString(),
    });
    const response = await answeredResponse(db, definition, order.id, 41);
    await completeAndSeal(db, response.id, { appVersion });
    expect(await listProgress(db)).toEqual([]);
  });
});
