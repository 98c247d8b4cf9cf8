// The register's synchronous JOSE (src/server/jose-sync.ts) checked against jose, the JWS side:
// every tampered JWS is refused (and jose refuses it too); receipts are what jose's CompactSign would
// write and verify with jose; device public keys are imported once and checked.
import { createPublicKey, generateKeyPairSync, KeyObject, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  CompactSign,
  compactVerify,
  FlattenedSign,
  generateKeyPair,
  type CryptoKey as JoseKey,
  type CompactJWSHeaderParameters,
} from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { createPublicKeyCache, signJws, verifyJws } from '../../src/server/jose-sync.js';
import { b64, encoder, flip, kid, spareBitSet, withPart } from './jose-sync-fixture.js';

let device: { privateKey: JoseKey; publicKey: JoseKey; key: KeyObject };
let other: { privateKey: JoseKey; publicKey: JoseKey };

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  device = { ...pair, key: KeyObject.from(pair.publicKey) };
  other = await generateKeyPair('ES256');
});

const payload = JSON.stringify({ submissionId: 's', orderId: 'o', answers: { a: { value: 1 } } });
const signed = (header: CompactJWSHeaderParameters = { alg: 'ES256', kid }, key: JoseKey | Uint8Array = device.privateKey) =>
  new CompactSign(encoder.encode(payload)).setProtectedHeader(header).sign(key);

/** What jose will not sign: any header, signed with the device key by node:crypto. */
const signedByNode = (header: Record<string, unknown>) => {
  const input = `${b64(JSON.stringify(header))}.${b64(payload)}`;
  return `${input}.${b64(nodeSign('sha256', Buffer.from(input), { key: KeyObject.from(device.privateKey), dsaEncoding: 'ieee-p1363' }))}`;
};

