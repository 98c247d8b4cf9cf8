// The register endpoint under abuse (the abuse-*.test.ts files): replays, other devices' keys,
// released orders, every part of the JWE and of the JWS inside it tampered with, unsigned and
// symmetric signatures, keys on the wrong curve, oversized, deeply nested and mistyped bodies, random
// bytes. Each is refused with its stable code, and the database file is byte-for-byte what it was
// (row counts and a hash of every table). This module holds what those files share: one register
// with its orders and devices, the snapshot around every test, and ways to send and tamper.
import { compactDecrypt } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
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
  startTestRegister,
  type TestDevice,
  type TestRegister,
} from './setup.js';

// Set by useAbuseRegister()'s beforeAll; the test files read them through these live bindings.
export let register: TestRegister;
export let keys: RegisterKeys;
export let deviceA: TestDevice;
export let deviceB: TestDevice;
/** Claimed by A; one submission (stored) already stored. */
export let orderA: ClaimResponse;
export let stored: SubmissionPayload;
export let storedToken: string;
/** Claimed by B. */
export let orderB: ClaimResponse;
/** Claimed by A, then released by staff. */
export let released: ClaimResponse;
/** Open: nobody has claimed it. */
export let openCode: string;

export const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const b64 = (text: string) => Buffer.from(text).toString('base64url');
export const unb64 = (part: string) => Buffer.from(part, 'base64url').toString('utf8');

/** Starts the register for the test file and checks, around every test, that the database is unchanged. */
export function useAbuseRegister() {
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
}

export async function refused(
  name: string,
  response: Promise<{ status: number; json: Record<string, unknown> }>,
  status: number,
  code: string,
) {
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
export const submit = (token: string) => register.post('/api/submissions', { token });
export const submitRaw = (body: string | Buffer, contentType?: string) =>
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
export async function innerOf(token: string): Promise<string> {
  const header = JSON.parse(unb64(token.split('.')[0] ?? '')) as { kid: string };
  const key = keys.encryptionByKid.get(header.kid);
  if (!key) throw new Error('no such register key');
  return decoder.decode((await compactDecrypt(token, key.privateKey)).plaintext);
}
export const reseal = (jws: string) => encryptTo(orderA.encryptionKey, jws);
/** Changes one character in the middle of a base64url part (never the last, whose low bits may be padding). */
export const flip = (part: string) => {
  const at = Math.floor(part.length / 2);
  return part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
};
export const withPart = (token: string, index: number, change: (part: string) => string) =>
  token
    .split('.')
    .map((part, i) => (i === index ? change(part) : part))
    .join('.');
