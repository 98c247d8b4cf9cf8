// The proof of work's hash, for the register that checks a proof and the device's solver (a chunk
// the app loads only when asked for a proof): kept apart from the messages, which every page needs.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { normaliseAccessCode } from '../access-code.js';

/** sha256(challenge ‖ normalised code ‖ nonce), separated so that no two inputs run together. */
export function proofOfWorkHash(challenge: string, code: string, nonce: string): Uint8Array {
  return sha256(utf8ToBytes(`${challenge}\n${normaliseAccessCode(code)}\n${nonce}`));
}

export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Whether the nonce makes the hash start with `difficulty` zero bits for this challenge and code. */
export const isProofOfWorkSolved = (challenge: string, code: string, nonce: string, difficulty: number): boolean =>
  leadingZeroBits(proofOfWorkHash(challenge, code, nonce)) >= difficulty;
