// The content hash of a definition: SHA-256 over its canonical JSON, computed the same way by the
// app, the register endpoint and the command line (synchronous and free of platform APIs).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** JSON with object keys sorted by code point and no whitespace, so key order never matters. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for ' + String(value));
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
  }
  throw new TypeError(`canonical JSON has no representation for a ${typeof value}`);
}

/** `sha256-<hex>` over the canonical JSON of a definition; its `$schema` pointer is editor help and is left out. */
export function contentHash(definition: object): string {
  const { $schema: _ignored, ...content } = definition as Record<string, unknown>;
  return 'sha256-' + bytesToHex(sha256(utf8ToBytes(canonicalJson(content))));
}
