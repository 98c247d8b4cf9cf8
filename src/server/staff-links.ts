// One-time links with which a person sets their password: the first administrator's (made by
// `npm start` on an empty register), a new account's, and a reset. Valid 24 hours, used once; the
// store keeps only the token's sha256. The link opens the staff console, which posts the token.
import { randomBytes } from 'node:crypto';
import { ApiError, type SetupRequestBody } from '../core/index.js';
import { ApiFailure } from './errors.js';
import { hashPassword } from './staff-passwords.js';
import { sha256Hex } from './staff-sessions.js';
import { foldUsername } from './staff-sign-in.js';
import type { StaffAccountRecord, StaffLinkPurpose } from './store/staff-store.js';
import type { RegisterStore } from './store/store.js';

export const linkValidityMs = 24 * 3600_000;

/** Makes a link; its address is for the person only (never logged). */
export async function createLink(
  store: Pick<RegisterStore, 'staff'>,
  accountId: string | null,
  purpose: StaffLinkPurpose,
  now: Date,
  publicUrl: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await store.staff.insertLink({
    id: sha256Hex(token),
    accountId,
    purpose,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + linkValidityMs).toISOString(),
    usedAt: null,
  });
  return `${publicUrl}/staff/#/${purpose === 'reset' ? 'reset' : 'setup'}/${token}`;
}

export interface SetupContext {
  store: Pick<RegisterStore, 'staffTransaction'>;
  now: () => Date;
  passwordMinLength: number;
  newId: () => string;
}

const invalid = () => new ApiFailure(ApiError.linkInvalid, 'This link is unknown, used or expired: ask an administrator for a new one');

/** Sets the password from a link, once; the first administrator's link makes the account. */
export async function useSetupLink(
  context: SetupContext,
  request: SetupRequestBody,
): Promise<{ account: StaffAccountRecord; purpose: string }> {
  const { store, now, passwordMinLength, newId } = context;
  if ([...request.password].length < passwordMinLength)
    throw new ApiFailure(ApiError.passwordTooShort, `A password needs at least ${passwordMinLength} characters`, [
      `password: at least ${passwordMinLength} characters`,
    ]);
  const passwordHash = await hashPassword(request.password);
  const username = foldUsername(request.username);
  return store.staffTransaction('staff', async (staff) => {
    const at = now().toISOString();
    const link = await staff.getLink(sha256Hex(request.token));
    if (!link || link.usedAt !== null || link.expiresAt <= at) throw invalid();
    let account: StaffAccountRecord;
    if (link.purpose === 'firstAdmin') {
      // Every first-admin link stops working once there is an account.
      if ((await staff.countAccounts()) > 0) throw invalid();
      account = {
        ...{ id: newId(), username, displayName: request.displayName, passwordHash, roles: ['admin'], units: [] },
        ...{ disabledAt: null, totpSecret: null, totpPendingSecret: null, totpLastStep: null, requireTotp: false, oidcSubject: null },
        ...{ createdAt: at, passwordChangedAt: at },
      };
      if (!(await staff.insertAccount(account))) throw new ApiFailure(ApiError.usernameTaken, 'An account has this username already');
    } else {
      const found = link.accountId === null ? undefined : await staff.getAccount(link.accountId);
      if (!found || found.disabledAt !== null) throw invalid();
      if (found.username !== username)
        throw new ApiFailure(ApiError.badRequest, 'The username is not the one this link was made for', ['username: not this link’s']);
      account = { ...found, displayName: request.displayName, passwordHash, passwordChangedAt: at };
      await staff.updateAccount(account);
      // A new password signs out every session made with the old one.
      await staff.endSessions({ accountId: account.id }, at);
    }
    if (!(await staff.useLink(link.id, at))) throw invalid();
    return { account, purpose: link.purpose };
  });
}
