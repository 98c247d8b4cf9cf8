// The register endpoint under abuse: replays, other devices' keys, released orders, every part of the
// JWE and of the JWS inside it tampered with, unsigned and symmetric signatures, keys on the wrong
// curve, oversized, deeply nested and mistyped bodies, random bytes. Each is refused with its stable
// code, and the database file is byte-for-byte what it was (row counts and a hash of every table).
import { randomBytes } from 'node:crypto';
import { CompactEncrypt, CompactSign, compactDecrypt, exportJWK, generateKeyPair, importJWK, type CryptoKey as JoseKey } from 'jose';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, test } from 'vitest';
import type { ClaimResponse, SubmissionPayload } from '../../src/core/index.js';
import { loadRegisterKeys, type RegisterKeys } from '../../src/server/keys.js';
import { tally } from '../reliability-tally.js';
import { snapshotDatabase, type DbSnapshot } from './db-snapshot.js';
import {
  claim,
  createOrder,
  encryptTo,
  newDevice,
  payloadFor,
  sealFor,
  signAs,
  startTestRegister,
  type TestDevice,
  type TestRegister,
} from './setup.js';

let register: TestRegister;
let keys: RegisterKeys;
let deviceA: TestDevice;
let deviceB: TestDevice;
/** Claimed by A; one submission (stored) already stored. */
let orderA: ClaimResponse;
let stored: SubmissionPayload;
let storedToken: string;
/** Claimed by B. */
let orderB: ClaimResponse;
/** Claimed by A, then released by staff. */
let released: ClaimResponse;
/** Open: nobody has claimed it. */
let openCode: string;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const unb64 = (part: string) => Buffer.from(part, 'base64url').toString('utf8');

beforeAll(async () => {
  register = await startTestRegister();
  keys = (await loadRegisterKeys(register.dataDir)).keys;
  [deviceA, deviceB] = [await newDevice(), await newDevice()];
  orderA = await claim(register, (await createOrder(register, ['demo-wellbeing@1', 'norspis-outcome@1'])).accessCode, deviceA);
  stored = payloadFor(orderA);
  storedToken = await sealFor(deviceA, orderA, stored);
  expect((await register.post('/api/submissions', { token: storedToken })).status).toBe(201);
  orderB = await claim(register, (await createOrder(register)).accessCode, deviceB);
  released = await claim(register, (await createOrder(register)).accessCode, deviceA);
  expect((await register.staff('POST', `/api/orders/${released.order.id}/release`)).status).toBe(200);
  openCode = (await createOrder(register)).accessCode;
});
afterAll(async () => register.close());

let before: DbSnapshot;
beforeEach(() => {
  before = snapshotDatabase(register.dataDir);
});
afterEach(() => {
  // Whatever the test sent, the database is what it was.
  expect(snapshotDatabase(register.dataDir)).toEqual(before);
});

async function refused(name: string, response: Promise<{ status: number; json: Record<string, unknown> }>, status: number, code: string) {
  const answer = await response;
  tally({
    kind: 'badInput',
    suite: 'abuse',
    name,
    isRefused: answer.status === status && answer.json.error === code,
    status: answer.status,
    code: String(answer.json.error),
  });
  expect([answer.status, answer.json.error]).toEqual([status, code]);
}
const submit = (token: string) => register.post('/api/submissions', { token });
const submitRaw = (body: string | Buffer, contentType?: string) =>
  register.app
    .inject({ method: 'POST', url: '/api/submissions', payload: body, headers: contentType ? { 'content-type': contentType } : {} })
    .then((r) => {
      let json: Record<string, unknown> = {};
      try {
        json = r.json();
      } catch {
        // not JSON
      }
      return { status: r.statusCode, json };
    });

/** The JWS inside a sealed token, opened with the register's own private key. */
async function innerOf(token: string): Promise<string> {
  const header = JSON.parse(unb64(token.split('.')[0] ?? '')) as { kid: string };
  const key = keys.encryptionByKid.get(header.kid);
  if (!key) throw new Error('no such register key');
  return decoder.decode((await compactDecrypt(token, key.privateKey)).plaintext);
}
const reseal = (jws: string) => encryptTo(orderA.encryptionKey, jws);
/** Changes one character in the middle of a base64url part (never the last, whose low bits may be padding). */
const flip = (part: string) => {
  const at = Math.floor(part.length / 2);
  return part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
};
const withPart = (token: string, index: number, change: (part: string) => string) =>
  token
    .split('.')
    .map((part, i) => (i === index ? change(part) : part))
    .join('.');

