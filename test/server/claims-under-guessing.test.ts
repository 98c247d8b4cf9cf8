// Issue 14, item 1: guessing from many addresses at once no longer locks anyone out. Failures from
// everywhere make claims pay a proof of work; a valid code from an address within its own limits
// still claims, and so do a device claiming again and a tablet's enrolment.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type ProofOfWork, type ProofOfWorkChallenge } from '../../src/core/index.js';
import { isProofOfWorkSolved } from '../../src/core/protocol/proof-of-work-hash.js';
import { solveProofOfWork } from '../../src/device/proof-of-work.js';
import { claimLimits } from '../../src/server/claim-admission.js';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { issueChallenge, proofOfWorkLimits } from '../../src/server/proof-of-work.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { createOrder, newDevice, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const wrongCode = 'ZZZZ-ZZZZ-ZZZZ';
const failedFrom = (address: string) => register.store.countFailedClaims('2000-01-01T00:00:00Z', address);

async function claimWith(code: string, address: string, deviceKey: unknown, proof?: ProofOfWork) {
  return register.post('/api/claim', { code, deviceKey, ...(proof ? { proof } : {}) }, { address });
}

/** A wrong code, with the proof paid when the register asks for one. */
async function guessPaying(address: string, deviceKey: unknown) {
  const answer = await claimWith(wrongCode, address, deviceKey);
  return answer.status === 428 ? claimWith(wrongCode, address, deviceKey, await solved(answer, wrongCode)) : answer;
}

async function solved(answer: { json: Record<string, unknown> }, code: string): Promise<ProofOfWork> {
  const proof = await solveProofOfWork(answer.json.proofOfWork as ProofOfWorkChallenge, code);
  if (!proof) throw new Error('no proof');
  return proof;
}

/** A wrong code the proof does not happen to solve as well (one in 2^difficulty would). */
function otherCode(proof: ProofOfWork): string {
  const bits = Number(proof.challenge.split('.')[1]);
  const codes = ['ZZZZ-ZZZZ-ZZZ2', 'ZZZZ-ZZZZ-ZZZ3', 'ZZZZ-ZZZZ-ZZZ4'];
  return codes.find((code) => !isProofOfWorkSolved(proof.challenge, code, proof.nonce, bits)) ?? wrongCode;
}

/** Failed claims from `addresses` addresses, `each` from every one, recorded as the admission records them. */
async function recordFailures(addresses: number, each: number, at = new Date()) {
  await register.store.withClaimAttempts(async (attempts) => {
    for (let a = 0; a < addresses; a++)
      for (let i = 0; i < each; i++) await attempts.record(`10.200.${a >> 8}.${a & 255}`, at.toISOString());
  });
}

describe('no lock-out', () => {
  test('300 wrong codes from 30 addresses block neither a fresh code, nor the same device again, nor a tablet enrolment', async () => {
    const device = await newDevice();
    // The attacker pays every proof asked for (from the 200th failure on): each guess is still looked up and fails.
    for (let a = 0; a < 30; a++)
      for (let i = 0; i < claimLimits.perAddress; i++) expect((await guessPaying(`10.1.${a}.1`, device.publicJwk)).status).toBe(404);

    const created = await createOrder(register);
    const patient = await newDevice();
    const asked = await claimWith(created.accessCode, '10.9.0.1', patient.publicJwk);
    expect([asked.status, asked.json.error]).toEqual([428, 'proofOfWorkRequired']);
    expect(asked.headers['retry-after']).toBeUndefined();
    expect((asked.json.proofOfWork as ProofOfWorkChallenge).difficulty).toBe(requiredAt(300));
    const claimed = await claimWith(created.accessCode, '10.9.0.1', patient.publicJwk, await solved(asked, created.accessCode));
    expect(claimed.status).toBe(200);

    // The bound device claims again (a reinstall, a second tab) from another address.
    const again = await claimWith(created.accessCode, '10.9.0.2', patient.publicJwk);
    const reclaimed = await claimWith(created.accessCode, '10.9.0.2', patient.publicJwk, await solved(again, created.accessCode));
    expect(reclaimed.status).toBe(200);

    const enrolment = await register.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' });
    const code = String(enrolment.json.code);
    const enrolAsked = await register.post('/api/tablets', { code }, { address: '10.9.0.3' });
    expect([enrolAsked.status, enrolAsked.json.error]).toEqual([428, 'proofOfWorkRequired']);
    const enrolled = await register.post('/api/tablets', { code, proof: await solved(enrolAsked, code) }, { address: '10.9.0.3' });
    expect(enrolled.status).toBe(201);
    // Asking for a proof cost none of these addresses anything.
    expect([await failedFrom('10.9.0.1'), await failedFrom('10.9.0.2'), await failedFrom('10.9.0.3')]).toEqual([0, 0, 0]);
  }, 60_000);
});

const requiredAt = (failures: number) =>
  proofOfWorkLimits.firstBits + proofOfWorkLimits.bitsPerDoubling * Math.floor(Math.log2(failures / proofOfWorkLimits.threshold));

