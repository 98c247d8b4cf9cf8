// Whom an OpenID Connect sign-in is: the account with the provider's subject; else (once) the
// account an admin made with the username the provider names, which is then bound to the subject;
// else, when OIDC_AUTO_CREATE is on, a new account. Where the provider says the roles and units
// (OIDC_ROLE_CLAIM, OIDC_UNIT_CLAIM), they replace the account's at every sign-in.
import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../core/index.js';
import type { OidcSettings } from './oidc-config.js';
import { foldUsername } from './staff-sign-in.js';
import type { StaffAccountRecord } from './store/staff-store.js';
import type { RegisterStore } from './store/store.js';

export type OidcAccountRefusal = 'noAccount' | 'subjectMismatch' | 'accountDisabled' | 'noRole' | 'usernameTaken';

export type OidcAccountResult =
  | { account: StaffAccountRecord; change: 'none' | 'linked' | 'created' | 'updated' }
  | { refusal: OidcAccountRefusal; username: string | null };

type Claims = Readonly<Record<string, unknown>> & { sub: string };

/** A claim as a list of strings: a string, or the strings of an array; anything else is none. */
export function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (Array.isArray(value)) return value.flatMap((item) => (typeof item === 'string' && item.trim() !== '' ? [item.trim()] : []));
  return [];
}

/** The roles and units the provider says, each undefined where it is not configured to say them. */
export function mappedClaims(settings: OidcSettings, claims: Claims): { roles?: StaffRole[]; units?: string[] } {
  const roles =
    settings.roleClaim === undefined
      ? undefined
      : [...new Set(claimValues(claims[settings.roleClaim]).flatMap((value) => settings.roleMap[value] ?? []))].sort();
  const units = settings.unitClaim === undefined ? undefined : [...new Set(claimValues(claims[settings.unitClaim]))].sort();
  return { ...(roles ? { roles } : {}), ...(units ? { units } : {}) };
}

const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

async function existing(store: Pick<RegisterStore, 'staff'>, claims: Claims, username: string | null) {
  const bySubject = await store.staff.findAccountBySubject(claims.sub);
  if (bySubject) return { account: bySubject, isLinked: false };
  const byName = username === null ? undefined : await store.staff.findAccountByUsername(username);
  if (!byName) return undefined;
  // Bound to another subject already: the same name at the provider is someone else now.
  if (byName.oidcSubject !== null) return 'subjectMismatch' as const;
  return { account: { ...byName, oidcSubject: claims.sub }, isLinked: true };
}

export async function accountForClaims(
  store: Pick<RegisterStore, 'staff'>,
  settings: OidcSettings,
  claims: Claims,
  now: Date,
): Promise<OidcAccountResult> {
  // An e-mail address names an account only when the provider has verified it is the person's.
  const isUnverifiedEmail = settings.usernameClaim === 'email' && claims.email_verified !== true;
  const named = isUnverifiedEmail ? undefined : claimValues(claims[settings.usernameClaim])[0];
  const username = named === undefined ? null : foldUsername(named);
  const mapped = mappedClaims(settings, claims);
  if (mapped.roles?.length === 0) return { refusal: 'noRole', username };
  const found = await existing(store, claims, username);
  if (found === 'subjectMismatch') return { refusal: 'subjectMismatch', username };
  if (!found) {
    if (!settings.isAutoCreate || !mapped.roles || username === null) return { refusal: 'noAccount', username };
    const name = claimValues(claims.name)[0];
    const account: StaffAccountRecord = {
      id: randomUUID(),
      username,
      displayName: name ?? username,
      passwordHash: null,
      roles: mapped.roles,
      units: mapped.units ?? [],
      disabledAt: null,
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      requireTotp: false,
      oidcSubject: claims.sub,
      createdAt: now.toISOString(),
      passwordChangedAt: null,
    };
    return (await store.staff.insertAccount(account)) ? { account, change: 'created' } : { refusal: 'usernameTaken', username };
  }
  const { account, isLinked } = found;
  if (account.disabledAt !== null) return { refusal: 'accountDisabled', username: account.username };
  const updated = { ...account, roles: mapped.roles ?? account.roles, units: mapped.units ?? account.units };
  const isChanged = !sameList(updated.roles, account.roles) || !sameList(updated.units, account.units);
  if (isLinked || isChanged) await store.staff.updateAccount(updated);
  return { account: updated, change: isLinked ? 'linked' : isChanged ? 'updated' : 'none' };
}
