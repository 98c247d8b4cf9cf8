// Several answers written in one transaction (setAnswers): a repeating group's new list of entries
// and the removed entry's answers deleted together, or nothing at all.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import {
  getAnswers,
  getResponse,
  newVaultSalt,
  openVault,
  ResponseClosedError,
  setAnswer,
  setAnswers,
  startResponse,
  VaultLockedError,
} from '../../src/device/index.js';
import { closeTracked, freshDatabase, parsed, reopen, track } from './fixture.js';

afterEach(() => closeTracked());

/** A list of three entries with a name in each, as the app stores them. */
async function threeEntries() {
  const db = track(freshDatabase());
  const response = await startResponse(db, parsed(), 'nb');
  await setAnswer(db, response.id, 'meds', { value: ['1', '2', '3'] });
  for (const entry of ['1', '2', '3']) await setAnswer(db, response.id, `meds.${entry}.name`, { value: `medicine ${entry}` });
  return { db, response };
}

describe('writing several answers together', () => {
  test('the new list and the removed entry deleted are stored together, and survive a reload', async () => {
    const { db, response } = await threeEntries();
    const before = (await getResponse(db, response.id))?.updatedAt ?? '';
    await setAnswers(db, response.id, [
      ['meds', { value: ['1', '3'] }],
      ['meds.2.name', null],
      ['meds.2.form', null], // never answered: deleting it is harmless
    ]);
    db.close();
    const reloaded = track(reopen(db));
    expect(await getAnswers(reloaded, response.id)).toEqual({
      meds: { value: ['1', '3'] },
      'meds.1.name': { value: 'medicine 1' },
      'meds.3.name': { value: 'medicine 3' },
    });
    expect((await getResponse(reloaded, response.id))?.updatedAt.localeCompare(before)).toBeGreaterThanOrEqual(0);
  });

  test('when the transaction fails, none of the writes is kept', async () => {
    const db = track(freshDatabase());
    const vault = await openVault('K7QM-3XHD-9TBW', newVaultSalt(), 1_000);
    const response = await startResponse(db, parsed(), 'nb', null, vault);
    await setAnswer(db, response.id, 'meds.1.name', { value: 'kept' }, vault);
    // Without the vault, the writes go out in the transaction and the vault check then aborts it.
    await expect(
      setAnswers(db, response.id, [
        ['meds', { value: [] }],
        ['meds.1.name', null],
      ]),
    ).rejects.toBeInstanceOf(VaultLockedError);
    expect(await getAnswers(db, response.id, vault)).toEqual({ 'meds.1.name': { value: 'kept' } });
    expect(await db.answers.count()).toBe(1);
  });

  test('on a shared tablet every answer is stored encrypted', async () => {
    const db = track(freshDatabase());
    const vault = await openVault('K7QM-3XHD-9TBW', newVaultSalt(), 1_000);
    const response = await startResponse(db, parsed(), 'nb', null, vault);
    await setAnswers(
      db,
      response.id,
      [
        ['meds', { value: ['1', '2'] }],
        ['meds.2.name', { value: 'a secret medicine' }],
      ],
      vault,
    );
    expect(JSON.stringify(await db.answers.toArray())).not.toContain('a secret medicine');
    expect(await getAnswers(db, response.id, vault)).toEqual({
      meds: { value: ['1', '2'] },
      'meds.2.name': { value: 'a secret medicine' },
    });
  });

  test('a response that does not exist takes no answers, and an answer of the wrong shape is refused before any write', async () => {
    const { db, response } = await threeEntries();
    await expect(setAnswers(db, 'no-such-response', [['meds', { value: ['1'] }]])).rejects.toBeInstanceOf(ResponseClosedError);
    expect(await db.answers.where('responseId').equals('no-such-response').count()).toBe(0);
    const wrong = { value: ['1'], extra: true } as unknown as { value: string[] };
    await expect(
      setAnswers(db, response.id, [
        ['meds.1.name', null],
        ['meds', wrong],
      ]),
    ).rejects.toBeInstanceOf(TypeError);
    expect(await getAnswers(db, response.id)).toMatchObject({ 'meds.1.name': { value: 'medicine 1' } });
  });
});
