// Drafts on a shared tablet are encrypted at rest under a key derived from the patient's access
// code, so nobody without the code can read them, not even with the browser's developer tools.
//
// One PBKDF2 derivation per typed code gives two things: an AES-GCM key (non-extractable, kept only
// in memory while the patient answers) and a lookup tag that finds the patient's response again when
// they type the code after an interruption. The salt is the tablet's own, made once. Deriving
// the key is in vault-key.ts, which only the tablet's screens import; this is what answering needs.
import { z } from 'zod/mini';
import { answer, type Answer } from '../core/index.js';

export interface DraftVault {
  key: CryptoKey;
  /** base64url; stored on the response so the same code finds it again. */
  tag: string;
}

export const encryptedAnswer = z.strictObject({
  iv: z.string().check(z.regex(/^[A-Za-z0-9_-]+$/)),
  data: z.string().check(z.regex(/^[A-Za-z0-9_-]+$/)),
});
export type EncryptedAnswer = z.infer<typeof encryptedAnswer>;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Binds the ciphertext to its response and item, so a row cannot be moved to another question. */
const additionalData = (responseId: string, itemId: string) => new TextEncoder().encode(`${responseId}/${itemId}`);

export async function encryptAnswer(vault: DraftVault, responseId: string, itemId: string, value: Answer): Promise<EncryptedAnswer> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(responseId, itemId) },
    vault.key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv: toBase64Url(iv), data: toBase64Url(new Uint8Array(data)) };
}

export class VaultLockedError extends Error {
  override name = 'VaultLockedError';
  constructor(readonly responseId: string) {
    super(`The answers of response ${responseId} are encrypted: the patient's access code is needed to read them`);
  }
}

export async function decryptAnswer(vault: DraftVault, responseId: string, itemId: string, sealed: EncryptedAnswer): Promise<Answer> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(sealed.iv), additionalData: additionalData(responseId, itemId) },
      vault.key,
      fromBase64Url(sealed.data),
    );
    return answer.parse(JSON.parse(new TextDecoder().decode(plain)));
  } catch {
    throw new VaultLockedError(responseId);
  }
}
