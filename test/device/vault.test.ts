// On a shared tablet, drafts are encrypted at rest under a key from the patient's access code.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import {
  claimOrder,
  completeAndSeal,
  findVaultedResponse,
  getAnswers,
  newVaultSalt,
  openVault,
  setAnswer,
  startResponse,
  VaultLockedError,
} from '../../src/device/index.js';
import { createFakeRegister } from './fake-register.js';
import { freshDatabase, parsed, reopen } from './fixture.js';

const code = 'K7QM-3XHD-9TBW';
const fast = 1_000; // fewer PBKDF2 rounds keep the tests quick; the app uses VAULT_ITERATIONS

describe('the draft vault', () => {
  test('answers are stored encrypted: the raw rows hold no answer, and only the same code reads them', async () => {
    const db = freshDatabase();
    const salt = newVaultSalt();
    const vault = await openVault(code, salt, fast);
    const response = await startResponse(db, parsed(), 'nb', null, vault);
    await setAnswer(db, response.id, 'mood', { value: 'bad' }, vault);
    await setAnswer(db, response.id, 'comment', { value: 'a secret' }, vault);

    // Quoted, and with its space: a UUID or the base64url of the ciphertext can hold the letters
    // "bad" by chance (CI once drew a response id ending in …68bad9fa), never a whole JSON string.
    const rows = await db.answers.toArray();
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('"bad"');
    expect(raw).not.toContain('a secret');
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['answeredAt', 'encrypted', 'itemId', 'responseId']);
    await expect(getAnswers(db, response.id)).rejects.toBeInstanceOf(VaultLockedError);
    await expect(getAnswers(db, response.id, await openVault('K7QM-3XHD-9TBX', salt, fast))).rejects.toBeInstanceOf(VaultLockedError);
    // The same code, typed differently, after a reload.
    const again = await openVault(' k7qm 3xhd 9tbw ', salt, fast);
    expect(await getAnswers(reopen(db), response.id, again)).toEqual({ mood: { value: 'bad' }, comment: { value: 'a secret' } });
  });

  test("an interrupted patient is found again by their code, and nobody else's code finds them", async () => {
    const db = freshDatabase();
    const salt = newVaultSalt();
    const first = await startResponse(db, parsed(), 'nb', null, await openVault(code, salt, fast));
    await startResponse(db, parsed(), 'nb', null, await openVault('ABCD-EFGH-JKMN', salt, fast));
    expect((await findVaultedResponse(db, await openVault(code, salt, fast)))?.id).toBe(first.id);
    expect(await findVaultedResponse(db, await openVault('ZZZZ-ZZZZ-ZZZZ', salt, fast))).toBeUndefined();
  });

  test('writing without the vault is refused, and a row moved to another item does not decrypt', async () => {
    const db = freshDatabase();
    const vault = await openVault(code, newVaultSalt(), fast);
    const response = await startResponse(db, parsed(), 'nb', null, vault);
    await expect(setAnswer(db, response.id, 'mood', { value: 'good' })).rejects.toBeInstanceOf(VaultLockedError);
    await setAnswer(db, response.id, 'mood', { value: 'good' }, vault);
    const row = await db.answers.get([response.id, 'mood']);
    await db.answers.put({ ...row!, itemId: 'comment' });
    await expect(getAnswers(db, response.id, vault)).rejects.toBeInstanceOf(VaultLockedError);
  });

  test("a vaulted response is sealed with the patient's vault and its encrypted draft deleted", async () => {
    const db = freshDatabase();
    const definition = parsed();
    const register = await createFakeRegister(definition);
    const claim = await claimOrder(db, register.client, code);
    if (claim.kind !== 'claimed') throw new Error('claim failed');
    const vault = await openVault(code, newVaultSalt(), fast);
    const response = await startResponse(db, definition, 'nb', claim.order.id, vault);
    await setAnswer(db, response.id, 'mood', { value: 'good' }, vault);
    await setAnswer(db, response.id, 'age', { value: 70 }, vault);
    await expect(completeAndSeal(db, response.id, { appVersion: 'test' })).rejects.toBeInstanceOf(VaultLockedError);
    const sealed = await completeAndSeal(db, response.id, { appVersion: 'test', vault });
    expect(sealed.status).toBe('queued');
    expect(await db.answers.where('responseId').equals(response.id).count()).toBe(0);
  });
});