/** The key that verifies the case's JWS when it is not the device's (set by the DER case). */
let derKey: KeyObject | undefined;
/** 'stricter': jose accepts it (with this kid); we refuse. */
const cases: [string, () => Promise<string>, 'stricter'?][] = [
  ['alg none', async () => `${b64(JSON.stringify({ alg: 'none', kid }))}.${b64(payload)}.`],
  [
    'alg none with the real signature',
    async () => {
      const [, p, s] = (await signed()).split('.');
      return `${b64(JSON.stringify({ alg: 'none', kid }))}.${p}.${s}`;
    },
  ],
  [
    'HS256 keyed with the public x coordinate',
    async () => {
      const jwk = device.key.export({ format: 'jwk' });
      return signed({ alg: 'HS256', kid }, Buffer.from(jwk.x ?? '', 'base64url'));
    },
  ],
  ['ES384 by a P-384 key', async () => signed({ alg: 'ES384', kid }, (await generateKeyPair('ES384')).privateKey)],
  [
    'ES384 claimed, ES256 signature',
    async () => {
      const [, p, s] = (await signed()).split('.');
      return `${b64(JSON.stringify({ alg: 'ES384', kid }))}.${p}.${s}`;
    },
  ],
  ['RS256', async () => signed({ alg: 'RS256', kid }, (await generateKeyPair('RS256')).privateKey)],
  ['signed by another key', async () => signed({ alg: 'ES256', kid }, other.privateKey)],
  ['another kid', async () => signed({ alg: 'ES256', kid: 'another' })],
  ['no kid', async () => signed({ alg: 'ES256' })],
  [
    'crit b64 false (an unencoded payload)',
    async () => {
      const flat = await new FlattenedSign(encoder.encode(payload))
        .setProtectedHeader({ alg: 'ES256', kid, b64: false, crit: ['b64'] })
        .sign(device.privateKey);
      return `${flat.protected ?? ''}.${flat.payload}.${flat.signature}`;
    },
  ],
  ['crit naming an unknown parameter', async () => signedByNode({ alg: 'ES256', kid, crit: ['exp'], exp: 1 })],
  ['crit empty', async () => signedByNode({ alg: 'ES256', kid, crit: [] })],
  [
    'a DER signature of the same input',
    async () => {
      const [h, p] = (await signed()).split('.') as [string, string];
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const der = nodeSign('sha256', Buffer.from(`${h}.${p}`), { key: privateKey, dsaEncoding: 'der' });
      expect(nodeVerify('sha256', Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
      derKey = publicKey;
      return `${h}.${p}.${b64(der)}`;
    },
  ],
  ['header: one character flipped', async () => withPart(await signed(), 0, flip)],
  ['payload: one character flipped', async () => withPart(await signed(), 1, flip)],
  ['payload: base64 padding added', async () => withPart(await signed(), 1, (p) => `${p}=`)],
  ['signature: a non-canonical encoding (unused low bits set)', async () => withPart(await signed(), 2, spareBitSet), 'stricter'],
  ['payload: whitespace inside', async () => withPart(await signed(), 1, (p) => `${p.slice(0, 10)} ${p.slice(10)}`)],
  ['signature: one character flipped', async () => withPart(await signed(), 2, flip)],
  ['signature: truncated', async () => withPart(await signed(), 2, (p) => p.slice(0, 43))],
  ['signature: empty', async () => withPart(await signed(), 2, () => '')],
  ['two parts', async () => (await signed()).split('.').slice(0, 2).join('.')],
  ['four parts', async () => `${await signed()}.AAAA`],
  ['header: not JSON', async () => withPart(await signed(), 0, () => b64('{"alg":'))],
];

describe('verifyJws', () => {
  test('a JWS signed by jose verifies to the payload jose verifies', async () => {
    const jws = await signed();
    const byJose = await compactVerify(jws, device.publicKey, { algorithms: ['ES256'] });
    expect(verifyJws(jws, device.key, kid)).toEqual(Buffer.from(byJose.payload));
  });

  test('a header parameter with no meaning here (typ) is ignored, as jose ignores it', async () => {
    expect(verifyJws(await signed({ alg: 'ES256', kid, typ: 'JOSE' }), device.key, kid)?.toString('utf8')).toBe(payload);
  });

  test('a malleated (high-s) signature verifies, as with jose and WebCrypto', async () => {
    const [h, p, s] = (await signed()).split('.') as [string, string, string];
    const raw = Buffer.from(s, 'base64url');
    const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
    const high = Buffer.from((n - BigInt(`0x${raw.subarray(32).toString('hex')}`)).toString(16).padStart(64, '0'), 'hex');
    const malleated = `${h}.${p}.${b64(Buffer.concat([raw.subarray(0, 32), high]))}`;
    await expect(compactVerify(malleated, device.publicKey, { algorithms: ['ES256'] })).resolves.toBeTruthy();
    expect(verifyJws(malleated, device.key, kid)?.toString('utf8')).toBe(payload);
  });

  test.each(cases)('refuses: %s', async (_name, make, stricter) => {
    derKey = undefined;
    const jws = await make();
    expect(verifyJws(jws, derKey ?? device.key, kid)).toBeUndefined();
    const byJose = compactVerify(jws, derKey ?? device.publicKey, { algorithms: ['ES256'] }).then(
      ({ protectedHeader }) => protectedHeader.kid === kid || Promise.reject(new Error('kid')),
    );
    if (stricter) await expect(byJose).resolves.toBe(true);
    else await expect(byJose).rejects.toThrow();
  });
});

describe('signJws', () => {
  test('a receipt is what jose writes and verifies with jose', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const claims = JSON.stringify({
      submissionId: 's',
      orderId: 'o',
      receivedAt: new Date().toISOString(),
      storedHash: `sha256-${'0'.repeat(64)}`,
      note: 'æøå',
    });
    const receipt = signJws(claims, KeyObject.from(privateKey), 'receipt-key');
    const byJose = await new CompactSign(encoder.encode(claims)).setProtectedHeader({ alg: 'ES256', kid: 'receipt-key' }).sign(privateKey);
    // ECDSA signatures are randomised: the header and payload are the same, and both signatures verify.
    expect(receipt.split('.').slice(0, 2)).toEqual(byJose.split('.').slice(0, 2));
    const verified = await compactVerify(receipt, publicKey, { algorithms: ['ES256'] });
    expect(verified.protectedHeader).toEqual({ alg: 'ES256', kid: 'receipt-key' });
    expect(new TextDecoder().decode(verified.payload)).toBe(claims);
    expect(verifyJws(receipt, KeyObject.from(publicKey), 'receipt-key')?.toString('utf8')).toBe(claims);
  });

  test('only with a P-256 key', () => {
    expect(() => signJws('{}', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, 'k')).toThrow('P-256');
  });
});

describe('createPublicKeyCache', () => {
  const jwkOf = (key: KeyObject) => {
    const { x = '', y = '' } = key.export({ format: 'jwk' });
    return { x, y };
  };
  const newPublic = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;

  test('one import per thumbprint; a different key under the same thumbprint is not served the old one', () => {
    const cache = createPublicKeyCache();
    const [a, b] = [jwkOf(newPublic()), jwkOf(newPublic())];
    const first = cache.keyFor(a, 'ta');
    expect(cache.keyFor(a, 'ta')).toBe(first);
    const other = cache.keyFor(b, 'ta');
    expect(other).not.toBe(first);
    expect(jwkOf(other)).toEqual(b);
  });

  test('keeps at most its limit, the least recently used going first', () => {
    const cache = createPublicKeyCache(2);
    const [a, b, c] = [jwkOf(newPublic()), jwkOf(newPublic()), jwkOf(newPublic())];
    const keyA = cache.keyFor(a, 'a');
    const keyB = cache.keyFor(b, 'b');
    expect(cache.keyFor(a, 'a')).toBe(keyA);
    cache.keyFor(c, 'c');
    expect(cache.keyFor(a, 'a')).toBe(keyA);
    expect(cache.keyFor(b, 'b')).not.toBe(keyB);
  });

  test('a point off the curve is refused', () => {
    const { x } = jwkOf(newPublic());
    expect(() => createPublicKeyCache().keyFor({ x, y: x }, 't')).toThrow();
    expect(() => createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y: x }, format: 'jwk' })).toThrow();
  });
});
