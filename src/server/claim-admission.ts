// The limits on guessing access codes and enrolment codes: an attempt is counted as failed when it
// is admitted, before anything is looked up, inside a store transaction in which admissions from
// every instance take turns, so parallel guesses cannot slip past the limit. A claim that succeeds
// removes its attempt afterwards, and each admission first removes the attempts that have left every
// window, so the table holds at most the failures of the last window (bounded by the limits).
import { ApiError } from '../core/index.js';
import { clientAddressKey } from './client-address.js';
import { ApiFailure } from './errors.js';
import type { RegisterStore } from './store/store.js';

export const claimLimits = {
  windowMinutes: 10,
  /** Failed claims one address (an IPv6 /64) may make per window. */
  perAddress: 10,
  /** Failed claims all addresses together may make per window. */
  overall: 300,
} as const;

type Admission =
  | { isAdmitted: true; attemptId: number }
  /** `agesOutAt`: the time of the failed attempt that must leave the window before another is admitted. */
  | { isAdmitted: false; scope: 'address' | 'overall'; agesOutAt: string };

function admission(store: RegisterStore, address: string, at: string, since: string): Promise<Admission> {
  return store.withClaimAttempts(async (attempts) => {
    // Nothing before the window counts for any limit: pruned here, in the same turn, a window's worth at most.
    await attempts.removeBefore(since);
    const fromAddress = await attempts.countFailed(since, address);
    // The failed attempt that has to leave the window before the count is under the limit again.
    if (fromAddress >= claimLimits.perAddress)
      return {
        isAdmitted: false,
        scope: 'address',
        agesOutAt: (await attempts.failedAt(since, fromAddress - claimLimits.perAddress, address)) ?? at,
      };
    const all = await attempts.countFailed(since);
    if (all >= claimLimits.overall)
      return { isAdmitted: false, scope: 'overall', agesOutAt: (await attempts.failedAt(since, all - claimLimits.overall)) ?? at };
    return { isAdmitted: true, attemptId: await attempts.record(address, at) };
  });
}

/** Counts the attempt before anything is looked up; refuses when the address or everyone has failed too often. */
export async function admitClaimAttempt(store: RegisterStore, address: string, at: Date): Promise<number> {
  const windowMs = claimLimits.windowMinutes * 60_000;
  const since = new Date(at.getTime() - windowMs).toISOString();
  const admitted = await admission(store, clientAddressKey(address), at.toISOString(), since);
  if (admitted.isAdmitted) return admitted.attemptId;
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(admitted.agesOutAt) + windowMs - at.getTime()) / 1000));
  const who = admitted.scope === 'address' ? 'from this address' : 'from all addresses together';
  throw new ApiFailure(
    ApiError.rateLimited,
    `Too many failed attempts ${who}; try again in ${retryAfterSeconds} seconds`,
    undefined,
    retryAfterSeconds,
  );
}
