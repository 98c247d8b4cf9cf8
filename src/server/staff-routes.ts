// The staff console's own routes (staffSessionApi): sign-in and sessions here; the second factor and
// setup links in staff-setup-routes.ts, accounts in staff-account-routes.ts, the audit trail in
// audit-routes.ts. A Fastify plugin, registered by buildServer beside the other routes.
import type { FastifyInstance } from 'fastify';
import { registerApi } from '../core/index.js';
import { auditRoutes } from './audit-routes.js';
import { endpointRoutes, type Route } from './endpoint-route.js';
import { oidcRoutes } from './oidc-routes.js';
import { currentSession } from './staff-session-current.js';
import { setupRoutes } from './staff-setup-routes.js';
import { accountRoutes } from './staff-account-routes.js';
import type { StaffServices } from './staff-services.js';
import { sessionCookie, sessionInfo } from './staff-sessions.js';
import { signIn } from './staff-sign-in.js';
import type { RegisterStore } from './store/store.js';

export interface StaffRouteOptions {
  store: RegisterStore;
  staff: StaffServices;
}

function sessionRoutes(route: Route, store: RegisterStore, staff: StaffServices): void {
  const { audit, now, secrets, isSessionSecure } = staff;
  route(registerApi.signIn, async ({ body }, request, reply) => {
    const { token, session, account } = await signIn({ store, now, secrets, audit }, body, request.ip);
    request.log.info({ accountId: account.id }, 'staff signed in');
    return reply.header('Set-Cookie', sessionCookie(token, isSessionSecure)).send(sessionInfo(account, session));
  });
  route(registerApi.getSession, async (_input, request) => {
    const { session, account } = await currentSession(store, request);
    return sessionInfo(account, session);
  });
  route(registerApi.endSession, async (_input, request, reply) => {
    const { principal, session } = await currentSession(store, request);
    const ended = await store.staff.endSessions({ id: session.id }, now().toISOString());
    await audit.record(principal, { action: 'session.end' }, request);
    return reply.header('Set-Cookie', sessionCookie('', isSessionSecure, 0)).send({ ended });
  });
  route(registerApi.endAllSessions, async (_input, request, reply) => {
    const { principal, account } = await currentSession(store, request);
    const ended = await store.staff.endSessions({ accountId: account.id }, now().toISOString());
    await audit.record(principal, { action: 'session.endAll', objects: { sessions: ended } }, request);
    return reply.header('Set-Cookie', sessionCookie('', isSessionSecure, 0)).send({ ended });
  });
}

export async function staffRoutes(app: FastifyInstance, { store, staff }: StaffRouteOptions): Promise<void> {
  const route = endpointRoutes(app, staff.guardFor);
  sessionRoutes(route, store, staff);
  oidcRoutes(app, route, store, staff);
  auditRoutes(route, store, staff);
  setupRoutes(route, store, staff);
  accountRoutes(route, store, staff);
}
