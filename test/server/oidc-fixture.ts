// A real OpenID Connect provider for the OIDC sign-in tests (oidc-provider 8, not a mock), on a free
// port on 127.0.0.1: one confidential client that must use PKCE (S256), people with role and unit
// claims, and no development login pages: the test's own interaction handler signs in whomever the
// test names and grants the scopes asked for, as a person clicking through would. A browser is
// played by fetch with a cookie jar, following redirects by hand up to the register's callback.
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { TestRegister } from './setup.js';

export const clientId = 'svar-register';
/** The same client authenticating with a private key (private_key_jwt), as HelseID requires. */
export const keyClientId = 'svar-register-jwt';
export const clientSecret = 'a-client-secret-for-the-oidc-tests-0123456789';
export const redirectUrl = 'https://register.example/api/staff/oidc/callback';

export type Person = {
  preferred_username: string;
  name: string;
  email?: string;
  email_verified?: boolean;
  svar_roles?: string[];
  svar_units?: string[];
};

export interface TestProvider {
  issuer: string;
  /** A JSON file with the private JWK of the private_key_jwt client (keyClientId). */
  clientKeyFile: string;
  /** Who signs in at the next login prompt (a subject in `people`, or one the provider knows without claims); '' cancels. */
  loginAs: (subject: string) => void;
  close: () => Promise<void>;
}

/** The register's environment for this provider. */
export const oidcEnv = (issuer: string, extra: Record<string, string | undefined> = {}) => ({
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: clientId,
  OIDC_CLIENT_SECRET: clientSecret,
  OIDC_SCOPES: 'openid profile svar',
  OIDC_NAME: 'HelseID',
  OIDC_ROLE_CLAIM: 'svar_roles',
  OIDC_ROLE_MAP: JSON.stringify({ 'svar-clinician': 'clinician', 'svar-register': 'register', 'svar-admin': 'admin' }),
  OIDC_UNIT_CLAIM: 'svar_units',
  ...extra,
});

async function interaction(provider: Provider, request: IncomingMessage, response: ServerResponse, subject: string): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  // Nobody named: the person cancels at the provider.
  if (subject === '') {
    await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'cancelled' }, {});
    return;
  }
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(request, response, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = new provider.Grant({ accountId: details.session?.accountId ?? subject, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

/** `redirectUris`: where the clients may be sent back (the server tests' register by default; a browser test's its own address). */
export async function startTestProvider(
  people: Record<string, Person>,
  { redirectUris = [redirectUrl] }: { redirectUris?: string[] } = {},
): Promise<TestProvider> {
  let subject = '';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const clientKey = await generateKeyPair('ES256', { extractable: true });
  const clientKeyFile = path.join(tmpdir(), `oidc-client-key-${process.pid}-${Date.now()}.json`);
  await writeFile(clientKeyFile, JSON.stringify({ ...(await exportJWK(clientKey.privateKey)), kid: 'client-key-1', alg: 'ES256' }), {
    mode: 0o600,
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: keyClientId,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [{ ...(await exportJWK(clientKey.publicKey)), kid: 'client-key-1', alg: 'ES256', use: 'sig' }] },
      },
    ],
    pkce: { required: () => true, methods: ['S256'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context: unknown, pending: { uid: string }) => `/interaction/${pending.uid}` },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
      svar: ['svar_roles', 'svar_units'],
    },
    // The claims in the ID token, as HelseID gives its claims there.
    conformIdTokenClaims: false,
    findAccount: (_context: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, ...people[sub] }) }),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-tests-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/interaction/'))
      return void interaction(provider, request, response, subject).catch(() => response.writeHead(500).end());
    provider.callback()(request, response);
  });
  return {
    issuer,
    clientKeyFile,
    loginAs: (next) => {
      subject = next;
    },
    close: async () => {
      await rm(clientKeyFile, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Follows redirects as a browser would, keeping the provider's cookies, until the address is the register's callback. */
export async function browseToCallback(authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 12 && !url.href.startsWith(redirectUrl); hop++) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location === null) throw new Error(`the provider answered ${response.status} without a redirect at ${url.pathname}`);
    url = new URL(location, url);
  }
  return url;
}

export async function oidcStart(r: TestRegister) {
  const response = await r.app.inject({ method: 'GET', url: '/api/staff/oidc/start' });
  const flowCookie = String(response.headers['set-cookie'] ?? '');
  return {
    status: response.statusCode,
    location: String(response.headers.location ?? ''),
    flowCookie,
    cookie: flowCookie.split(';')[0] ?? '',
  };
}

export async function oidcCallback(r: TestRegister, url: URL, cookie: string) {
  const response = await r.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: cookie ? { cookie } : {} });
  const location = String(response.headers.location ?? '');
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const error = /[?&]error=([A-Za-z]+)$/.exec(location)?.[1];
  return { status: response.statusCode, location, setCookie, error, json: { error } };
}

/** The whole flow as a browser makes it, signed in at the provider as `subject`. */
export async function signInAt(provider: TestProvider, r: TestRegister, subject: string) {
  provider.loginAs(subject);
  const started = await oidcStart(r);
  const callbackUrl = await browseToCallback(started.location);
  return { started, callbackUrl, answer: await oidcCallback(r, callbackUrl, started.cookie) };
}

/** The sign-ins in the audit trail, oldest first. */
export const signIns = async (r: TestRegister) =>
  (await r.store.staff.listAudit({}, 1000))
    .reverse()
    .filter((entry) => entry.action === 'session.signIn')
    .map((entry) => ({ actor: entry.actorName, result: entry.result, objects: entry.objects }));
