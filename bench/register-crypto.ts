// The cryptographic ceiling of receiving (run by bench/register.ts as its own process, pinned to the
// endpoint's core): how many of the sealed submissions Node opens per second (compactDecrypt,
// ECDH-ES+A256KW/A256GCM) and how many of the signed submissions inside it verifies per second
// (compactVerify, ES256), keys imported once, 16 operations in flight as with the load's connections;
// and, beside the ceiling, how many receipts it signs per second (CompactSign, ES256), which the
// endpoint does too.
// Usage: tsx bench/register-crypto.ts <samples.json> <keys.json> <seconds per operation>
import { readFileSync } from 'node:fs';
import { CompactSign, compactDecrypt, compactVerify, importJWK, type CryptoKey as JoseKey } from 'jose';
import { z } from 'zod';
import { publicP256Jwk } from '../src/core/index.js';
import { loadRegisterKeys } from '../src/server/keys.js';

export const cryptoSample = z.object({ token: z.string(), deviceKey: publicP256Jwk });
export const ceilingAnswer = z.object({ decryptPerSecond: z.number(), verifyPerSecond: z.number(), signPerSecond: z.number() });

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

async function main() {
  const [samplesFile, keysFile, secondsText] = process.argv.slice(2);
  if (!samplesFile || !keysFile) throw new Error('usage: register-crypto.ts <samples.json> <keys.json> [seconds]');
  const seconds = Number(secondsText ?? '3');
  const samples = z.array(cryptoSample).parse(JSON.parse(readFileSync(samplesFile, 'utf8')));
  const { keys } = await loadRegisterKeys('.', keysFile);
  const privateKey = keys.current.privateKey;
  const options = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };
  const decoder = new TextDecoder();
  const signed = await Promise.all(samples.map(async (s) => decoder.decode((await compactDecrypt(s.token, privateKey, options)).plaintext)));
  const verifiable = await Promise.all(
    samples.map(async (s, i) => ({ jws: signed[i]!, key: (await importJWK(s.deviceKey, 'ES256')) as JoseKey })),
  );
  const decryptPerSecond = await rate(samples, seconds, (s) => compactDecrypt(s.token, privateKey, options));
  const verifyPerSecond = await rate(verifiable, seconds, (v) => compactVerify(v.jws, v.key, { algorithms: ['ES256'] }));
  const receipt = new TextEncoder().encode(JSON.stringify({ submissionId: crypto.randomUUID(), orderId: 'bench', receivedAt: new Date().toISOString(), storedHash: `sha256-${'0'.repeat(64)}` }));
  const signPerSecond = await rate(samples, seconds, () => new CompactSign(receipt).setProtectedHeader({ alg: 'ES256', kid: keys.receipt.kid }).sign(keys.receipt.privateKey));
  process.stdout.write(JSON.stringify(ceilingAnswer.parse({ decryptPerSecond, verifyPerSecond, signPerSecond })) + '\n');
}

if (process.argv[1]?.endsWith('register-crypto.ts')) await main();
