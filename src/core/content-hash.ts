// The content hash of a definition: SHA-256 over its canonical JSON, computed the same way by the
// register endpoint and the command line (synchronous and free of platform APIs). The app takes the
// same hash with WebCrypto (src/device/content-hash.ts), which keeps this SHA-256 off its route.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { hashedContent } from './canonical-json.js';

/** `sha256-<hex>` over the canonical JSON of a definition; its `$schema` pointer is editor help and is left out. */
export function contentHash(definition: object): string {
  return 'sha256-' + bytesToHex(sha256(utf8ToBytes(hashedContent(definition))));
}
