// What the staff routes share: the authenticator, the audit trail, the clock, the TOTP secrets'
// box and the settings of sessions and passwords. Made once by startRegister.
import type { Endpoint } from '../core/index.js';
import { createAudit, type Audit } from './audit.js';
import type { RegisterKeys } from './keys.js';
import type { OidcSettings } from './oidc-config.js';
import { createOidcSignIn, type OidcSignIn } from './oidc.js';
import { staffGuardFor, type StaffGuard } from './staff-auth.js';
import { secretBox, type SecretBox } from './staff-secrets.js';
import type { RegisterStore } from './store/store.js';

export interface StaffServices {
  guardFor: (endpoint: Endpoint) => StaffGuard;
  audit: Audit;
  now: () => Date;
  secrets: SecretBox;
  /** Set the cookie's Secure flag (behind https). */
  isSessionSecure: boolean;
  passwordMinLength: number;
  publicUrl: string;
  registerName: string;
  /** Sign-in with OpenID Connect, when it is configured. */
  oidc: OidcSignIn | null;
}

export interface StaffServicesOptions {
  store: RegisterStore;
  keys: Pick<RegisterKeys, 'deriveKey'>;
  now: () => Date;
  serviceToken: () => string;
  isSessionSecure: boolean;
  passwordMinLength: number;
  publicUrl: string;
  registerName: string;
  oidc?: OidcSettings | undefined;
}

export function createStaffServices({ store, keys, now, serviceToken, oidc, ...settings }: StaffServicesOptions): StaffServices {
  return {
    guardFor: staffGuardFor({ store, now, serviceToken }),
    audit: createAudit(store, now),
    now,
    secrets: secretBox(keys),
    oidc: oidc ? createOidcSignIn(oidc, keys.deriveKey('staff-oidc-flow')) : null,
    ...settings,
  };
}
