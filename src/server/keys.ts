// The register's keys: ECDH-ES P-256 key pairs that submissions are encrypted to (the newest for new
// orders; older ones still open what was sealed to them), an ES256 key that signs receipts, and a
// secret pepper for hashing access codes. Generated on first start into the data folder (readable
// by the owner only) or read from REGISTER_KEYS_FILE. Never logged.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey as JoseKey, type JWK } from 'jose';
import { z } from 'zod';
import { normaliseAccessCode, publicP256Jwk, type RegisterPublicKey } from '../core/index.js';

const privateJwk = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() }).loose();

const storedKey = z.object({ kid: z.string().min(1), privateJwk, createdAt: z.string() });

const keysFile = z.object({
  format: z.literal(1),
  encryption: z.array(storedKey).min(1),
  receipt: storedKey,
  codePepper: z.string().min(32),
});
type KeysFile = z.infer<typeof keysFile>;

export interface LoadedKey {
  kid: string;
  privateKey: JoseKey;
  publicKey: RegisterPublicKey;
}

export interface RegisterKeys {
  /** The key new orders are sealed to. */
  current: LoadedKey;
  encryptionByKid: ReadonlyMap<string, LoadedKey>;
  receipt: LoadedKey;
  /** HMAC-SHA256 of a normalised access code: what the register stores instead of the code. */
  hashCode(code: string): string;
  /** HMAC-SHA256 under a key derived from the pepper: proof-of-work challenges that every instance can check. */
  macChallenge(text: string): string;
  /** AES-256-GCM key for patients' contact details at rest (notify/contact-crypto.ts); a KeyObject, so it never prints. */
  contactKey: KeyObject;
}

async function newKey(alg: 'ECDH-ES+A256KW' | 'ES256'): Promise<z.infer<typeof storedKey>> {
  const { privateKey } = await generateKeyPair(alg, { crv: 'P-256', extractable: true });
  const jwk = await exportJWK(privateKey);
  const { d: _private, ...publicPart } = jwk;
  return {
    kid: await calculateJwkThumbprint(publicPart, 'sha256'),
    privateJwk: privateJwk.parse(jwk),
    createdAt: new Date().toISOString(),
  };
}

async function load(stored: z.infer<typeof storedKey>, alg: 'ECDH-ES+A256KW' | 'ES256'): Promise<LoadedKey> {
  const { d: _private, ...publicPart } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk as JWK, alg)) as JoseKey,
    publicKey: {
      kid: stored.kid,
      jwk: publicP256Jwk.parse({ kty: publicPart.kty, crv: publicPart.crv, x: publicPart.x, y: publicPart.y }),
    },
  };
}

/**
 * Writes the whole file beside the old one and renames it into place, so a crash mid-write never
 * leaves a half-written keys file: losing a key would leave every submission sealed to it unopenable.
 */
function writePrivate(file: string, content: KeysFile) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(content, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function readKeysFile(file: string): KeysFile {
  const result = keysFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success)
    throw new Error(`The register keys in ${file} are not valid: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return result.data;
}

/** Reads the keys, generating them on first start when no keys file is configured. */
export async function loadRegisterKeys(dataDir: string, configuredFile?: string): Promise<{ keys: RegisterKeys; isNew: boolean }> {
  const file = configuredFile ?? path.join(dataDir, 'keys.json');
  let isNew = false;
  if (!existsSync(file)) {
    if (configuredFile) throw new Error(`REGISTER_KEYS_FILE names ${configuredFile}, which does not exist.`);
    writePrivate(file, {
      format: 1,
      encryption: [await newKey('ECDH-ES+A256KW')],
      receipt: await newKey('ES256'),
      codePepper: randomBytes(32).toString('base64url'),
    });
    isNew = true;
  }
  const content = readKeysFile(file);
  const encryption = await Promise.all(content.encryption.map((k) => load(k, 'ECDH-ES+A256KW')));
  const current = encryption.at(-1);
  if (!current) throw new Error('no encryption key');
  // Its own key, so that a challenge's MAC can never be a code's hash.
  const challengeKey = createHmac('sha256', content.codePepper).update('svar proof-of-work challenges').digest();
  // Derived the same way, under its own label: every instance with the keys file opens the same contact details.
  const contactKey = createSecretKey(createHmac('sha256', content.codePepper).update('svar contact details').digest());
  return {
    isNew,
    keys: {
      current,
      encryptionByKid: new Map(encryption.map((k) => [k.kid, k])),
      receipt: await load(content.receipt, 'ES256'),
      hashCode: (code) => createHmac('sha256', content.codePepper).update(normaliseAccessCode(code)).digest('base64url'),
      macChallenge: (text) => createHmac('sha256', challengeKey).update(text).digest('base64url'),
      contactKey,
    },
  };
}

/** The key ids and when each was made; never the keys. */
export function describeKeys(
  dataDir: string,
  configuredFile?: string,
): { encryption: { kid: string; createdAt: string }[]; receipt: { kid: string; createdAt: string } } {
  const content = readKeysFile(configuredFile ?? path.join(dataDir, 'keys.json'));
  const describe = ({ kid, createdAt }: z.infer<typeof storedKey>) => ({ kid, createdAt });
  return { encryption: content.encryption.map(describe), receipt: describe(content.receipt) };
}

/** Appends a new encryption key: new orders use it; submissions sealed to older keys still open. */
export async function rotateEncryptionKey(dataDir: string, configuredFile?: string): Promise<string> {
  const file = configuredFile ?? path.join(dataDir, 'keys.json');
  const content = readKeysFile(file);
  const key = await newKey('ECDH-ES+A256KW');
  writePrivate(file, { ...content, encryption: [...content.encryption, key] });
  return key.kid;
}
