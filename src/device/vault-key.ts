// Deriving a patient's draft key and lookup tag from their access code, and the tablet's salt for
// it (see vault.ts). Only the tablet's screens import this, so the patient's route does not carry it.
import { normaliseAccessCode } from '../core/index.js';
import { fromBase64Url, toBase64Url, type DraftVault } from './vault.js';

/** PBKDF2 rounds: a second or less on a cheap tablet, and every guess at a code costs as much. */
export const VAULT_ITERATIONS = 210_000;

export function newVaultSalt(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function openVault(accessCode: string, salt: string, iterations = VAULT_ITERATIONS): Promise<DraftVault> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(normaliseAccessCode(accessCode)), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64Url(salt), iterations }, material, 512),
  );
  const key = await crypto.subtle.importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const tag = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', bits.slice(32))).slice(0, 16));
  return { key, tag };
}
