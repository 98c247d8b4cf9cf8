// Proof of work on claims: when many codes are being guessed from everywhere at once, the register
// asks every claim to carry a proof that costs about 2^difficulty SHA-256 hashes. The proof is bound
// to the code it is sent with, so each guess pays again; a patient's device pays once, in the
// background. The challenge is opaque to the device (the register MACs it and reads it back).
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod/mini';
import { normaliseAccessCode } from '../access-code.js';

/** What a refusal asking for a proof carries: the challenge to solve and how many leading zero bits the hash needs. */
export const proofOfWorkChallenge = z.object({
  challenge: z.string().check(z.maxLength(300)),
  difficulty: z.int().check(z.minimum(0), z.maximum(32)),
});
export type ProofOfWorkChallenge = z.infer<typeof proofOfWorkChallenge>;

/** What a claim carries back: the challenge as given and the nonce found. */
export const proofOfWork = z.strictObject({
  challenge: z.string().check(z.maxLength(300)),
  nonce: z.string().check(z.regex(/^[0-9a-z]{1,16}$/)),
});
export type ProofOfWork = z.infer<typeof proofOfWork>;

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
