// The optional second factor: TOTP (RFC 6238, 6 digits, 30 s, SHA-1 as every authenticator app
// expects) through otpauth. The secret is kept encrypted (staff-secrets.ts).
import { Secret, TOTP } from 'otpauth';

const totpFor = (base32: string, label = 'staff', issuer = 'Svar') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(base32) });

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(base32: string, username: string, issuer: string): string {
  return totpFor(base32, username, issuer).toString();
}

/**
 * The time step of the code if it is right now or one period either side (clocks drift), else
 * null; zero-padded so that steps compare as text (the store keeps the last one used).
 */
export function totpStep(base32: string, code: string, now: Date): string | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(base32).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return String(Math.floor(now.getTime() / 30_000) + delta).padStart(15, '0');
}

/** The code at a time (for tests and for the person checking their app). */
export function totpAt(base32: string, at: Date): string {
  return totpFor(base32).generate({ timestamp: at.getTime() });
}
