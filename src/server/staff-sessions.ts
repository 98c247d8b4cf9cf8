// Staff sessions, server-side: the cookie carries a random token, the store keeps only its sha256,
// with the session's CSRF token and its two expiries (idle 30 minutes, absolute 12 hours). Any
// sign-in method (a password here, OpenID Connect later) ends in startSession.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo } from '../core/index.js';
import { unitsFor, type StaffPrincipal } from './staff-access.js';
import type { StaffAccountRecord, StaffSessionRecord } from './store/staff-store.js';
import type { RegisterStore } from './store/store.js';

export const sessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 } as const;

export const sessionCookieName = 'svar_staff';

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

const later = (at: Date, ms: number) => new Date(at.getTime() + ms).toISOString();

/** A new session for an account that has proved who it is; the token goes in the cookie and nowhere else. */
export async function startSession(
  store: Pick<RegisterStore, 'staff'>,
  account: Pick<StaffAccountRecord, 'id'>,
  address: string,
  now: Date,
): Promise<{ token: string; session: StaffSessionRecord }> {
  const token = randomBytes(32).toString('base64url');
  const absoluteExpiresAt = later(now, sessionLimits.absoluteMs);
  const session = {
    id: sha256Hex(token),
    accountId: account.id,
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    idleExpiresAt: later(now, sessionLimits.idleMs),
    absoluteExpiresAt,
    address,
  };
  await store.staff.insertSession(session);
  return { token, session: { ...session, endedAt: null } };
}

export const mustEnrolTotp = (account: StaffAccountRecord) => account.requireTotp && account.totpSecret === null;

export function accountPrincipal(account: StaffAccountRecord, sessionId?: string): StaffPrincipal {
  return {
    kind: 'account',
    id: account.id,
    name: account.username,
    roles: [...account.roles],
    units: unitsFor(account.roles, account.units),
    ...(sessionId !== undefined ? { sessionId } : {}),
  };
}

/** The account as its own session shows it. */
export function sessionAccount(account: StaffAccountRecord): SessionInfo['account'] {
  const units = unitsFor(account.roles, account.units);
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: [...account.roles],
    units: units === 'all' ? 'all' : [...units],
    hasTotp: account.totpSecret !== null,
    mustEnrolTotp: mustEnrolTotp(account),
  };
}

export function sessionInfo(account: StaffAccountRecord, session: StaffSessionRecord): SessionInfo {
  return {
    account: sessionAccount(account),
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
  };
}

/** The live session of a cookie's token and its account, touched (its idle expiry moved on); undefined when ended, expired or disabled. */
export async function liveSession(
  store: Pick<RegisterStore, 'staff'>,
  token: string,
  now: Date,
): Promise<{ session: StaffSessionRecord; account: StaffAccountRecord } | undefined> {
  const session = await store.staff.getSession(sha256Hex(token));
  const at = now.toISOString();
  if (!session || session.endedAt !== null || session.idleExpiresAt <= at || session.absoluteExpiresAt <= at) return undefined;
  const account = await store.staff.getAccount(session.accountId);
  if (!account || account.disabledAt !== null) return undefined;
  const idle = later(now, sessionLimits.idleMs);
  const idleExpiresAt = idle < session.absoluteExpiresAt ? idle : session.absoluteExpiresAt;
  await store.staff.touchSession(session.id, at, idleExpiresAt);
  return { session: { ...session, lastSeenAt: at, idleExpiresAt }, account };
}

/** The Set-Cookie value: HttpOnly, SameSite=Strict, only for the API, Secure behind https. */
export function sessionCookie(token: string, isSecure: boolean, maxAgeSeconds = sessionLimits.absoluteMs / 1000): string {
  return [
    `${sessionCookieName}=${token}`,
    'Path=/api',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(isSecure ? ['Secure'] : []),
  ].join('; ');
}

/** The session token from a Cookie header, if it carries one of ours. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) {
      const token = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
    }
  }
  return undefined;
}