describe('replays', () => {
  test('the stored token sent again is acknowledged with the first receipt and stores nothing', async () => {
    const again = await submit(storedToken);
    expect(again.status).toBe(200);
    expect(again.json.submissionId).toBe(stored.submissionId);
  });

  test('the stored signed submission under another order (orderId changed, signature kept) is refused', async () => {
    const [header, , signature] = (await innerOf(storedToken)).split('.');
    const moved = `${header}.${b64(JSON.stringify({ ...stored, orderId: orderB.order.id }))}.${signature}`;
    await refused('replay under another order', submit(await reseal(moved)), 401, 'badSignature');
  });

  test("the claimer of another order cannot take over a stored submission's id", async () => {
    const taken = { ...payloadFor(orderB), submissionId: stored.submissionId };
    await refused('submission id taken over by another device', submit(await sealFor(deviceB, orderB, taken)), 409, 'submissionConflict');
  });

  test('the same device re-signing the stored submission for an order it does not hold is refused', async () => {
    await refused(
      're-signed for another order',
      submit(await sealFor(deviceA, orderB, { ...stored, orderId: orderB.order.id })),
      401,
      'badSignature',
    );
  });

  test("another device's key, with its own key id or the claimer's", async () => {
    await refused("another device's key", submit(await sealFor(deviceB, orderA, payloadFor(orderA))), 401, 'badSignature');
    await refused(
      "another device's key with the claimer's kid",
      submit(await encryptTo(orderA.encryptionKey, await signAs(deviceB, payloadFor(orderA), deviceA.thumbprint))),
      401,
      'badSignature',
    );
    await refused(
      "the claimer's key with another kid",
      submit(await encryptTo(orderA.encryptionKey, await signAs(deviceA, payloadFor(orderA), deviceB.thumbprint))),
      401,
      'badSignature',
    );
  });

  test('a new submission to a released order is refused', async () => {
    await refused('submission after release', submit(await sealFor(deviceA, released, payloadFor(released))), 409, 'orderNotClaimed');
  });

  test('a submission naming an order the register does not have', async () => {
    await refused(
      'unknown order',
      submit(await sealFor(deviceA, orderA, { ...payloadFor(orderA), orderId: crypto.randomUUID() })),
      404,
      'notFound',
    );
  });
});

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

