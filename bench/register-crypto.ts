// The cryptographic ceiling of receiving (run by bench/register.ts as its own process, pinned to the
// endpoint's core). First the path the endpoint uses (src/server/jose-sync.ts, synchronous node:crypto
// with KeyObjects, device keys imported once): opening a sealed submission (ECDH-ES+A256KW/A256GCM),
// verifying the signed submission inside it (ES256) and signing the receipt (ES256), each alone and
// all three in a row, one after another on the one thread, per second of CPU time. Then, for reference, the same with jose
// (WebCrypto, 16 operations in flight as with the load's connections), which the endpoint used before.
// Usage: tsx bench/register-crypto.ts <samples.json> <keys.json> <seconds per operation>
import { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CompactSign, calculateJwkThumbprint, compactDecrypt, compactVerify, importJWK, type CryptoKey as JoseKey } from 'jose';
import { z } from 'zod';
import { publicP256Jwk } from '../src/core/index.js';
import { createPublicKeyCache, decryptionKey, openJwe, signJws, verifyJws } from '../src/server/jose-sync.js';
import { loadRegisterKeys } from '../src/server/keys.js';

export const cryptoSample = z.object({ token: z.string(), deviceKey: publicP256Jwk });
const rates = z.object({ decryptPerSecond: z.number(), verifyPerSecond: z.number(), signPerSecond: z.number() });
export const ceilingAnswer = z.object({
  /** jose-sync.ts; allPerSecond: decrypt, verify and sign one after another, as the endpoint does for each submission. */
  sync: rates.extend({ allPerSecond: z.number() }),
  jose: rates,
});

const inFlight = 16;

/** Runs `operation` over the samples in turn, `inFlight` at once, for about `seconds`; operations per second. */
async function rate<T>(samples: T[], seconds: number, operation: (sample: T) => Promise<unknown>): Promise<number> {
  // Warm the JIT and the key caches first.
  for (const sample of samples.slice(0, 50)) await operation(sample);
  let next = 0;
  let done = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        await operation(samples[next++ % samples.length]!);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * Runs `operation` over the samples in turn, synchronously, for about `seconds`; operations per second
 * of this process's CPU time (user + system): what one core of its own does, however busy the machine.
 */
function syncRate<T>(samples: T[], seconds: number, operation: (sample: T) => unknown): number {
  for (const sample of samples.slice(0, 50)) operation(sample);
  let done = 0;
  const cpu = process.cpuUsage();
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    // Between clock reads, a few at a time: the clock is not free either.
    for (let i = 0; i < 8; i++) operation(samples[done++ % samples.length]!);
  }
  const { user, system } = process.cpuUsage(cpu);
  return done / ((user + system) / 1e6);
}

async function main() {
  const [samplesFile, keysFile, secondsText] = process.argv.slice(2);
  if (!samplesFile || !keysFile) throw new Error('usage: register-crypto.ts <samples.json> <keys.json> [seconds]');
  const seconds = Number(secondsText ?? '3');
  const samples = z.array(cryptoSample).parse(JSON.parse(readFileSync(samplesFile, 'utf8')));
  const { keys } = await loadRegisterKeys('.', keysFile);
  const privateKey = keys.current.privateKey;
  const options = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const signed = await Promise.all(
    samples.map(async (s) => decoder.decode((await compactDecrypt(s.token, privateKey, options)).plaintext)),
  );
  const verifiable = await Promise.all(
    samples.map(async (s, i) => ({ jws: signed[i]!, key: (await importJWK(s.deviceKey, 'ES256')) as JoseKey })),
  );
  const receipt = JSON.stringify({
    submissionId: crypto.randomUUID(),
    orderId: 'bench',
    receivedAt: new Date().toISOString(),
    storedHash: `sha256-${'0'.repeat(64)}`,
  });

  const encryptionKey = decryptionKey(KeyObject.from(privateKey));
  const receiptKey = KeyObject.from(keys.receipt.privateKey);
  const deviceKeys = createPublicKeyCache();
  const thumbprints = await Promise.all(samples.map((s) => calculateJwkThumbprint(s.deviceKey, 'sha256')));
  const keyFor = () => encryptionKey;
  const open = (token: string) => {
    const opened = openJwe(token, keyFor);
    if (!opened.ok) throw new Error(`a sample does not open: ${opened.refusal}`);
    return decoder.decode(opened.plaintext);
  };
  const check = (jws: string, i: number) => {
    const sample = samples[i]!;
    if (!verifyJws(jws, deviceKeys.keyFor(sample.deviceKey, thumbprints[i]!), thumbprints[i]!)) throw new Error('a sample does not verify');
  };
  const indices = samples.map((_, i) => i);
  const sync = {
    decryptPerSecond: syncRate(samples, seconds, (s) => open(s.token)),
    verifyPerSecond: syncRate(indices, seconds, (i) => check(signed[i]!, i)),
    signPerSecond: syncRate(samples, seconds, () => signJws(receipt, receiptKey, keys.receipt.kid)),
    allPerSecond: syncRate(indices, seconds, (i) => {
      check(open(samples[i]!.token), i);
      signJws(receipt, receiptKey, keys.receipt.kid);
    }),
  };

  const jose = {
    decryptPerSecond: await rate(samples, seconds, (s) => compactDecrypt(s.token, privateKey, options)),
    verifyPerSecond: await rate(verifiable, seconds, (v) => compactVerify(v.jws, v.key, { algorithms: ['ES256'] })),
    signPerSecond: await rate(samples, seconds, () =>
      new CompactSign(encoder.encode(receipt)).setProtectedHeader({ alg: 'ES256', kid: keys.receipt.kid }).sign(keys.receipt.privateKey),
    ),
  };
  process.stdout.write(JSON.stringify(ceilingAnswer.parse({ sync, jose })) + '\n');
}

if (process.argv[1]?.endsWith('register-crypto.ts')) await main();
