// The proof-of-work solver in a chunk of its own, loaded the first time the register asks a claim for
// a proof (it brings noble's SHA-256, which nothing else on the patient's route needs). Not for the
// service worker: a dynamic import's helper there stops the classic worker script from starting.
import type { ProofSolver } from './register-client.js';

export const lazyProofSolver: ProofSolver = (challenge, code) =>
  import('./proof-of-work.js').then(({ solveProofOfWork }) => solveProofOfWork(challenge, code));
