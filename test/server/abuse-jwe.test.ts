// Abuse (see abuse-fixture.ts): every part of the sealed JWE tampered with, and JWEs and device keys
// on the wrong curve.
import { CompactEncrypt, exportJWK, generateKeyPair, importJWK, type CryptoKey as JoseKey } from 'jose';
import { describe, test } from 'vitest';
import { payloadFor, sealFor, signAs } from './setup.js';
import {
  b64,
  deviceA,
  encoder,
  flip,
  openCode,
  orderA,
  refused,
  register,
  submit,
  unb64,
  useAbuseRegister,
  withPart,
} from './abuse-fixture.js';

useAbuseRegister();

describe('the JWE tampered with, part by part', () => {
  const header = (token: string) => JSON.parse(unb64(token.split('.')[0] ?? '')) as Record<string, unknown>;
  const cases: [string, (token: string) => string, number, string][] = [
    [
      'header: a field added (authenticated data changes)',
      (t) => withPart(t, 0, () => b64(JSON.stringify({ ...header(t), cty: 'JWT' }))),
      400,
      'invalidToken',
    ],
    [
      'header: another ephemeral key',
      (t) =>
        withPart(t, 0, () =>
          b64(JSON.stringify({ ...header(t), epk: { ...(header(t).epk as object), x: flip((header(t).epk as { x: string }).x) } })),
        ),
      400,
      'invalidToken',
    ],
    ['header: enc A128GCM', (t) => withPart(t, 0, () => b64(JSON.stringify({ ...header(t), enc: 'A128GCM' }))), 400, 'invalidToken'],
    ['header: alg dir', (t) => withPart(t, 0, () => b64(JSON.stringify({ ...header(t), alg: 'dir' }))), 400, 'invalidToken'],
    [
      'header: alg ECDH-ES (no key wrapping)',
      (t) => withPart(t, 0, () => b64(JSON.stringify({ ...header(t), alg: 'ECDH-ES' }))),
      400,
      'invalidToken',
    ],
    ['header: zip DEF', (t) => withPart(t, 0, () => b64(JSON.stringify({ ...header(t), zip: 'DEF' }))), 400, 'invalidToken'],
    [
      'header: kid of no register key',
      (t) => withPart(t, 0, () => b64(JSON.stringify({ ...header(t), kid: 'not-a-register-key' }))),
      400,
      'unknownRegisterKey',
    ],
    [
      'header: no kid',
      (t) =>
        withPart(t, 0, () => {
          const { kid: _kid, ...rest } = header(t);
          return b64(JSON.stringify(rest));
        }),
      400,
      'invalidToken',
    ],
    ['header: not JSON', (t) => withPart(t, 0, () => b64('{"alg":')), 400, 'invalidToken'],
    ['header: one character flipped', (t) => withPart(t, 0, flip), 400, 'invalidToken'],
    ['encrypted key: one character flipped', (t) => withPart(t, 1, flip), 400, 'invalidToken'],
    ['encrypted key: empty', (t) => withPart(t, 1, () => ''), 400, 'invalidToken'],
    ['encrypted key: truncated', (t) => withPart(t, 1, (p) => p.slice(0, 20)), 400, 'invalidToken'],
    ['iv: one character flipped', (t) => withPart(t, 2, flip), 400, 'invalidToken'],
    ['iv: empty', (t) => withPart(t, 2, () => ''), 400, 'invalidToken'],
    ['iv: longer', (t) => withPart(t, 2, (p) => p + 'AAAA'), 400, 'invalidToken'],
    ['ciphertext: one character flipped', (t) => withPart(t, 3, flip), 400, 'invalidToken'],
    ['ciphertext: truncated', (t) => withPart(t, 3, (p) => p.slice(0, -8)), 400, 'invalidToken'],
    ['ciphertext: empty', (t) => withPart(t, 3, () => ''), 400, 'invalidToken'],
    ['tag: one character flipped', (t) => withPart(t, 4, flip), 400, 'invalidToken'],
    ['tag: truncated to 8 bytes', (t) => withPart(t, 4, (p) => p.slice(0, 11)), 400, 'invalidToken'],
    ['tag: empty', (t) => withPart(t, 4, () => ''), 400, 'invalidToken'],
    ['a sixth part', (t) => `${t}.AAAA`, 400, 'invalidToken'],
    ['only four parts', (t) => t.split('.').slice(0, 4).join('.'), 400, 'invalidToken'],
    ['whitespace inside', (t) => `${t.slice(0, 40)} ${t.slice(40)}`, 400, 'invalidToken'],
  ];
  test.each(cases)('%s', async (name, change, status, code) => {
    await refused(`JWE ${name}`, submit(change(await sealFor(deviceA, orderA, payloadFor(orderA)))), status, code);
  });
});

describe('keys on the wrong curve', () => {
  test('a P-384 device key at claim is refused before the code is looked at (no attempt counted)', async () => {
    const { publicKey } = await generateKeyPair('ES384', { extractable: true });
    const jwk = await exportJWK(publicKey);
    await refused(
      'P-384 device key at claim',
      register.post('/api/claim', { code: openCode, deviceKey: jwk }, { address: '10.9.0.1' }),
      400,
      'badRequest',
    );
    await refused(
      'P-256 device key with its private part',
      register.post('/api/claim', { code: openCode, deviceKey: { ...deviceA.publicJwk, d: 'A'.repeat(43) } }, { address: '10.9.0.1' }),
      400,
      'badRequest',
    );
    await refused(
      'an RSA device key',
      register.post('/api/claim', { code: openCode, deviceKey: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, { address: '10.9.0.1' }),
      400,
      'badRequest',
    );
  });

  test("a JWE to a P-384 key, or to a P-256 key that is not the register's, under the register's kid", async () => {
    const jws = await signAs(deviceA, payloadFor(orderA));
    for (const [name, crv] of [
      ['P-384', 'P-384'],
      ['another P-256 key', 'P-256'],
    ] as const) {
      const { publicKey } = await generateKeyPair('ECDH-ES+A256KW', { crv });
      const token = await new CompactEncrypt(encoder.encode(jws))
        .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: orderA.encryptionKey.kid })
        .encrypt(publicKey);
      await refused(`JWE to ${name}`, submit(token), 400, 'invalidToken');
    }
  });

  test('a JWE whose ephemeral key is a P-384 point', async () => {
    const jws = await signAs(deviceA, payloadFor(orderA));
    const p384 = (await importJWK(
      { ...(await exportJWK((await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-384', extractable: true })).publicKey)) },
      'ECDH-ES+A256KW',
    )) as JoseKey;
    const token = await new CompactEncrypt(encoder.encode(jws))
      .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: orderA.encryptionKey.kid })
      .encrypt(p384);
    const p384Epk = (JSON.parse(unb64(token.split('.')[0] ?? '')) as { epk: unknown }).epk;
    const real = await sealFor(deviceA, orderA, payloadFor(orderA));
    const mixed = withPart(real, 0, (h) => b64(JSON.stringify({ ...JSON.parse(unb64(h)), epk: p384Epk })));
    await refused('JWE with a P-384 ephemeral key', submit(mixed), 400, 'invalidToken');
  });
});
