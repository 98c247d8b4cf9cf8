// The signed-in account behind a request, for the routes that work on one's own account.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../core/index.js';
import { ApiFailure } from './errors.js';
import { principalOf } from './staff-access.js';
import type { RegisterStore } from './store/store.js';

/** The signed-in account and its session, as the authenticator found them. */
export async function currentSession(store: RegisterStore, request: FastifyRequest) {
  const principal = principalOf(request);
  const session = principal.sessionId === undefined ? undefined : await store.staff.getSession(principal.sessionId);
  const account = await store.staff.getAccount(principal.id);
  if (!session || !account) throw new ApiFailure(ApiError.unauthorized, 'Sign in first');
  return { principal, session, account };
}
