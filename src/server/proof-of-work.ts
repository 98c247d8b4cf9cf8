// The global signal against guessing: instead of refusing everyone when many codes fail from
// everywhere, the register asks each claim for a proof of work whose cost grows with the failures.
// Stateless: a challenge is its purpose, difficulty, expiry and a random part, MAC'd with a key
// derived from the register's keys, so any instance over the same keys accepts it and nothing is stored.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type ProofOfWork, type ProofOfWorkChallenge } from '../core/index.js';
import { isProofOfWorkSolved } from '../core/protocol/proof-of-work-hash.js';
import type { RegisterKeys } from './keys.js';

export const proofOfWorkLimits = {
  /**
   * Failed claims from all addresses in the last admission window (10 minutes) at which proofs start.
   * Patients mistyping codes nationally make a few dozen at most; 200 is a guessing campaign.
   */
  threshold: 200,
  /** Bits asked at the threshold: 256 hashes, a few milliseconds on any phone. */
  firstBits: 8,
  /** Each doubling of the failures beyond the threshold asks this many bits more (four times the work). */
  bitsPerDoubling: 2,
  /**
   * At most 2^18 hashes: about 5 seconds in Chromium on a busy two-core machine (17.5 µs a hash,
   * noble's SHA-256), longer on a slow phone; asked only from 6,400 failures in ten minutes on,
   * a campaign of thousands of addresses. The patient sees the claim's progress meanwhile.
   */
  maxBits: 18,
  /** How long a challenge may be answered: long enough for a slow phone to solve it. */
  challengeMinutes: 10,
} as const;

/** The bits asked for when `failures` claims failed from all addresses in the last window: 0 below the threshold. */
export function requiredDifficulty(failures: number): number {
  const { threshold, firstBits, bitsPerDoubling, maxBits } = proofOfWorkLimits;
  if (failures < threshold) return 0;
  return Math.min(maxBits, firstBits + bitsPerDoubling * Math.floor(Math.log2(failures / threshold)));
}

/** The failures at which the required difficulty reaches its most (so counting can stop there). */
export const failuresAtMaxDifficulty =
  proofOfWorkLimits.threshold *
  2 ** Math.ceil((proofOfWorkLimits.maxBits - proofOfWorkLimits.firstBits) / proofOfWorkLimits.bitsPerDoubling);

/** What a challenge is for: a proof for a patient's claim does not open a tablet enrolment. */
export type ProofPurpose = 'claim' | 'enrol';

export function issueChallenge(keys: RegisterKeys, purpose: ProofPurpose, difficulty: number, at: Date): ProofOfWorkChallenge {
  const expiresAt = at.getTime() + proofOfWorkLimits.challengeMinutes * 60_000;
  const body = `${purpose}.${difficulty}.${expiresAt}.${randomBytes(16).toString('base64url')}`;
  return { challenge: `${body}.${keys.macChallenge(body)}`, difficulty };
}

/**
 * `missing` and `stale` (expired, or easier than the register now asks) are what an honest device
 * meets: it is given a fresh challenge. `invalid` (forged, for another purpose, or a nonce that does
 * not solve it for this code) no honest device sends.
 */
export type ProofCheck = 'solved' | 'missing' | 'stale' | 'invalid';

export function checkProof(
  keys: RegisterKeys,
  purpose: ProofPurpose,
  code: string,
  proof: ProofOfWork | undefined,
  difficulty: number,
  at: Date,
): ProofCheck {
  if (!proof) return 'missing';
  const parts = proof.challenge.split('.');
  if (parts.length !== 5) return 'invalid';
  const [forPurpose, bitsText, expiresText, , mac] = parts as [string, string, string, string, string];
  const expected = Buffer.from(keys.macChallenge(parts.slice(0, 4).join('.')));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given) || forPurpose !== purpose) return 'invalid';
  const bits = Number(bitsText);
  if (Number(expiresText) < at.getTime() || bits < difficulty) return 'stale';
  return isProofOfWorkSolved(proof.challenge, code, proof.nonce, bits) ? 'solved' : 'invalid';
}
