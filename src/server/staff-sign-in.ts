// Signing in with a username and password (and the second factor where the account has one). Limits:
// at most 5 failed attempts per account and 20 per address in 15 minutes, counted in the store so
// they hold across instances. An attempt is counted as failed before the password is checked, so
// that parallel guesses cannot slip past the limit; a success clears the account's failures. One
// answer for an unknown user, a wrong password and a disabled account, taking the same time.
import { ApiError, type SignInRequest } from '../core/index.js';
import type { Audit } from './audit.js';
import { clientAddressKey } from './client-address.js';
import { ApiFailure } from './errors.js';
import { verifyPassword } from './staff-passwords.js';
import type { SecretBox } from './staff-secrets.js';
import { accountPrincipal, startSession } from './staff-sessions.js';
import { totpStep } from './staff-totp.js';
import type { StaffAccountRecord, StaffSessionRecord } from './store/staff-store.js';
import type { RegisterStore } from './store/store.js';

export const signInLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 } as const;

export interface SignInContext {
  store: Pick<RegisterStore, 'staff' | 'staffTransaction'>;
  now: () => Date;
  secrets: SecretBox;
  audit: Audit;
}

/** Usernames are compared case-folded: "Kari" and "kari" are one account. */
export const foldUsername = (username: string) => username.trim().normalize('NFC').toLowerCase();

/** Counts the attempt as failed unless a limit is reached already; its id, to clear it if it turns out to be no attempt. */
async function admit({ store, now }: SignInContext, username: string, address: string): Promise<number> {
  const at = now();
  const since = new Date(at.getTime() - signInLimits.windowMs).toISOString();
  return store.staffTransaction('staff', async (staff) => {
    const byAccount = await staff.countSignInFailures(since, { username });
    const byAddress = await staff.countSignInFailures(since, { address });
    if (byAccount >= signInLimits.perAccount || byAddress >= signInLimits.perAddress)
      throw new ApiFailure(ApiError.rateLimited, 'Too many failed sign-ins; wait and try again', undefined, signInLimits.windowMs / 1000);
    return staff.recordSignInAttempt(username, address, at.toISOString());
  });
}

export async function signIn(
  context: SignInContext,
  request: SignInRequest,
  ip: string,
): Promise<{ token: string; session: StaffSessionRecord; account: StaffAccountRecord }> {
  const { store, now, secrets, audit } = context;
  const username = foldUsername(request.username);
  const refused = async (code: ApiError, message: string, account?: StaffAccountRecord) => {
    await audit.record(
      account ? accountPrincipal(account) : null,
      { action: 'session.signIn', objects: { username }, result: code },
      { ip },
      username,
    );
    return new ApiFailure(code, message);
  };
  let attemptId: number;
  try {
    attemptId = await admit(context, username, clientAddressKey(ip));
  } catch (error) {
    if (error instanceof ApiFailure) await refused(error.code, error.message);
    throw error;
  }
  const account = await store.staff.findAccountByUsername(username);
  const isPasswordRight = await verifyPassword(request.password, account?.passwordHash ?? null);
  if (!account || !isPasswordRight || account.disabledAt !== null)
    throw await refused(ApiError.signInFailed, 'The username or password is not right');
  if (account.totpSecret !== null) {
    if (request.totp === undefined) {
      // The password was right and no code was sent yet: the first of two steps, not a failure.
      await store.staff.removeSignInAttempt(attemptId);
      throw new ApiFailure(ApiError.secondFactorRequired, 'Enter the code from your authenticator app');
    }
    // A code works once (RFC 6238, 5.2): one seen, in this or an earlier step, is refused like a wrong one.
    const step = totpStep(secrets.open(account.totpSecret), request.totp, now());
    if (step === null || !(await store.staff.useTotpStep(account.id, step)))
      throw await refused(ApiError.secondFactorRequired, 'The code from the authenticator app is not right', account);
  }
  await store.staff.clearSignInFailures(username, new Date(now().getTime() - signInLimits.windowMs).toISOString());
  const started = await startSession(store, account, ip, now());
  await audit.record(accountPrincipal(account, started.session.id), { action: 'session.signIn', objects: { username } }, { ip });
  return { ...started, account };
}
