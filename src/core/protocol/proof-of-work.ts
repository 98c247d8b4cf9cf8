// Proof of work on claims: when many codes are being guessed from everywhere at once, the register
// asks every claim to carry a proof that costs about 2^difficulty SHA-256 hashes. The proof is bound
// to the code it is sent with, so each guess pays again; a patient's device pays once, in the
// background. The challenge is opaque to the device (the register MACs it and reads it back). The
// hash itself is in proof-of-work-hash.ts, which only the register and the solver load.
import { z } from 'zod/mini';

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
