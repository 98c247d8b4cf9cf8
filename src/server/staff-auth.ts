// The authenticator in front of every staff route, checked on arrival before a body is read: the
// service token as the bearer (compared in constant time, both sides hashed first), or a session
// cookie, with the session's CSRF token on every POST. Then the route's roles. It sets request.staff.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError, type Endpoint } from '../core/index.js';
import { ApiFailure } from './errors.js';
import { servicePrincipal, type StaffPrincipal } from './staff-access.js';
import { accountPrincipal, liveSession, mustEnrolTotp, sessionTokenFrom } from './staff-sessions.js';
import type { RegisterStore } from './store/store.js';

const digest = (text: string) => createHash('sha256').update(text).digest();
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/** The token after `Bearer `, or '' when there is none. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : '';
}

export type StaffGuard = (request: FastifyRequest) => Promise<void>;

export interface StaffAuthOptions {
  store: Pick<RegisterStore, 'staff'>;
  now: () => Date;
  /** The service account's token as it is now (it can be rotated while the register runs). */
  serviceToken: () => string;
}

async function principalFor(
  request: FastifyRequest,
  endpoint: Endpoint,
  { store, now, serviceToken }: StaffAuthOptions,
): Promise<StaffPrincipal> {
  if (request.headers.authorization !== undefined) {
    if (!sameSecret(bearerToken(request), serviceToken()))
      throw new ApiFailure(ApiError.unauthorized, 'A valid staff token is needed (Authorization: Bearer …)');
    return servicePrincipal;
  }
  const token = sessionTokenFrom(request.headers.cookie);
  const live = token === undefined ? undefined : await liveSession(store, token, now());
  if (!live) throw new ApiFailure(ApiError.unauthorized, 'Sign in first (or use the staff token as the bearer)');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !sameSecret(header, live.session.csrfToken))
      throw new ApiFailure(ApiError.csrfFailed, 'A request that changes something needs the X-CSRF-Token of the session');
  }
  if (mustEnrolTotp(live.account) && !endpoint.isBeforeTotp)
    throw new ApiFailure(ApiError.forbidden, 'Set up the second factor (TOTP) first: your administrator requires it');
  return accountPrincipal(live.account, live.session.id);
}

/** The onRequest hook of one staff endpoint. */
export function staffGuardFor(options: StaffAuthOptions): (endpoint: Endpoint) => StaffGuard {
  return (endpoint) => async (request) => {
    const principal = await principalFor(request, endpoint, options);
    if (endpoint.isAccountOnly && principal.kind !== 'account')
      throw new ApiFailure(ApiError.forbidden, 'Only a signed-in account can do this, not the staff token');
    if (endpoint.staffRoles && !principal.roles.some((role) => endpoint.staffRoles?.includes(role)))
      throw new ApiFailure(ApiError.forbidden, 'Your role does not give access to this');
    request.staff = principal;
  };
}
