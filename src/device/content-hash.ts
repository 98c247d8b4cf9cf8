// A definition's content hash taken with WebCrypto: the same `sha256-<hex>` as core/content-hash.ts,
// without carrying a SHA-256 of our own on the patient's route.
import { hashedContent } from '../core/index.js';

export function digestContentHash(definition: object): Promise<string> {
  return digestText(hashedContent(definition));
}

/** `sha256-<hex>` of a text's UTF-8 bytes. */
export async function digestText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return 'sha256-' + Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
