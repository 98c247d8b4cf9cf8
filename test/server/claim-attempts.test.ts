// The claim-attempt table holds what the limits need and no more (issue 14, item 3): a claim that
// succeeds leaves no row, however often the same device claims again, and attempts that have left
// every limit window are pruned, while the limits themselves still hold.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { admitClaimAttempt, claimLimits } from '../../src/server/claim-admission.js';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { tally } from '../reliability-tally.js';
import { claim, createOrder, newDevice, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const rows = () => register.store.withClaimAttempts((attempts) => attempts.countAll());
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('the claim-attempt table stays small', () => {
  test('many successful claims from one code, by the same device, leave no rows', async () => {
    const created = await createOrder(register);
    const device = await newDevice();
    const claims = 40;
    for (let i = 0; i < claims; i++) await claim(register, created.accessCode, device);
    const count = await rows();
    tally({ kind: 'badInput', suite: 'claim-attempts', name: 'repeated claims grow the table', isRefused: count === 0 });
    expect(count).toBe(0);
  });

  test('failed attempts that have left every limit window (the longest is a day) are pruned at the next admission', async () => {
    await register.store.withClaimAttempts(async (attempts) => {
      for (let i = 0; i < 25; i++) await attempts.record(`10.1.0.${i}`, minutesAgo(claimLimits.dayHours * 60 + 1 + i));
      await attempts.record('10.1.1.1', minutesAgo(claimLimits.windowMinutes + 1));
      await attempts.record('10.1.1.2', minutesAgo(1));
    });
    expect(await rows()).toBe(27);
    const { keys } = await loadRegisterKeys(register.dataDir);
    await admitClaimAttempt(register.store, '10.2.0.1', new Date(), { keys, purpose: 'claim', code: 'ZZZZ-ZZZZ-ZZZZ', proof: undefined });
    // The failures within the day (they count for the daily limit) and the new admission stay; everything older is gone.
    expect(await rows()).toBe(3);
  });

  test('the per-address limit still holds, and a success does not free a failed slot', async () => {
    const created = await createOrder(register);
    for (let i = 0; i < claimLimits.perAddress - 1; i++)
      expect(
        (await register.post('/api/claim', { code: 'ZZZZ-ZZZZ-ZZZZ', deviceKey: (await newDevice()).publicJwk }, { address: '10.3.0.1' }))
          .status,
      ).toBe(404);
    await claim(register, created.accessCode, await newDevice(), '10.3.0.1');
    expect(
      (await register.post('/api/claim', { code: 'ZZZZ-ZZZZ-ZZZZ', deviceKey: (await newDevice()).publicJwk }, { address: '10.3.0.1' }))
        .status,
    ).toBe(404);
    const refused = await register.post(
      '/api/claim',
      { code: created.accessCode, deviceKey: (await newDevice()).publicJwk },
      { address: '10.3.0.1' },
    );
    expect([refused.status, refused.json.error]).toEqual([429, 'rateLimited']);
    expect(await rows()).toBe(claimLimits.perAddress);
  });
});
