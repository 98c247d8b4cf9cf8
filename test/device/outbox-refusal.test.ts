// What the outbox does not take as delivered: a submission the register refuses is kept with the
// reason and never sent again; a receipt that does not verify leaves the submission queued.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { createSyncEngine, listOutbox } from '../../src/device/index.js';
import { sealedOnce } from './outbox-fixture.js';

describe('the outbox', () => {
  test("a refusal is kept with the register's reason and never retried", async () => {
    const { db, register, sealed } = await sealedOnce();
    await db.outbox.update(sealed.submissionId, { token: sealed.token?.replace(/\.(.)/, '.A$1') ?? null }); // tampered
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await engine.sendDue();
    await engine.sendNow();
    const [row] = await listOutbox(db);
    expect(row).toMatchObject({ status: 'rejected', lastError: { error: 'invalidToken' } });
    expect(register.requestCount()).toBe(1);
    expect(register.stored.size).toBe(0);
  });

  test('a receipt that does not verify is not taken as an acknowledgement', async () => {
    const { db, register, sealed } = await sealedOnce();
    const forged = {
      ...register.client,
      submit: async (token: string) => {
        const outcome = await register.client.submit(token);
        return outcome.kind === 'ok'
          ? { ...outcome, value: { ...outcome.value, receipt: outcome.value.receipt.slice(0, -4) + 'AAAA' } }
          : outcome;
      },
    };
    await createSyncEngine({ db, client: forged, isOnline: () => true, exclusive: (t) => t() }).sendDue();
    expect((await listOutbox(db))[0]).toMatchObject({ submissionId: sealed.submissionId, status: 'queued', waitingFor: 'failure' });
  });
});
