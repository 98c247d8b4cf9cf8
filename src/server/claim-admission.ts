// The limits on guessing access codes and enrolment codes: an attempt is counted as failed when it
// is admitted, before anything is looked up, inside a store transaction in which admissions from
// every instance take turns, so parallel guesses cannot slip past the limit. A claim that succeeds
// removes its attempt afterwards, and each admission first removes the attempts that have left the
// longest window, so the table holds at most a day of failures (per address at most the daily cap).
//
// Nothing that other addresses do refuses a claim: the limits are per address (an IPv6 /64), and
// failures from everywhere only make every claim pay a proof of work (proof-of-work.ts), which a
// patient's device pays in the background. docs/architecture.md ("Guessing codes") and the
// reliability report show what a million addresses can reach under these numbers.
import { ApiError, type ProofOfWork } from '../core/index.js';
import { clientAddressKey } from './client-address.js';
import { ApiFailure } from './errors.js';
import type { RegisterKeys } from './keys.js';
import { checkProof, failuresAtMaxDifficulty, issueChallenge, requiredDifficulty, type ProofPurpose } from './proof-of-work.js';
import type { ClaimAttempts, RegisterStore } from './store/store.js';

export const claimLimits = {
  windowMinutes: 10,
  /** Failed claims one address (an IPv6 /64) may make per window: a patient retyping a code a few times, twice over. */
  perAddress: 10,
  dayHours: 24,
  /**
   * Failed claims one address may make per day: four full windows, more than any patient needs. It
   * is what keeps a million addresses from the code space: about 240 years on average to find one
   * of 100,000 open codes, where the ten-minute limit alone (1,440 a day) would allow it in under 7
   * (scripts/guessing-analysis.ts computes it for the reliability report).
   */
  perAddressPerDay: 40,
} as const;

/** The proof a claim carries, and what it must be bound to. */
export interface ProofOffered {
  keys: RegisterKeys;
  purpose: ProofPurpose;
  /** The code as sent: the proof is checked for it. */
  code: string;
  proof: ProofOfWork | undefined;
}

type Admission =
  { isAdmitted: true; attemptId: number } | { isAdmitted: false; retryAfterSeconds: number } | { isAdmitted: false; difficulty: number };

const windows = [
  { limit: claimLimits.perAddress, ms: claimLimits.windowMinutes * 60_000 },
  { limit: claimLimits.perAddressPerDay, ms: claimLimits.dayHours * 3600_000 },
];

/** Seconds until the address is under every one of its limits again, or null when it is now. */
async function addressWait(attempts: ClaimAttempts, address: string, at: Date): Promise<number | null> {
  let wait: number | null = null;
  for (const { limit, ms } of windows) {
    const since = new Date(at.getTime() - ms).toISOString();
    const failed = await attempts.countFailed(since, address);
    if (failed < limit) continue;
    // The failed attempt that has to leave this window before the count is under its limit again.
    const agesOutAt = (await attempts.failedAt(since, failed - limit, address)) ?? at.toISOString();
    const seconds = Math.max(1, Math.ceil((Date.parse(agesOutAt) + ms - at.getTime()) / 1000));
    wait = Math.max(wait ?? 0, seconds);
  }
  return wait;
}

/** Failed claims from all addresses in the last window, counted no further than where the difficulty is at its most. */
async function recentFailures(attempts: ClaimAttempts, at: Date): Promise<number> {
  const since = new Date(at.getTime() - claimLimits.windowMinutes * 60_000).toISOString();
  // Under attack the window holds millions of rows: a bounded look instead of counting them all.
  if ((await attempts.failedAt(since, failuresAtMaxDifficulty - 1)) !== undefined) return failuresAtMaxDifficulty;
  return attempts.countFailed(since);
}

function admission(store: RegisterStore, address: string, at: Date, offered: ProofOffered): Promise<Admission> {
  return store.withClaimAttempts(async (attempts) => {
    // Nothing before the longest window counts for any limit: pruned here, in the same turn.
    await attempts.removeBefore(new Date(at.getTime() - claimLimits.dayHours * 3600_000).toISOString());
    const wait = await addressWait(attempts, address, at);
    if (wait !== null) return { isAdmitted: false, retryAfterSeconds: wait };
    const difficulty = requiredDifficulty(await recentFailures(attempts, at));
    if (difficulty > 0) {
      const check = checkProof(offered.keys, offered.purpose, offered.code, offered.proof, difficulty, at);
      // A forged proof or one that does not solve its challenge for this code costs the address a
      // failure, as a wrong code would; a missing, expired or outgrown one (what an honest device
      // meets) costs nothing and is answered with a fresh challenge.
      if (check === 'invalid') await attempts.record(address, at.toISOString());
      if (check !== 'solved') return { isAdmitted: false, difficulty };
    }
    return { isAdmitted: true, attemptId: await attempts.record(address, at.toISOString()) };
  });
}

/**
 * Counts the attempt before anything is looked up; refuses when the address has failed too often
 * (429 with Retry-After for the window that refuses), or asks for a proof of work when many
 * claims fail from everywhere (428 proofOfWorkRequired with a challenge).
 */
export async function admitClaimAttempt(store: RegisterStore, address: string, at: Date, offered: ProofOffered): Promise<number> {
  const admitted = await admission(store, clientAddressKey(address), at, offered);
  if (admitted.isAdmitted) return admitted.attemptId;
  if ('difficulty' in admitted)
    throw new ApiFailure(
      ApiError.proofOfWorkRequired,
      'Many codes are being guessed: send the request again with a proof of work for this challenge',
      undefined,
      undefined,
      issueChallenge(offered.keys, offered.purpose, admitted.difficulty, at),
    );
  const { retryAfterSeconds } = admitted;
  throw new ApiFailure(
    ApiError.rateLimited,
    `Too many failed attempts from this address; try again in ${retryAfterSeconds} seconds`,
    undefined,
    retryAfterSeconds,
  );
}
