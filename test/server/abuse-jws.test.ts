// Abuse (see abuse-fixture.ts): the signed JWS inside the sealed token tampered with, unsigned, or
// signed with the wrong kind of key, then sealed again to the register.
import { CompactSign, generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import type { SubmissionPayload } from '../../src/core/index.js';
import { payloadFor, signAs } from './setup.js';
import {
  b64,
  deviceA,
  deviceB,
  encoder,
  flip,
  innerOf,
  orderA,
  refused,
  reseal,
  stored,
  storedToken,
  submit,
  unb64,
  useAbuseRegister,
} from './abuse-fixture.js';

useAbuseRegister();

/** A JWS and the status and code it is refused with. */
type Tampering = [string, () => Promise<string>, number, string];
const parts = async () => (await signAs(deviceA, payloadFor(orderA))).split('.') as [string, string, string];

/** A real JWS by device A with one of its parts changed, replaced or left out. */
const partsChanged: Tampering[] = [
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
];

/** No signature, or one made with the wrong kind of key. */
const wrongSignatures: Tampering[] = [
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

describe('the JWS inside tampered with (opened with the register key and sealed again)', () => {
  test.each([...partsChanged, ...wrongSignatures])('%s', async (name, jws, status, code) => {
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
