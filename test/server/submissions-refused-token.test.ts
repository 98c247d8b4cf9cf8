// Refusals of what is not a sealed token the register can open (tampered, garbage, sealed to another
// key, no JWS inside, a body refused before any work): each with its status and code, and the
// submissions table checked after each.
import { describe, expect, test } from 'vitest';
import { encryptTo, newDevice, payloadFor, sealFor, signAs } from './setup.js';
import { claimed, register, rows, submit, useFreshRegister } from './submissions-fixture.js';

useFreshRegister();

describe('refusals store nothing', () => {
  test.each([
    [
      'a tampered token (one character of the ciphertext flipped)',
      async (token: string) => token.slice(0, -30) + (token.at(-30) === 'A' ? 'B' : 'A') + token.slice(-29),
      400,
      'invalidToken',
    ],
    [
      'a tampered authentication tag',
      async (token: string) =>
        token.replace(/\.([^.])([^.]*)$/, (_all, first: string, rest: string) => `.${first === 'A' ? 'Q' : 'A'}${rest}`),
      400,
      'invalidToken',
    ],
    [
      'a tampered header',
      async (token: string) => `${token.slice(0, 5)}${token[5] === 'A' ? 'Q' : 'A'}${token.slice(6)}`,
      400,
      'invalidToken',
    ],
    ['garbage instead of a token', async () => 'not.a.token.at.all', 400, 'invalidToken'],
    ['a JWS where a JWE belongs', async () => 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln', 400, 'invalidToken'],
    ['random bytes', async () => Buffer.from(crypto.getRandomValues(new Uint8Array(300))).toString('base64url'), 400, 'invalidToken'],
  ])('refuses %s', async (_name, change, status, code) => {
    const { device, order } = await claimed();
    const response = await submit(await change(await sealFor(device, order, payloadFor(order))));
    expect([response.status, response.json.error]).toEqual([status, code]);
    expect(await rows()).toBe(0);
  });

  test('refuses a token sealed to a key the register does not have, or naming none', async () => {
    const { device, order } = await claimed();
    const signed = await signAs(device, payloadFor(order));
    const strangerKey = { kid: 'stranger', jwk: (await newDevice()).publicJwk };
    for (const token of [await encryptTo(strangerKey, signed), await encryptTo(order.encryptionKey, signed, 'not-our-kid')]) {
      const response = await submit(token);
      expect([response.status, response.json.error]).toEqual([400, 'unknownRegisterKey']);
    }
    // Our key id, but encrypted to another key: it does not open.
    const wrongKey = await encryptTo({ kid: order.encryptionKey.kid, jwk: strangerKey.jwk }, signed);
    expect((await submit(wrongKey)).json.error).toBe('invalidToken');
    expect(await rows()).toBe(0);
  });

  test('refuses what is encrypted well but holds no JWS', async () => {
    const { order } = await claimed();
    const response = await submit(await encryptTo(order.encryptionKey, 'just some text'));
    expect([response.status, response.json.error]).toEqual([400, 'invalidToken']);
    expect(await rows()).toBe(0);
  });

  test.each([
    ['an oversized body', { token: 'x'.repeat(600 * 1024) }, { 'content-type': 'application/json' }, 413, 'payloadTooLarge'],
    ['malformed JSON', '{"token": ', { 'content-type': 'application/json' }, 400, 'badRequest'],
    ['an empty JSON body', '', { 'content-type': 'application/json' }, 400, 'badRequest'],
    ['JSON with __proto__', '{"token":"a","__proto__":{"x":1}}', { 'content-type': 'application/json' }, 400, 'badRequest'],
    ['a wrong content type', 'token=abc', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupportedMediaType'],
    ['text instead of JSON', '{"token":"abc"}', { 'content-type': 'text/plain' }, 415, 'unsupportedMediaType'],
    ['a body without a token', { tokens: 'abc' }, { 'content-type': 'application/json' }, 400, 'badRequest'],
    ['a token that is not a string', { token: 42 }, { 'content-type': 'application/json' }, 400, 'badRequest'],
  ])('refuses %s before any work', async (_name, body, headers, status, code) => {
    const response = await register.post('/api/submissions', body, { headers });
    expect([response.status, response.json.error]).toEqual([status, code]);
    expect(typeof response.json.message).toBe('string');
    expect(await rows()).toBe(0);
  });
});