describe('the JWS inside tampered with (opened with the register key and sealed again)', () => {
  const parts = async () => (await signAs(deviceA, payloadFor(orderA))).split('.') as [string, string, string];
  const cases: [string, () => Promise<string>, number, string][] = [
    [
      'header: kid changed',
      async () => {
        const [h, p, s] = await parts();
        return `${b64(JSON.stringify({ ...JSON.parse(unb64(h)), kid: deviceB.thumbprint }))}.${p}.${s}`;
      },
      401,
      'badSignature',
    ],
    [
      'header: alg ES384',
      async () => {
        const [h, p, s] = await parts();
        return `${b64(JSON.stringify({ ...JSON.parse(unb64(h)), alg: 'ES384' }))}.${p}.${s}`;
      },
      401,
      'badSignature',
    ],
    [
      'header: b64 false',
      async () => {
        const [h, p, s] = await parts();
        return `${b64(JSON.stringify({ ...JSON.parse(unb64(h)), b64: false, crit: ['b64'] }))}.${p}.${s}`;
      },
      401,
      'badSignature',
    ],
    [
      'header: one character flipped',
      async () => {
        const [h, p, s] = await parts();
        return `${flip(h)}.${p}.${s}`;
      },
      401,
      'badSignature',
    ],
    [
      'payload: an answer changed',
      async () => {
        const [h, p, s] = await parts();
        const body = JSON.parse(unb64(p)) as SubmissionPayload;
        return `${h}.${b64(JSON.stringify({ ...body, answers: { ...body.answers, worry: { value: 6 } } }))}.${s}`;
      },
      401,
      'badSignature',
    ],
    [
      'payload: the same JSON re-encoded with a space',
      async () => {
        const [h, p, s] = await parts();
        return `${h}.${b64(`${unb64(p)} `)}.${s}`;
      },
      401,
      'badSignature',
    ],
    [
      'payload: not JSON',
      async () => {
        const [h, , s] = await parts();
        return `${h}.${b64('not json')}.${s}`;
      },
      400,
      'invalidToken',
    ],
    [
      'payload: JSON null',
      async () => {
        const [h, , s] = await parts();
        return `${h}.${b64('null')}.${s}`;
      },
      400,
      'invalidToken',
    ],
    [
      'signature: one character flipped',
      async () => {
        const [h, p, s] = await parts();
        return `${h}.${p}.${flip(s)}`;
      },
      401,
      'badSignature',
    ],
    [
      'signature: empty',
      async () => {
        const [h, p] = await parts();
        return `${h}.${p}.`;
      },
      401,
      'badSignature',
    ],
    [
      'signature: of another submission',
      async () => {
        const [h, p] = await parts();
        const [, , other] = await parts();
        return `${h}.${p}.${other}`;
      },
      401,
      'badSignature',
    ],
    [
      'two parts only',
      async () => {
        const [h, p] = await parts();
        return `${h}.${p}`;
      },
      401,
      'badSignature',
    ],
    ['the payload alone, unsigned', async () => JSON.stringify(payloadFor(orderA)), 400, 'invalidToken'],
    [
      'alg none',
      async () => `${b64(JSON.stringify({ alg: 'none', kid: deviceA.thumbprint }))}.${b64(JSON.stringify(payloadFor(orderA)))}.`,
      401,
      'badSignature',
    ],
    [
      'HS256 keyed with the device thumbprint',
      async () =>
        new CompactSign(encoder.encode(JSON.stringify(payloadFor(orderA))))
          .setProtectedHeader({ alg: 'HS256', kid: deviceA.thumbprint })
          .sign(encoder.encode(deviceA.thumbprint)),
      401,
      'badSignature',
    ],
    [
      "HS256 keyed with the device's public x coordinate",
      async () =>
        new CompactSign(encoder.encode(JSON.stringify(payloadFor(orderA))))
          .setProtectedHeader({ alg: 'HS256', kid: deviceA.thumbprint })
          .sign(Buffer.from(deviceA.publicJwk.x, 'base64url')),
      401,
      'badSignature',
    ],
    [
      'ES384 by a P-384 key',
      async () => {
        const { privateKey } = await generateKeyPair('ES384');
        return new CompactSign(encoder.encode(JSON.stringify(payloadFor(orderA))))
          .setProtectedHeader({ alg: 'ES384', kid: deviceA.thumbprint })
          .sign(privateKey);
      },
      401,
      'badSignature',
    ],
  ];
  test.each(cases)('%s', async (name, jws, status, code) => {
    await refused(`JWS ${name}`, submit(await reseal(await jws())), status, code);
  });

  test('a malleated (high-s) signature of the stored submission is the same submission: its receipt, no new row', async () => {
    // ECDSA signatures are malleable: (r, n - s) verifies too. Only the device could have signed the
    // content, and the register keys submissions by id and content, so this is a retry, not a copy.
    const [h, p, s] = (await innerOf(storedToken)).split('.') as [string, string, string];
    const raw = Buffer.from(s, 'base64url');
    const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
    const high = (n - BigInt(`0x${raw.subarray(32).toString('hex')}`)).toString(16).padStart(64, '0');
    const malleated = `${h}.${p}.${Buffer.concat([raw.subarray(0, 32), Buffer.from(high, 'hex')]).toString('base64url')}`;
    const answer = await submit(await reseal(malleated));
    expect([answer.status, answer.json.submissionId]).toEqual([200, stored.submissionId]);
  });

  test('the register key opens what the device sealed (the tampering above starts from a real JWS)', async () => {
    const jws = await signAs(deviceA, payloadFor(orderA));
    expect(await innerOf(await reseal(jws))).toBe(jws);
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

describe('size and shape of the body', () => {
  test('a token far larger than any real submission', async () => {
    await refused('a token of a million characters', submit('A'.repeat(1_000_001)), 413, 'payloadTooLarge');
    await refused(
      'a body of 5 MB',
      submitRaw(JSON.stringify({ token: 'A'.repeat(5_000_000) }), 'application/json'),
      413,
      'payloadTooLarge',
    );
    await refused('a 400 kB token of random characters', submit(randomBytes(300_000).toString('base64url')), 400, 'invalidToken');
  });

  test('a sealed submission far larger than a real one (a 200 kB answer, 8 000 stray answers)', async () => {
    const huge = { ...payloadFor(orderA), answers: { ...payloadFor(orderA).answers, mood_overall: { value: 'x'.repeat(200_000) } } };
    await refused('a 200 kB answer', submit(await sealFor(deviceA, orderA, huge)), 422, 'invalidAnswers');
    const base = payloadFor(orderA);
    const stray = {
      ...base,
      answers: { ...base.answers, ...Object.fromEntries(Array.from({ length: 8_000 }, (_, i) => [`x${i}`, { value: i }])) },
    };
    await refused('8 000 stray answers', submit(await sealFor(deviceA, orderA, stray)), 422, 'invalidAnswers');
  });

  test('deeply nested JSON, in the body and inside the signed payload', async () => {
    const depth = 200_000;
    await refused(
      'arrays nested 200 000 deep',
      submitRaw(`{"token":${'['.repeat(depth)}${']'.repeat(depth)}}`, 'application/json'),
      400,
      'badRequest',
    );
    await refused(
      'objects nested 50 000 deep',
      submitRaw(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`, 'application/json'),
      400,
      'badRequest',
    );
    // Built as text: JSON.stringify itself overflows the stack on it.
    const text = JSON.stringify(payloadFor(orderA)).replace(
      '"worry":{"value":2}',
      `"worry":${'{"value":'.repeat(20_000)}2${'}'.repeat(20_000)}`,
    );
    const signed = await new CompactSign(encoder.encode(text))
      .setProtectedHeader({ alg: 'ES256', kid: deviceA.thumbprint })
      .sign(deviceA.privateKey);
    await refused('an answer nested 20 000 deep', submit(await reseal(signed)), 400, 'invalidPayload');
  });

  test('huge or odd JSON bodies', async () => {
    await refused(
      '20 000 keys',
      submitRaw(JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))), 'application/json'),
      400,
      'badRequest',
    );
    await refused(
      '__proto__ in the body',
      submitRaw('{"token":"a.b.c.d.e","__proto__":{"isAdmin":true}}', 'application/json'),
      400,
      'badRequest',
    );
    await refused(
      'constructor.prototype in the body',
      submitRaw('{"token":"a.b.c.d.e","constructor":{"prototype":{"isAdmin":true}}}', 'application/json'),
      400,
      'badRequest',
    );
    await refused('a token that is a number', submitRaw('{"token":12345}', 'application/json'), 400, 'badRequest');
    await refused('an array body', submitRaw('["a.b.c.d.e"]', 'application/json'), 400, 'badRequest');
    await refused('an empty token', submitRaw('{"token":""}', 'application/json'), 400, 'badRequest');
    await refused('an empty body', submitRaw('', 'application/json'), 400, 'badRequest');
    await refused('truncated JSON', submitRaw('{"token":"abc', 'application/json'), 400, 'badRequest');
    await refused('a lone surrogate in the token', submitRaw('{"token":"\\ud800.a.b.c.d"}', 'application/json'), 400, 'invalidToken');
  });

  test.each([
    ['text/plain', 415, 'unsupportedMediaType'],
    ['application/x-www-form-urlencoded', 415, 'unsupportedMediaType'],
    ['multipart/form-data; boundary=x', 415, 'unsupportedMediaType'],
    ['application/xml', 415, 'unsupportedMediaType'],
    ['application/octet-stream', 415, 'unsupportedMediaType'],
    [undefined, 415, 'unsupportedMediaType'],
  ] as const)('content type %s', async (contentType, status, code) => {
    const token = await sealFor(deviceA, orderA, payloadFor(orderA));
    await refused(`content type ${contentType ?? '(none)'}`, submitRaw(JSON.stringify({ token }), contentType), status, code);
  });

  test('random bytes, as the body and as the token', async () => {
    for (let i = 0; i < 30; i++) {
      const bytes = randomBytes(1 + ((i * 977) % 4000));
      await refused('random bytes as the body', submitRaw(bytes, 'application/json'), 400, 'badRequest');
      const parts = Array.from({ length: 5 }, () => randomBytes(1 + (i % 60)).toString('base64url')).join('.');
      await refused('random five-part token', submit(parts), 400, 'invalidToken');
    }
  });
});
