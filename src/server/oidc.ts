// Staff sign-in with OpenID Connect (HelseID is OIDC), through openid-client: the authorization code
// flow with PKCE (S256), state and nonce. What the flow must remember between the redirect to the
// provider and the way back (state, nonce, the PKCE verifier) travels in a short-lived cookie, sealed
// (AES-256-GCM under a key derived from the register's keys), so any instance can finish it and
// nothing is stored for a flow that is abandoned.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { importJWK } from 'jose';
import * as client from 'openid-client';
import type { OidcSettings } from './oidc-config.js';

export const oidcFlowCookieName = 'svar_oidc';
/** Long enough to sign in at the provider, short enough that a copied cookie is soon worthless. */
export const oidcFlowLifetimeMs = 10 * 60_000;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

/** Why a sign-in did not complete; recorded in the audit trail (never a token or a code). */
export type OidcFailureReason =
  'providerUnavailable' | 'flowMissing' | 'flowExpired' | 'stateMismatch' | 'providerRefused' | 'codeRejected' | 'idTokenInvalid';

export class OidcFailure extends Error {
  constructor(readonly reason: OidcFailureReason) {
    super(`OpenID Connect sign-in failed: ${reason}`);
  }
}

export interface OidcSignIn {
  settings: OidcSettings;
  /** Discovery at start; a failure is said once and tried again at the next sign-in. */
  discover(): Promise<client.Configuration>;
  /** The provider's address to send the browser to, and the sealed flow for the cookie. */
  start(now: Date): Promise<{ url: string; flow: string }>;
  /** Exchanges the code (checking state, nonce, PKCE and the ID token) and answers the ID token's claims. */
  finish(callbackUrl: URL, flow: string | undefined, now: Date): Promise<client.IDToken>;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

function flowBox(key: Buffer) {
  return {
    seal(flow: Flow): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
      return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
    },
    open(sealed: string): Flow | undefined {
      const [iv, body, tag] = sealed.split('.');
      if (!iv || body === undefined || !tag) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
        const flow = JSON.parse(text) as Partial<Flow>;
        const isFlow =
          [flow.state, flow.nonce, flow.verifier].every((part) => typeof part === 'string') && typeof flow.expiresAt === 'number';
        return isFlow ? (flow as Flow) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The openid-client error in the words of the audit trail. */
function reasonFor(error: unknown): OidcFailureReason {
  if (error instanceof OidcFailure) return error.reason;
  if (error instanceof client.AuthorizationResponseError) return 'providerRefused';
  if (error instanceof client.ResponseBodyError) return error.error === 'invalid_grant' ? 'codeRejected' : 'providerRefused';
  if (error instanceof client.ClientError && error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') return 'providerRefused';
  if (error instanceof TypeError) return 'providerUnavailable';
  return 'idTokenInvalid';
}

async function clientAuthFor(settings: OidcSettings): Promise<client.ClientAuth> {
  const auth = settings.clientAuth;
  if (auth === undefined) return client.None();
  if ('secret' in auth) return client.ClientSecretBasic(auth.secret);
  const alg = auth.privateJwk.alg ?? (auth.privateJwk.kty === 'EC' ? 'ES256' : 'RS256');
  const key = await importJWK(auth.privateJwk, alg);
  if (key instanceof Uint8Array) throw new Error('OIDC_CLIENT_KEY_FILE does not hold a private key');
  return client.PrivateKeyJwt(auth.privateJwk.kid === undefined ? key : { key, kid: auth.privateJwk.kid });
}

export function createOidcSignIn(settings: OidcSettings, flowKey: Buffer): OidcSignIn {
  const box = flowBox(flowKey);
  const issuer = new URL(settings.issuer);
  let configuration: Promise<client.Configuration> | undefined;
  const discover = () => {
    configuration ??= clientAuthFor(settings)
      .then((auth) =>
        client.discovery(
          issuer,
          settings.clientId,
          undefined,
          auth,
          // Plain http only to a provider on this machine (a test's, a developer's).
          isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {},
        ),
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };
  return {
    settings,
    discover,
    async start(now) {
      const config = await discover().catch(() => {
        throw new OidcFailure('providerUnavailable');
      });
      const flow: Flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        expiresAt: now.getTime() + oidcFlowLifetimeMs,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: settings.scopes,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, flow: box.seal(flow) };
    },
    async finish(callbackUrl, sealed, now) {
      try {
        const flow = sealed === undefined ? undefined : box.open(sealed);
        if (!flow) throw new OidcFailure('flowMissing');
        if (flow.expiresAt <= now.getTime()) throw new OidcFailure('flowExpired');
        if (callbackUrl.searchParams.get('state') !== flow.state) throw new OidcFailure('stateMismatch');
        const config = await discover().catch(() => {
          throw new OidcFailure('providerUnavailable');
        });
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new OidcFailure('idTokenInvalid');
        return claims;
      } catch (error) {
        throw error instanceof OidcFailure ? error : new OidcFailure(reasonFor(error));
      }
    },
  };
}

/** The Set-Cookie value of the flow: HttpOnly, for the OIDC routes only, SameSite=Lax (Strict would not come back from the provider). */
export function oidcFlowCookie(sealed: string, isSecure: boolean, maxAgeSeconds = oidcFlowLifetimeMs / 1000): string {
  return [
    `${oidcFlowCookieName}=${sealed}`,
    'Path=/api/staff/oidc',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(isSecure ? ['Secure'] : []),
  ].join('; ');
}

export function oidcFlowFrom(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === oidcFlowCookieName) return value.join('=');
  }
  return undefined;
}
