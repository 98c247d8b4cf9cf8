// The register's hot path through JOSE, done synchronously with node:crypto KeyObjects: opening the
// sealed submission (compact JWE, ECDH-ES+A256KW with A256GCM, RFC 7516/7518), verifying the device's
// ES256 JWS inside it, and signing the receipt (ES256). Only what the sealing contract allows is
// accepted; everything else is refused.
//
// Why not jose here: jose v6 uses WebCrypto only, and WebCrypto hands every step (key import, ECDH,
// the KDF's digest, AES-KW, AES-GCM, ECDSA) to libuv's thread pool as its own job. With the endpoint
// on one core, handing those jobs over took a third of its main thread and importing keys another
// eighth (issue 7); done here synchronously, opening a submission costs about a third of the CPU
// time (bench/register.ts measures both). jose stays everywhere else (keys, the device, tests), and
// test/server/jose-sync.test.ts checks this file against it.
import { createDecipheriv, createECDH, createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const keyWrapIv = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
const algorithmId = lengthPrefixed(Buffer.from('ECDH-ES+A256KW', 'ascii'));
const keyDataLength = Buffer.from([0, 0, 1, 0]); // 256 bits, big-endian
const counterOne = Buffer.from([0, 0, 0, 1]);
const uncompressed = Buffer.from([4]);
const signatureOptions = { dsaEncoding: 'ieee-p1363' } as const;

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** The bytes of a base64url segment, or undefined unless it is exactly how they encode (no padding, no stray characters). */
function fromBase64url(segment: string): Buffer | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A protected header: base64url of UTF-8 JSON of an object. */
function parseHeader(segment: string): Record<string, unknown> | undefined {
  const bytes = fromBase64url(segment);
  if (!bytes) return undefined;
  try {
    const header: unknown = JSON.parse(strictUtf8.decode(bytes));
    return isPlainObject(header) ? header : undefined;
  } catch {
    return undefined;
  }
}

/** Why a JWE was not opened, from the outside in. */
export type JweRefusal = 'malformed' | 'unexpectedHeader' | 'unknownKey' | 'undecryptable';

export type OpenedJwe = { ok: true; plaintext: Buffer } | { ok: false; refusal: JweRefusal };

const refuse = (refusal: JweRefusal): OpenedJwe => ({ ok: false, refusal });

/** Concat KDF (RFC 7518 §4.6.2) with SHA-256: one round gives the 256-bit key-encryption key. */
function concatKdf(sharedSecret: Buffer, partyUInfo: Buffer, partyVInfo: Buffer): Buffer {
  return createHash('sha256')
    .update(counterOne)
    .update(sharedSecret)
    .update(algorithmId)
    .update(lengthPrefixed(partyUInfo))
    .update(lengthPrefixed(partyVInfo))
    .update(keyDataLength)
    .digest();
}

/** An optional apu/apv member: absent is empty; present must be base64url text. */
function partyInfo(value: unknown): Buffer | undefined {
  if (value === undefined) return Buffer.alloc(0);
  return typeof value === 'string' ? fromBase64url(value) : undefined;
}

/** A register P-256 private key, ready to agree a secret with a JWE's ephemeral key. */
export interface DecryptionKey {
  /** Z for an uncompressed point (0x04‖x‖y); throws when the point is not on P-256. */
  sharedSecret(point: Buffer): Buffer;
}

/**
 * ECDH on the raw point (node's ECDH object) rather than a KeyObject made for every ephemeral key and
 * crypto.diffieHellman: the same OpenSSL derivation, and the point is still checked to be on the curve,
 * but at about three times the rate.
 */
export function decryptionKey(privateKey: KeyObject): DecryptionKey {
  if (
    privateKey.type !== 'private' ||
    privateKey.asymmetricKeyType !== 'ec' ||
    privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  )
    throw new Error('A register encryption key must be a P-256 private key');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url'));
  return { sharedSecret: (point) => ecdh.computeSecret(point) };
}

/**
 * Opens a compact JWE with alg ECDH-ES+A256KW and enc A256GCM (and nothing else: no zip, no crit),
 * decrypting with the register key its kid names.
 */
export function openJwe(token: string, keyFor: (kid: string) => DecryptionKey | undefined): OpenedJwe {
  const parts = token.split('.');
  const header = parseHeader(parts[0] ?? '');
  if (!header) return refuse('malformed');
  if (parts.length !== 5 || header.alg !== 'ECDH-ES+A256KW' || header.enc !== 'A256GCM' || typeof header.kid !== 'string')
    return refuse('unexpectedHeader');
  if (Object.hasOwn(header, 'zip') || Object.hasOwn(header, 'crit')) return refuse('unexpectedHeader');
  const key = keyFor(header.kid);
  if (!key) return refuse('unknownKey');

  const [protectedSegment = '', keySegment = '', ivSegment = '', ciphertextSegment = '', tagSegment = ''] = parts;
  const { epk } = header;
  const partyU = partyInfo(header.apu);
  const partyV = partyInfo(header.apv);
  const encryptedKey = fromBase64url(keySegment);
  const iv = fromBase64url(ivSegment);
  const ciphertext = fromBase64url(ciphertextSegment);
  const tag = fromBase64url(tagSegment);
  if (
    !isPlainObject(epk) ||
    epk.kty !== 'EC' ||
    epk.crv !== 'P-256' ||
    typeof epk.x !== 'string' ||
    typeof epk.y !== 'string' ||
    Object.hasOwn(epk, 'd')
  )
    return refuse('undecryptable');
  const x = fromBase64url(epk.x);
  const y = fromBase64url(epk.y);
  if (x?.length !== 32 || y?.length !== 32) return refuse('undecryptable');
  if (!partyU || !partyV || encryptedKey?.length !== 40 || iv?.length !== 12 || !ciphertext || tag?.length !== 16)
    return refuse('undecryptable');
  try {
    const keyEncryptionKey = concatKdf(key.sharedSecret(Buffer.concat([uncompressed, x, y])), partyU, partyV);
    const unwrap = createDecipheriv('id-aes256-wrap', keyEncryptionKey, keyWrapIv);
    const contentKey = Buffer.concat([unwrap.update(encryptedKey), unwrap.final()]);
    if (contentKey.length !== 32) return refuse('undecryptable');
    const gcm = createDecipheriv('aes-256-gcm', contentKey, iv, { authTagLength: 16 });
    gcm.setAAD(Buffer.from(protectedSegment, 'latin1'));
    gcm.setAuthTag(tag);
    return { ok: true, plaintext: Buffer.concat([gcm.update(ciphertext), gcm.final()]) };
  } catch {
    return refuse('undecryptable');
  }
}

/**
 * The payload of a compact JWS when its header is exactly alg ES256 with this kid (no crit) and its
 * 64-byte signature (r‖s) verifies with this P-256 public key; otherwise undefined.
 */
export function verifyJws(jws: string, publicKey: KeyObject, kid: string): Buffer | undefined {
  const parts = jws.split('.');
  if (parts.length !== 3) return undefined;
  const [headerSegment = '', payloadSegment = '', signatureSegment = ''] = parts;
  const header = parseHeader(headerSegment);
  if (!header || header.alg !== 'ES256' || header.kid !== kid || Object.hasOwn(header, 'crit')) return undefined;
  const payload = fromBase64url(payloadSegment);
  const signature = fromBase64url(signatureSegment);
  if (!payload || signature?.length !== 64) return undefined;
  try {
    return verify('sha256', Buffer.from(`${headerSegment}.${payloadSegment}`, 'latin1'), { key: publicKey, ...signatureOptions }, signature)
      ? payload
      : undefined;
  } catch {
    return undefined;
  }
}

/** A compact JWS of the text, header {alg: 'ES256', kid}, as jose's CompactSign writes it. */
export function signJws(text: string, privateKey: KeyObject, kid: string): string {
  // ES256 is P-256 only: another curve would sign, and the receipt would verify nowhere.
  if (privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('An ES256 key must be a P-256 private key');
  const signingInput = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid })).toString('base64url')}.${Buffer.from(text, 'utf8').toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(signingInput, 'latin1'), { key: privateKey, ...signatureOptions });
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface PublicKeyCache {
  /** The KeyObject of a P-256 public JWK, imported once per thumbprint; throws when the JWK is not a P-256 point. */
  keyFor(jwk: { x: string; y: string }, thumbprint: string): KeyObject;
}

/** Device keys already imported, the most recently used kept, at most `limit` of them. */
export function createPublicKeyCache(limit = 1000): PublicKeyCache {
  const cached = new Map<string, { x: string; y: string; key: KeyObject }>();
  return {
    keyFor({ x, y }, thumbprint) {
      const hit = cached.get(thumbprint);
      if (hit && hit.x === x && hit.y === y) {
        cached.delete(thumbprint);
        cached.set(thumbprint, hit);
        return hit.key;
      }
      const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
      cached.delete(thumbprint);
      cached.set(thumbprint, { x, y, key });
      if (cached.size > limit) cached.delete(cached.keys().next().value ?? '');
      return key;
    },
  };
}
