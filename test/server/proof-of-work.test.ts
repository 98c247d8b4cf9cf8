// The proof of work's difficulty grows with the failures from all addresses and stops at its most;
// its challenges are checked for their MAC, purpose, expiry, difficulty and the code they were solved for.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { leadingZeroBits } from '../../src/core/protocol/proof-of-work-hash.js';
import { solveProofOfWork } from '../../src/device/proof-of-work.js';
import { loadRegisterKeys } from '../../src/server/keys.js';
import {
  checkProof,
  failuresAtMaxDifficulty,
  issueChallenge,
  proofOfWorkLimits,
  requiredDifficulty,
} from '../../src/server/proof-of-work.js';

test('no proof below the threshold; 2 bits more per doubling; never more than the most', () => {
  const { threshold, firstBits, maxBits } = proofOfWorkLimits;
  expect([0, threshold - 1, threshold, 2 * threshold - 1, 2 * threshold, 4 * threshold].map(requiredDifficulty)).toEqual([
    0,
    0,
    firstBits,
    firstBits,
    firstBits + 2,
    firstBits + 4,
  ]);
  // Counting may stop at failuresAtMaxDifficulty: below it the difficulty is still short of the most.
  expect(requiredDifficulty(failuresAtMaxDifficulty)).toBe(maxBits);
  expect(requiredDifficulty(failuresAtMaxDifficulty - 1)).toBeLessThan(maxBits);
  expect(requiredDifficulty(1e12)).toBe(maxBits);
});

test('leading zero bits are counted across bytes', () => {
  expect([[0x80], [0x01], [0x00, 0x40], [0x00, 0x00, 0x00, 0x00]].map((bytes) => leadingZeroBits(new Uint8Array(bytes)))).toEqual([
    0, 7, 9, 32,
  ]);
});

test('a challenge is accepted from another instance with the same keys, and only for its purpose, code and time', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'eprom-pow-'));
  const other = await mkdtemp(path.join(tmpdir(), 'eprom-pow-'));
  try {
    const { keys } = await loadRegisterKeys(dir);
    const { keys: sameKeys } = await loadRegisterKeys(dir);
    const { keys: otherKeys } = await loadRegisterKeys(other);
    const at = new Date();
    const challenge = issueChallenge(keys, 'claim', 6, at);
    const proof = await solveProofOfWork(challenge, 'abcd efgh jkmn');
    expect(checkProof(sameKeys, 'claim', 'ABCD-EFGH-JKMN', proof ?? undefined, 6, at)).toBe('solved');
    expect(checkProof(otherKeys, 'claim', 'ABCD-EFGH-JKMN', proof ?? undefined, 6, at)).toBe('invalid');
    expect(checkProof(keys, 'enrol', 'ABCD-EFGH-JKMN', proof ?? undefined, 6, at)).toBe('invalid');
    expect(checkProof(keys, 'claim', 'ABCD-EFGH-JKMN', proof ?? undefined, 8, at)).toBe('stale');
    const later = new Date(at.getTime() + proofOfWorkLimits.challengeMinutes * 60_000 + 1);
    expect(checkProof(keys, 'claim', 'ABCD-EFGH-JKMN', proof ?? undefined, 6, later)).toBe('stale');
    expect(checkProof(keys, 'claim', 'ABCD-EFGH-JKMN', undefined, 6, at)).toBe('missing');
    expect(checkProof(keys, 'claim', 'ABCD-EFGH-JKMN', { challenge: 'a.b.c', nonce: '0' }, 6, at)).toBe('invalid');
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  }
});
