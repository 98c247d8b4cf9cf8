// Guessing access codes, measured: how many wrong codes one address, and many addresses together,
// get looked up before the register refuses them all (429 rateLimited with Retry-After).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { claimLimits } from '../../src/server/register.js';
import { tally } from '../reliability-tally.js';
import { newDevice, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeAll(async () => {
  register = await startTestRegister();
});
afterAll(async () => register.close());

async function guess(address: string) {
  const device = await newDevice();
  return register.post('/api/claim', { code: 'ABCD-EFGH-JKMN', deviceKey: device.publicJwk }, { address });
}

test('one address, then many addresses: the limits hold, and are measured for the report', async () => {
  const answers = [];
  for (let i = 0; i < claimLimits.perAddress + 5; i++) answers.push(await guess('10.1.0.1'));
  const looked = answers.filter((a) => a.json.error === 'codeUnknown').length;
  const limited = answers.filter((a) => a.status === 429 && a.json.error === 'rateLimited');
  expect(looked).toBe(claimLimits.perAddress);
  expect(limited).toHaveLength(5);
  expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThan(0);

  // Many addresses, each under its own limit: together they stop at the overall limit.
  let allLooked = looked;
  let refused = 0;
  for (let a = 2; allLooked + refused < claimLimits.overall + 40; a++)
    for (let i = 0; i < claimLimits.perAddress; i++) {
      const answer = await guess(`10.1.${a}.1`);
      if (answer.json.error === 'codeUnknown') allLooked++;
      else if (answer.json.error === 'rateLimited') refused++;
    }
  expect(allLooked).toBe(claimLimits.overall);
  expect(refused).toBeGreaterThanOrEqual(40);
  tally({
    kind: 'guessing',
    suite: 'guessing',
    perAddressPerWindow: looked,
    allAddressesPerWindow: allLooked,
    windowMinutes: claimLimits.windowMinutes,
  });
}, 60_000);
