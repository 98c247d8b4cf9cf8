// The register's synchronous JOSE (src/server/jose-sync.ts) checked against jose: what jose seals
// opens to the same bytes, with and without apu/apv; every tampered JWE and JWS is refused (and jose
// refuses it too); receipts are what jose's CompactSign would write and verify with jose.
import { createPublicKey, generateKeyPairSync, KeyObject, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  CompactEncrypt,
  CompactSign,
  compactDecrypt,
  compactVerify,
  exportJWK,
  FlattenedSign,
  generateKeyPair,
  type CryptoKey as JoseKey,
  type JWEHeaderParameters,
  type CompactJWSHeaderParameters,
} from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  createPublicKeyCache,
  decryptionKey,
  openJwe,
  signJws,
  verifyJws,
  type DecryptionKey,
  type JweRefusal,
} from '../../src/server/jose-sync.js';

const encoder = new TextEncoder();
const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');
const unb64 = (part: string) => Buffer.from(part, 'base64url').toString('utf8');
const kid = 'register-key-1';
const decryptOptions = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };

let registerPrivate: JoseKey;
let registerPublic: JoseKey;
let registerKey: DecryptionKey;
let device: { privateKey: JoseKey; publicKey: JoseKey; key: KeyObject };
let other: { privateKey: JoseKey; publicKey: JoseKey };
const keyFor = (id: string) => (id === kid ? registerKey : undefined);

