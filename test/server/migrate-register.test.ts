// A SQLite register moved to PostgreSQL (migrate-fixture.ts) and run there with the same keys.
// Devices and staff must not notice: a retried submission gets its receipt, a claimed order stays
// claimed, the released one can be claimed, the tablet and the failed claims carry over, and the
// order list and the exports are the same.
import path from 'node:path';
import { expect, test } from 'vitest';
import { describeOnPostgres, useMigratedRegister } from './migrate-fixture.js';
import { createOrder, newDevice, startTestRegister } from './setup.js';

describeOnPostgres('migrate-to-postgres', () => {
  const state = useMigratedRegister();

  test('a register on PostgreSQL with the same keys: retries get their receipts, claims hold, staff see the same', async () => {
    const { sqlite, database, before } = state;
    const register = await startTestRegister({
      store: 'postgres',
      database: { url: database.url, drop: async () => undefined },
      env: { REGISTER_KEYS_FILE: path.join(sqlite.dataDir, 'keys.json') },
    });
    try {
      expect((await register.staff('GET', '/api/orders')).json).toEqual(before.orders);
      expect((await register.staff('GET', '/api/export.json')).body).toBe(before.exportJson);
      expect((await register.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1')).body).toBe(before.exportCsv);

      // The device never heard its answer and sends the same sealed submission again.
      const retry = await register.post('/api/submissions', { token: before.retry.token });
      expect(retry.status).toBe(200);
      expect(retry.json).toEqual(before.retry.receipt);
      expect(await register.store.countSubmissions()).toBe(2);

      // The claimed order: another device is refused, its own device is let in again.
      const intruder = await register.post('/api/claim', { code: before.claimed.code, deviceKey: (await newDevice()).publicJwk });
      expect([intruder.status, intruder.json.error]).toEqual([409, 'orderClaimed']);
      expect((await register.post('/api/claim', { code: before.claimed.code, deviceKey: before.claimed.device.publicJwk })).status).toBe(
        200,
      );
      // The released order: a new device may claim it.
      expect((await register.post('/api/claim', { code: before.released.code, deviceKey: (await newDevice()).publicJwk })).status).toBe(
        200,
      );
      // The enrolled tablet still lists its unit's order.
      const listed = await register.app.inject({
        method: 'GET',
        url: '/api/tablets/orders',
        headers: { authorization: `Bearer ${before.tabletToken}` },
      });
      expect(listed.json().orders).toHaveLength(1);
      // The failed claims came along: the address that tried 3 wrong codes has 7 left, not 10.
      for (let i = 0; i < 7; i++)
        expect(
          (await register.post('/api/claim', { code: 'AAAA-AAAA-AAAA', deviceKey: (await newDevice()).publicJwk }, { address: '10.9.9.9' }))
            .status,
        ).toBe(404);
      expect(
        (await register.post('/api/claim', { code: 'AAAA-AAAA-AAAA', deviceKey: (await newDevice()).publicJwk }, { address: '10.9.9.9' }))
          .status,
      ).toBe(429);
      // New rows get new ids after the copied ones.
      expect((await createOrder(register)).accessCode).toBeTruthy();
    } finally {
      await register.close();
    }
  });
});
