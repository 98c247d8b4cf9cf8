// The register's synchronous JOSE (src/server/jose-sync.ts) checked against jose, the JWE side
// (openJwe): what jose seals opens to the same bytes, with and without apu/apv; every tampered JWE is
// refused, and jose refuses it too.
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, type CryptoKey as JoseKey, type JWEHeaderParameters } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { decryptionKey, openJwe, type DecryptionKey, type JweRefusal } from '../../src/server/jose-sync.js';
import { b64, encoder, flip, kid, spareBitSet, unb64, withPart } from './jose-sync-fixture.js';

const decryptOptions = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };

let registerPrivate: JoseKey;
let registerPublic: JoseKey;
let registerKey: DecryptionKey;
const keyFor = (id: string) => (id === kid ? registerKey : undefined);

beforeAll(async () => {
  ({ privateKey: registerPrivate, publicKey: registerPublic } = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256' }));
  registerKey = decryptionKey(KeyObject.from(registerPrivate));
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
const withHeader = (token: string, change: (header: Record<string, unknown>) => Record<string, unknown>) =>
  withPart(token, 0, () => b64(JSON.stringify(change(headerOf(token)))));

const p384Epk = async () =>
  (await exportJWK((await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-384', extractable: true })).publicKey)) as Record<string, unknown>;
const x25519Epk = async () =>
  (await exportJWK((await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', extractable: true })).publicKey)) as Record<string, unknown>;
const epkOf = (token: string) => headerOf(token).epk as { x: string; y: string };

/** Another token sealed to the register, for the case that takes its tag (set by each test). */
let awaitedOther: string | undefined;
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
  ['epk: with a private part', (t) => withHeader(t, (h) => ({ ...h, epk: { ...epkOf(t), d: b64(Buffer.alloc(32, 1)) } })), 'undecryptable'],
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