beforeAll(async () => {
  ({ privateKey: registerPrivate, publicKey: registerPublic } = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256' }));
  registerKey = decryptionKey(KeyObject.from(registerPrivate));
  const pair = await generateKeyPair('ES256');
  device = { ...pair, key: KeyObject.from(pair.publicKey) };
  other = await generateKeyPair('ES256');
});

async function seal(
  plaintext: string,
  options: { apu?: Uint8Array; apv?: Uint8Array; header?: JWEHeaderParameters; to?: JoseKey } = {},
): Promise<string> {
  const jwe = new CompactEncrypt(encoder.encode(plaintext)).setProtectedHeader({
    alg: 'ECDH-ES+A256KW',
    enc: 'A256GCM',
    kid,
    ...options.header,
  });
  if (options.apu || options.apv)
    jwe.setKeyManagementParameters({ ...(options.apu ? { apu: options.apu } : {}), ...(options.apv ? { apv: options.apv } : {}) });
  return jwe.encrypt(options.to ?? registerPublic);
}

const headerOf = (token: string) => JSON.parse(unb64(token.split('.')[0] ?? '')) as Record<string, unknown>;
const withPart = (token: string, index: number, change: (part: string) => string) =>
  token
    .split('.')
    .map((part, i) => (i === index ? change(part) : part))
    .join('.');
const withHeader = (token: string, change: (header: Record<string, unknown>) => Record<string, unknown>) =>
  withPart(token, 0, () => b64(JSON.stringify(change(headerOf(token)))));
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The last character of a 16-byte part (22 characters, 4 bits unused) with its lowest, unused bit flipped. */
const spareBitSet = (part: string) => part.slice(0, -1) + (alphabet[alphabet.indexOf(part.at(-1) ?? 'A') ^ 1] ?? '');
/** One character changed in the middle of a part (never the last, whose low bits may be padding). */
const flip = (part: string) => {
  const at = Math.floor(part.length / 2);
  return part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
};

describe('openJwe', () => {
  test.each([
    ['a signed submission', 'eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln'],
    ['empty', ''],
    ['non-ASCII text', 'Svar: «ja» — ærlig talt 😊'],
    ['100 kB', 'x'.repeat(100_000)],
  ])('opens what jose sealed to the same bytes: %s', async (_name, plaintext) => {
    for (const options of [
      {},
      { apu: encoder.encode('Alice') },
      { apv: encoder.encode('Bob') },
      { apu: encoder.encode('Alice'), apv: encoder.encode('Bob') },
    ]) {
      const token = await seal(plaintext, options);
      const opened = openJwe(token, keyFor);
      const byJose = await compactDecrypt(token, registerPrivate, decryptOptions);
      expect(opened).toEqual({ ok: true, plaintext: Buffer.from(byJose.plaintext) });
      expect(opened.ok && opened.plaintext.toString('utf8')).toBe(plaintext);
    }
  });

  const p384Epk = async () =>
    (await exportJWK((await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-384', extractable: true })).publicKey)) as Record<string, unknown>;
  const x25519Epk = async () =>
    (await exportJWK((await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', extractable: true })).publicKey)) as Record<string, unknown>;
  const epkOf = (token: string) => headerOf(token).epk as { x: string; y: string };

  /** 'stricter': jose (atob) decodes it to the same bytes and accepts it; we accept only base64url as encoders write it. */
  const cases: [string, (token: string) => string | Promise<string>, JweRefusal | 'any', 'stricter'?][] = [
    ['protected header: one character flipped', (t) => withPart(t, 0, flip), 'any'],
    ['encrypted key: one character flipped', (t) => withPart(t, 1, flip), 'undecryptable'],
    ['iv: one character flipped', (t) => withPart(t, 2, flip), 'undecryptable'],
    ['ciphertext: one character flipped', (t) => withPart(t, 3, flip), 'undecryptable'],
    ['tag: one character flipped', (t) => withPart(t, 4, flip), 'undecryptable'],
    ['header: a field added', (t) => withHeader(t, (h) => ({ ...h, cty: 'JWT' })), 'undecryptable'],
    ['header: alg ECDH-ES', (t) => withHeader(t, (h) => ({ ...h, alg: 'ECDH-ES' })), 'unexpectedHeader'],
    ['header: alg ECDH-ES+A128KW', (t) => withHeader(t, (h) => ({ ...h, alg: 'ECDH-ES+A128KW' })), 'unexpectedHeader'],
    ['header: alg dir', (t) => withHeader(t, (h) => ({ ...h, alg: 'dir' })), 'unexpectedHeader'],
    ['header: alg RSA-OAEP-256', (t) => withHeader(t, (h) => ({ ...h, alg: 'RSA-OAEP-256' })), 'unexpectedHeader'],
    ['header: no alg', (t) => withHeader(t, ({ alg: _alg, ...h }) => h), 'unexpectedHeader'],
    ['header: enc A128GCM', (t) => withHeader(t, (h) => ({ ...h, enc: 'A128GCM' })), 'unexpectedHeader'],
    ['header: enc A256CBC-HS512', (t) => withHeader(t, (h) => ({ ...h, enc: 'A256CBC-HS512' })), 'unexpectedHeader'],
    ['header: kid of no register key', (t) => withHeader(t, (h) => ({ ...h, kid: 'another-key' })), 'unknownKey'],
    ['header: no kid', (t) => withHeader(t, ({ kid: _kid, ...h }) => h), 'unexpectedHeader'],
    ['header: kid a number', (t) => withHeader(t, (h) => ({ ...h, kid: 1 })), 'unexpectedHeader'],
    ['header: zip DEF', (t) => withHeader(t, (h) => ({ ...h, zip: 'DEF' })), 'unexpectedHeader'],
    ['header: crit with a parameter', (t) => withHeader(t, (h) => ({ ...h, crit: ['exp'], exp: 1 })), 'unexpectedHeader'],
    ['header: crit empty', (t) => withHeader(t, (h) => ({ ...h, crit: [] })), 'unexpectedHeader'],
    ['header: not JSON', (t) => withPart(t, 0, () => b64('{"alg":')), 'malformed'],
    ['header: a JSON array', (t) => withPart(t, 0, () => b64('["ECDH-ES+A256KW"]')), 'malformed'],
    [
      'header: not UTF-8',
      (t) => withPart(t, 0, () => b64(Buffer.concat([Buffer.from('{"alg":"'), Buffer.from([0xff]), Buffer.from('"}')]))),
      'malformed',
    ],
    ['epk: x changed', (t) => withHeader(t, (h) => ({ ...h, epk: { ...epkOf(t), x: flip(epkOf(t).x) } })), 'undecryptable'],
    [
      'epk: off the curve (y of another point)',
      (t) => withHeader(t, (h) => ({ ...h, epk: { ...epkOf(t), y: epkOf(t).x } })),
      'undecryptable',
    ],
    [
      'epk: a P-384 point',
      async (t) => {
        const epk = await p384Epk();
        return withHeader(t, (h) => ({ ...h, epk }));
      },
      'undecryptable',
    ],
    [
      'epk: P-384 coordinates named P-256',
      async (t) => {
        const epk = await p384Epk();
        return withHeader(t, (h) => ({ ...h, epk: { ...epk, crv: 'P-256' } }));
      },
      'undecryptable',
    ],
    [
      'epk: an X25519 key',
      async (t) => {
        const epk = await x25519Epk();
        return withHeader(t, (h) => ({ ...h, epk }));
      },
      'undecryptable',
    ],
    ['epk: missing', (t) => withHeader(t, ({ epk: _epk, ...h }) => h), 'undecryptable'],
    [
      'epk: with a private part',
      (t) => withHeader(t, (h) => ({ ...h, epk: { ...epkOf(t), d: b64(Buffer.alloc(32, 1)) } })),
      'undecryptable',
    ],
    ['apu added', (t) => withHeader(t, (h) => ({ ...h, apu: b64('Mallory') })), 'undecryptable'],
    ['apu not base64url', (t) => withHeader(t, (h) => ({ ...h, apu: 'not base64url!' })), 'undecryptable'],
    ['apv a number', (t) => withHeader(t, (h) => ({ ...h, apv: 1 })), 'undecryptable'],
    ['encrypted key: truncated', (t) => withPart(t, 1, (p) => p.slice(0, 20)), 'undecryptable'],
    ['encrypted key: empty', (t) => withPart(t, 1, () => ''), 'undecryptable'],
    ['iv: 16 bytes', (t) => withPart(t, 2, (p) => b64(Buffer.concat([Buffer.from(p, 'base64url'), Buffer.alloc(4)]))), 'undecryptable'],
    ['iv: empty', (t) => withPart(t, 2, () => ''), 'undecryptable'],
    ['ciphertext: truncated', (t) => withPart(t, 3, (p) => p.slice(0, -8)), 'undecryptable'],
    ['ciphertext: empty', (t) => withPart(t, 3, () => ''), 'undecryptable'],
    ['tag: truncated to 12 bytes', (t) => withPart(t, 4, (p) => b64(Buffer.from(p, 'base64url').subarray(0, 12))), 'undecryptable'],
    ['tag: truncated to 4 bytes', (t) => withPart(t, 4, (p) => b64(Buffer.from(p, 'base64url').subarray(0, 4))), 'undecryptable'],
    ['tag: empty', (t) => withPart(t, 4, () => ''), 'undecryptable'],
    ['tag: another token’s', async (t) => withPart(t, 4, () => (awaitedOther ?? '').split('.')[4] ?? ''), 'undecryptable'],
    ['a sixth part', (t) => `${t}.AAAA`, 'unexpectedHeader'],
    ['only four parts', (t) => t.split('.').slice(0, 4).join('.'), 'unexpectedHeader'],
    ['only the header', (t) => t.split('.')[0] ?? '', 'unexpectedHeader'],
    ['whitespace inside the ciphertext', (t) => withPart(t, 3, (p) => `${p.slice(0, 10)} ${p.slice(10)}`), 'undecryptable', 'stricter'],
    ['base64 padding on the iv', (t) => withPart(t, 2, (p) => `${p}=`), 'undecryptable'],
    [
      'standard base64 characters in the ciphertext',
      (t) => withPart(t, 3, (p) => p.replaceAll('-', '+').replaceAll('_', '/').replace(/^./, '+')),
      'undecryptable',
    ],
    ['a stray character in the encrypted key', (t) => withPart(t, 1, (p) => `${p.slice(0, 5)}!${p.slice(5)}`), 'undecryptable'],
    ['the tag in a non-canonical encoding (unused low bits set)', (t) => withPart(t, 4, spareBitSet), 'undecryptable', 'stricter'],
    [
      'encrypted to another P-256 key under the register’s kid',
      async () => seal('hello', { to: (await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256' })).publicKey }),
      'undecryptable',
    ],
  ];
  let awaitedOther: string | undefined;

  test.each(cases)('refuses: %s', async (_name, change, refusal, stricter) => {
    awaitedOther = await seal('another');
    const token = await change(await seal('{"orderId":"o","submissionId":"s"}'));
    expect(openJwe(token, keyFor)).toEqual({ ok: false, refusal: refusal === 'any' ? expect.any(String) : refusal });
    // jose refuses it as well: this path is never more lenient than the one it replaces.
    if (stricter) await expect(compactDecrypt(token, registerPrivate, decryptOptions)).resolves.toBeTruthy();
    else await expect(compactDecrypt(token, registerPrivate, decryptOptions)).rejects.toThrow();
  });

  test('only a P-256 private key is a register decryption key', async () => {
    const p384 = KeyObject.from((await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-384' })).privateKey);
    expect(() => decryptionKey(p384)).toThrow('P-256 private key');
    expect(() => decryptionKey(KeyObject.from(registerPublic))).toThrow('P-256 private key');
    expect(() => decryptionKey(generateKeyPairSync('ed25519').privateKey)).toThrow('P-256 private key');
  });

  test('another P-256 register key does not open it', async () => {
    const token = await seal('hello');
    const another = decryptionKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    expect(openJwe(token, () => another)).toEqual({ ok: false, refusal: 'undecryptable' });
  });
});

describe('verifyJws', () => {
  const payload = JSON.stringify({ submissionId: 's', orderId: 'o', answers: { a: { value: 1 } } });
  const signed = (header: CompactJWSHeaderParameters = { alg: 'ES256', kid }, key: JoseKey | Uint8Array = device.privateKey) =>
    new CompactSign(encoder.encode(payload)).setProtectedHeader(header).sign(key);

  /** What jose will not sign: any header, signed with the device key by node:crypto. */
  const signedByNode = (header: Record<string, unknown>) => {
    const input = `${b64(JSON.stringify(header))}.${b64(payload)}`;
    return `${input}.${b64(nodeSign('sha256', Buffer.from(input), { key: KeyObject.from(device.privateKey), dsaEncoding: 'ieee-p1363' }))}`;
  };

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
  let derKey: KeyObject | undefined;

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
