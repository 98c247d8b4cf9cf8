// Guessing access codes, measured: how many wrong codes one address gets looked up in ten minutes
// and in a day before the register refuses it (429 rateLimited with Retry-After), and that many
// addresses together refuse no one but make every claim pay a proof of work.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ProofOfWorkChallenge } from '../../src/core/index.js';
import { solveProofOfWork } from '../../src/device/proof-of-work.js';
import { claimLimits } from '../../src/server/register.js';
import { tally } from '../reliability-tally.js';
import { newDevice, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeAll(async () => {
  register = await startTestRegister();
});
afterAll(async () => register.close());

const code = 'ABCD-EFGH-JKMN';

/** A wrong code from this address, paying the proof of work when the register asks for one. */
async function guess(address: string) {
  const deviceKey = (await newDevice()).publicJwk;
  const answer = await register.post('/api/claim', { code, deviceKey }, { address });
  if (answer.status !== 428) return { ...answer, difficulty: 0 };
  const challenge = answer.json.proofOfWork as ProofOfWorkChallenge;
  const proof = await solveProofOfWork(challenge, code);
  return { ...(await register.post('/api/claim', { code, deviceKey, proof }, { address })), difficulty: challenge.difficulty };
}

test('one address per window and per day, then many addresses: measured for the report', async () => {
  const answers = [];
  for (let i = 0; i < claimLimits.perAddress + 5; i++) answers.push(await guess('10.1.0.1'));
  const looked = answers.filter((a) => a.json.error === 'codeUnknown').length;
  const limited = answers.filter((a) => a.status === 429 && a.json.error === 'rateLimited');
  expect(looked).toBe(claimLimits.perAddress);
  expect(limited).toHaveLength(5);
  expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThan(0);

  // A day: earlier failures from another address (two hours ago and before), then guesses until it is refused.
  await register.store.withClaimAttempts(async (attempts) => {
    for (let i = 0; i < claimLimits.perAddressPerDay - 5; i++)
      await attempts.record('10.2.0.1', new Date(Date.now() - (2 + i * 0.5) * 3600_000).toISOString());
  });
  let lookedToday = claimLimits.perAddressPerDay - 5;
  while ((await guess('10.2.0.1')).json.error === 'codeUnknown') lookedToday++;
  expect(lookedToday).toBe(claimLimits.perAddressPerDay);

  // Many addresses, each within its own limits: every guess is looked up (and fails), none is refused; they pay proofs.
  let refused = 0;
  let difficulty = 0;
  for (let a = 3; a < 33; a++)
    for (let i = 0; i < claimLimits.perAddress; i++) {
      const answer = await guess(`10.1.${a}.1`);
      if (answer.status === 429) refused++;
      difficulty = Math.max(difficulty, answer.difficulty);
    }
  expect(refused).toBe(0);
  expect(difficulty).toBeGreaterThan(0);
  tally({
    kind: 'guessing',
    suite: 'guessing',
    perAddressPerWindow: looked,
    perAddressPerDay: lookedToday,
    windowMinutes: claimLimits.windowMinutes,
    refusedFromAddressesWithinLimits: refused,
    proofBitsAsked: difficulty,
  });
}, 60_000);
