// The OpenID Connect sign-in's routes: /api/staff/oidc/start sends the browser to the provider,
// /api/staff/oidc/callback takes it back, finds the account (oidc-accounts.ts), starts a session as a
// password sign-in does and sends it to the console. They are pages a browser navigates to, so
// refusals are redirects to the console's sign-in with the code (/staff/#/signin?error=<code>),
// recorded in the audit trail with the reason. /api/staff/session-config says which ways there are.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, oidcPaths, registerApi } from '../core/index.js';
import type { Route } from './endpoint-route.js';
import { OidcFailure, oidcFlowCookie, oidcFlowFrom } from './oidc.js';
import { accountForClaims } from './oidc-accounts.js';
import type { StaffServices } from './staff-services.js';
import { accountPrincipal, sessionCookie, startSession } from './staff-sessions.js';
import type { RegisterStore } from './store/store.js';

type OidcRefusal = typeof ApiError.oidcFailed | typeof ApiError.oidcNoAccount | typeof ApiError.oidcUnavailable;

export function oidcRoutes(app: FastifyInstance, route: Route, store: RegisterStore, staff: StaffServices): void {
  const { oidc, audit, now, isSessionSecure, publicUrl } = staff;
  const clearFlow = oidcFlowCookie('', isSessionSecure, 0);

  const refuse = async (request: FastifyRequest, reply: FastifyReply, code: OidcRefusal, reason: string, username?: string | null) => {
    await audit.record(
      null,
      { action: 'session.signIn', objects: { method: 'oidc', reason }, result: code },
      request,
      username ?? undefined,
    );
    request.log.info({ reason }, 'staff OpenID Connect sign-in refused');
    return reply.header('Set-Cookie', clearFlow).redirect(`${publicUrl}/staff/#/signin?error=${code}`);
  };

  route(registerApi.sessionConfig, async () => ({ local: true, oidc: oidc ? { name: oidc.settings.name } : null }));

  app.get(oidcPaths.start, async (request, reply) => {
    if (!oidc) return refuse(request, reply, ApiError.oidcUnavailable, 'notConfigured');
    try {
      const { url, flow } = await oidc.start(now());
      return reply.header('Set-Cookie', oidcFlowCookie(flow, isSessionSecure)).redirect(url);
    } catch (error) {
      if (error instanceof OidcFailure) return refuse(request, reply, ApiError.oidcUnavailable, error.reason);
      throw error;
    }
  });

  app.get(oidcPaths.callback, async (request, reply) => {
    if (!oidc) return refuse(request, reply, ApiError.oidcUnavailable, 'notConfigured');
    // The redirect URI as registered, with what the provider added: openid-client sends it on with the code.
    const callbackUrl = new URL(oidc.settings.redirectUrl);
    callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
    let claims;
    try {
      claims = await oidc.finish(callbackUrl, oidcFlowFrom(request.headers.cookie), now());
    } catch (error) {
      if (!(error instanceof OidcFailure)) throw error;
      const code = error.reason === 'providerUnavailable' ? ApiError.oidcUnavailable : ApiError.oidcFailed;
      return refuse(request, reply, code, error.reason);
    }
    const found = await accountForClaims(store, oidc.settings, claims, now());
    if ('refusal' in found) return refuse(request, reply, ApiError.oidcNoAccount, found.refusal, found.username);
    const { account, change } = found;
    const { token, session } = await startSession(store, account, request.ip, now());
    const objects = { method: 'oidc', username: account.username, ...(change === 'none' ? {} : { account: change }) };
    await audit.record(accountPrincipal(account, session.id), { action: 'session.signIn', objects }, request);
    request.log.info({ accountId: account.id }, 'staff signed in with OpenID Connect');
    return reply.header('Set-Cookie', [sessionCookie(token, isSessionSecure), clearFlow]).redirect(`${publicUrl}/staff/`);
  });
}
