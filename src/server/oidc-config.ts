// The OpenID Connect sign-in's settings (OIDC_* in the environment), read and checked at start with
// the rest of the configuration (config.ts). Unset OIDC_ISSUER: no OIDC sign-in, local accounts only.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { StaffRole } from '../core/index.js';

const roleMap = z.record(z.string().min(1), z.enum(StaffRole));

/** OIDC_ROLE_MAP: JSON text, parsed and checked. */
const roleMapText = z.string().transform((text, context) => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const result = roleMap.safeParse(value);
  if (!result.success) {
    context.addIssue({ code: 'custom', message: 'OIDC_ROLE_MAP must be JSON mapping claim values to clinician, register or admin' });
    return z.NEVER;
  }
  return result.data;
});

export const oidcEnvironment = z.object({
  /** The provider's issuer, e.g. https://helseid-sts.nhn.no; discovery reads its /.well-known/openid-configuration. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** A JSON file with the client's private key as a JWK: private_key_jwt, as HelseID requires, instead of a secret. */
  OIDC_CLIENT_KEY_FILE: z.string().trim().min(1).optional(),
  /** Default `<PUBLIC_URL>/api/staff/oidc/callback`; registered with the provider as the client's redirect URI. */
  OIDC_REDIRECT_URL: z.url().optional(),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile'),
  /** What the console's button says: "Sign in with <name>". */
  OIDC_NAME: z.string().trim().min(1).max(60).default('OpenID Connect'),
  /** The claim matched against an account's username when no account has the subject yet. */
  OIDC_USERNAME_CLAIM: z.string().trim().min(1).default('preferred_username'),
  /** The claim holding the person's roles at the provider (a string or an array); unset: the roles an admin gave the account. */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).optional(),
  /** JSON: role claim value → clinician | register | admin. */
  OIDC_ROLE_MAP: roleMapText.optional(),
  /** The claim holding a clinician's units (a string or an array); unset: the units an admin gave the account. */
  OIDC_UNIT_CLAIM: z.string().trim().min(1).optional(),
  /** Make an account for a person the provider signs in and the register does not know; off by default. */
  OIDC_AUTO_CREATE: z.enum(['true', 'false']).default('false'),
});

const clientJwk = z.looseObject({
  kty: z.enum(['RSA', 'EC']),
  d: z.string().min(1),
  kid: z.string().min(1).optional(),
  alg: z.enum(['RS256', 'PS256', 'ES256']).optional(),
});
export type ClientJwk = z.infer<typeof clientJwk>;

/** The private JWK from its file; a problem is added to `problems` (and a placeholder returned) so all are said at once. */
function readClientKey(file: string, problems: string[]): ClientJwk {
  try {
    const parsed = clientJwk.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // said below
  }
  problems.push(`OIDC_CLIENT_KEY_FILE: ${file} is not readable as a private JWK (RSA or EC, with "d"; alg RS256, PS256 or ES256)`);
  return { kty: 'EC', d: '' };
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** How the register proves it is the client: a secret (client_secret_basic), a private key (private_key_jwt), or neither (a public client, PKCE only). */
  clientAuth: { secret: string } | { privateJwk: ClientJwk } | undefined;
  redirectUrl: string;
  scopes: string;
  name: string;
  usernameClaim: string;
  roleClaim: string | undefined;
  roleMap: Readonly<Record<string, StaffRole>>;
  unitClaim: string | undefined;
  isAutoCreate: boolean;
}

/** The settings, or undefined when OIDC_ISSUER is unset; throws on settings that cannot work together. */
export function oidcSettingsFrom(c: z.output<typeof oidcEnvironment>, publicUrl: string): OidcSettings | undefined {
  if (c.OIDC_ISSUER === undefined) return undefined;
  const problems = [
    ...(c.OIDC_CLIENT_ID === undefined ? ['OIDC_CLIENT_ID: needed with OIDC_ISSUER'] : []),
    ...(c.OIDC_ROLE_CLAIM !== undefined && c.OIDC_ROLE_MAP === undefined ? ['OIDC_ROLE_MAP: needed with OIDC_ROLE_CLAIM'] : []),
    ...(c.OIDC_AUTO_CREATE === 'true' && c.OIDC_ROLE_CLAIM === undefined
      ? ['OIDC_ROLE_CLAIM: needed with OIDC_AUTO_CREATE=true (a new account takes its roles from the provider)']
      : []),
    ...(c.OIDC_SCOPES.split(/\s+/).includes('openid') ? [] : ['OIDC_SCOPES: must include openid']),
  ];
  const clientAuth = c.OIDC_CLIENT_KEY_FILE !== undefined ? { privateJwk: readClientKey(c.OIDC_CLIENT_KEY_FILE, problems) } : undefined;
  if (c.OIDC_CLIENT_KEY_FILE !== undefined && c.OIDC_CLIENT_SECRET !== undefined)
    problems.push('OIDC_CLIENT_SECRET and OIDC_CLIENT_KEY_FILE: set one of them, not both');
  if (problems.length) throw new Error(`The server's configuration is not valid:\n  ${problems.join('\n  ')}`);
  return {
    issuer: c.OIDC_ISSUER,
    clientId: c.OIDC_CLIENT_ID ?? '',
    clientAuth: clientAuth ?? (c.OIDC_CLIENT_SECRET !== undefined ? { secret: c.OIDC_CLIENT_SECRET } : undefined),
    redirectUrl: c.OIDC_REDIRECT_URL ?? `${publicUrl}/api/staff/oidc/callback`,
    scopes: c.OIDC_SCOPES,
    name: c.OIDC_NAME,
    usernameClaim: c.OIDC_USERNAME_CLAIM,
    roleClaim: c.OIDC_ROLE_CLAIM,
    roleMap: c.OIDC_ROLE_MAP ?? {},
    unitClaim: c.OIDC_UNIT_CLAIM,
    isAutoCreate: c.OIDC_AUTO_CREATE === 'true',
  };
}