describe('the proof of work', () => {
  test('is asked for only from the threshold of failures from all addresses on', async () => {
    const device = await newDevice();
    await recordFailures(proofOfWorkLimits.threshold - 1, 1);
    // This failure is the 200th: it is admitted without a proof, and the next claim is asked for one.
    expect((await claimWith(wrongCode, '10.3.0.1', device.publicJwk)).status).toBe(404);
    const asked = await claimWith(wrongCode, '10.3.0.1', device.publicJwk);
    expect([asked.status, (asked.json.proofOfWork as ProofOfWorkChallenge).difficulty]).toEqual([428, proofOfWorkLimits.firstBits]);
    const guessed = await claimWith(wrongCode, '10.3.0.1', device.publicJwk, await solved(asked, wrongCode));
    expect([guessed.status, guessed.json.error]).toEqual([404, 'codeUnknown']);
  });

  test('grows with the failures', async () => {
    await recordFailures(proofOfWorkLimits.threshold * 4, 1);
    const asked = await claimWith(wrongCode, '10.3.0.2', (await newDevice()).publicJwk);
    expect((asked.json.proofOfWork as ProofOfWorkChallenge).difficulty).toBe(
      proofOfWorkLimits.firstBits + 2 * proofOfWorkLimits.bitsPerDoubling,
    );
  });

  test('forged, expired, too weak, and solved for another code are refused; only the dishonest ones cost the address', async () => {
    const created = await createOrder(register);
    const device = (await newDevice()).publicJwk;
    await recordFailures(proofOfWorkLimits.threshold, 1);
    const { keys } = await loadRegisterKeys(register.dataDir);
    const asked = await claimWith(created.accessCode, '10.4.0.1', device);
    const right = await solved(asked, created.accessCode);
    const [purpose, bits, expires, random] = right.challenge.split('.');
    const forged = { ...right, challenge: `${purpose}.${bits}.${expires}.${random}.${'A'.repeat(43)}` };
    const easier = { ...right, challenge: right.challenge.replace(`claim.${bits}.`, 'claim.0.') };
    const forEnrolment = { ...right, challenge: right.challenge.replace('claim.', 'enrol.') };
    const expired = issueChallenge(keys, 'claim', Number(bits), new Date(Date.now() - 3600_000));
    const weak = issueChallenge(keys, 'claim', Number(bits) - 2, new Date());
    const tries: [string, ProofOfWork, string, number][] = [
      ['a challenge with a forged MAC', forged, created.accessCode, 1],
      ['a challenge whose difficulty was lowered', easier, created.accessCode, 1],
      ['a challenge for another purpose', forEnrolment, created.accessCode, 1],
      ['a proof solved for another code', right, otherCode(right), 1],
      [
        'an expired challenge',
        { challenge: expired.challenge, nonce: (await solveProofOfWork(expired, created.accessCode))?.nonce ?? '0' },
        created.accessCode,
        0,
      ],
      [
        'a challenge easier than asked now',
        { challenge: weak.challenge, nonce: (await solveProofOfWork(weak, created.accessCode))?.nonce ?? '0' },
        created.accessCode,
        0,
      ],
    ];
    let counted = 0;
    for (const [name, proof, code, cost] of tries) {
      expectCountedRefusal('claims-under-guessing', name, await claimWith(code, '10.4.0.1', device, proof), 428, 'proofOfWorkRequired');
      counted += cost;
      expect(await failedFrom('10.4.0.1')).toBe(counted);
    }
    expect((await register.store.getOrder(created.order.id))?.claimedAt).toBeNull();
    expect((await claimWith(created.accessCode, '10.4.0.1', device, right)).status).toBe(200);
  });
});

describe('the limits of one address', () => {
  test('ten failures in ten minutes, then forty a day, each refused with its own Retry-After', async () => {
    const device = (await newDevice()).publicJwk;
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
    // 30 failures spread over the last day (the oldest 23 hours ago), none in the last ten minutes.
    await register.store.withClaimAttempts(async (attempts) => {
      for (let i = 0; i < claimLimits.perAddressPerDay - claimLimits.perAddress; i++)
        await attempts.record('10.5.0.1', hoursAgo(23 - i * 0.5).toISOString());
    });
    for (let i = 0; i < claimLimits.perAddress - 1; i++) expect((await claimWith(wrongCode, '10.5.0.1', device)).status).toBe(404);
    // The 40th of the day: both limits are reached with it; the daily one frees a slot later (in about an hour).
    expect((await claimWith(wrongCode, '10.5.0.1', device)).status).toBe(404);
    const refused = await claimWith(wrongCode, '10.5.0.1', device);
    expectCountedRefusal('claims-under-guessing', 'the 41st failure of a day from one address', refused, 429, 'rateLimited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3600 - 60);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.json.retryAfterSeconds).toBe(retryAfter);
    // Another address is not touched by it.
    expect((await claimWith(wrongCode, '10.5.0.2', device)).status).toBe(404);
  });

  test('failures older than a day are pruned; those within it are kept for the daily limit', async () => {
    await register.store.withClaimAttempts(async (attempts) => {
      for (let i = 0; i < 5; i++)
        await attempts.record('10.6.0.1', new Date(Date.now() - (claimLimits.dayHours + 1 + i) * 3600_000).toISOString());
      for (let i = 0; i < 3; i++)
        await attempts.record('10.6.0.1', new Date(Date.now() - (claimLimits.windowMinutes + 5 + i) * 60_000).toISOString());
    });
    expect((await claimWith(wrongCode, '10.6.0.2', (await newDevice()).publicJwk)).status).toBe(404);
    expect(await register.store.withClaimAttempts((attempts) => attempts.countAll())).toBe(4);
  });
});
