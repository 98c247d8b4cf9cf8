// Receiving sealed submissions: every refusal with its status and code, and the submissions table
// checked after each; a retry gets the same receipt and stores nothing new.
import { createHash } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { receiptClaims, type ClaimResponse, type SubmissionPayload } from '../../src/core/index.js';
import {
  claim,
  createOrder,
  demoAnswers,
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
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const rows = () => register.store.countSubmissions();
const submit = (token: string) => register.post('/api/submissions', { token });

async function claimed(
  questionnaires?: string[],
  extra?: Record<string, unknown>,
): Promise<{ device: TestDevice; order: ClaimResponse; code: string }> {
  const device = await newDevice();
  const created = await createOrder(register, questionnaires, extra);
  return { device, order: await claim(register, created.accessCode, device), code: created.accessCode };
}

describe('a valid submission', () => {
  test("is stored once, with the register's own scores and a receipt signed by the register", async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const token = await sealFor(device, order, payload);
    const response = await submit(token);
    expect(response.status).toBe(201);
    const storedHash = `sha256-${createHash('sha256').update(token).digest('hex')}`;
    expect(response.json).toMatchObject({ submissionId: payload.submissionId, orderId: order.order.id, storedHash });

    const { payload: signed, protectedHeader } = await compactVerify(
      String(response.json.receipt),
      await importJWK(order.receiptKey.jwk, 'ES256'),
    );
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: order.receiptKey.kid });
    const claims = receiptClaims.parse(JSON.parse(new TextDecoder().decode(signed)));
    expect(claims).toEqual({
      submissionId: payload.submissionId,
      orderId: order.order.id,
      receivedAt: response.json.receivedAt,
      storedHash,
    });

    const stored = await register.store.getSubmission(payload.submissionId);
    expect(stored).toMatchObject({
      answers: demoAnswers,
      token,
      tokenHash: storedHash,
      definitionKey: 'demo-wellbeing@1',
      deviceThumbprint: device.thumbprint,
    });
    expect(await rows()).toBe(1);
    const listed = await register.staff('GET', '/api/orders');
    expect(listed.json.orders).toEqual([expect.objectContaining({ state: 'completed', submissionCount: 1 })]);
  });

  test('the same submission twice: one row and the same receipt; a different payload under the same id is refused', async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const first = await submit(await sealFor(device, order, payload));
    // Sealed again (another JWE, another signature) but the same content: still the same submission.
    const again = await submit(await sealFor(device, order, payload));
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json).toEqual(first.json);
    const changed = await submit(await sealFor(device, order, { ...payload, answers: { ...payload.answers, worry: { value: 6 } } }));
    expect([changed.status, changed.json.error]).toEqual([409, 'submissionConflict']);
    expect(await rows()).toBe(1);
    expect((await register.store.getSubmission(payload.submissionId))?.answers).toEqual(demoAnswers);
  });

  test('an order is completed when each of its questionnaires has arrived, not when enough submissions have', async () => {
    const { device, order } = await claimed(['demo-wellbeing@1', 'norspis-outcome@1']);
    const state = async () => ((await register.staff('GET', '/api/orders')).json.orders as { state: string; submissionCount: number }[])[0];
    for (let i = 0; i < 2; i++) expect((await submit(await sealFor(device, order, payloadFor(order)))).status).toBe(201);
    expect(await state()).toMatchObject({ state: 'claimed', submissionCount: 2 });
    expect((await submit(await sealFor(device, order, payloadFor(order, { outcome: { value: '2' } }, 1)))).status).toBe(201);
    expect(await state()).toMatchObject({ state: 'completed', submissionCount: 3 });
  });

  test('copies sent at once are stored once', async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const answers = await Promise.all([1, 2, 3].map(async () => submit(await sealFor(device, order, payload))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.receipt)).size).toBe(1);
    expect(await rows()).toBe(1);
  });

  test('a retry after staff released the order to another device still gets its receipt; a new submission from the old device does not', async () => {
    const { device, order, code } = await claimed(['demo-wellbeing@1', 'norspis-outcome@1']);
    const payload = payloadFor(order);
    const first = await submit(await sealFor(device, order, payload));
    await register.staff('POST', `/api/orders/${order.order.id}/release`);
    const retry = await submit(await sealFor(device, order, payload));
    expect([retry.status, retry.json.receipt]).toEqual([200, first.json.receipt]);
    const fresh = await submit(await sealFor(device, order, payloadFor(order, { outcome: { value: '2' } }, 1)));
    expect([fresh.status, fresh.json.error]).toEqual([409, 'orderNotClaimed']);
    await claim(register, code, await newDevice());
    expect((await submit(await sealFor(device, order, payloadFor(order, { outcome: { value: '2' } }, 1)))).json.error).toBe('badSignature');
    expect((await submit(await sealFor(device, order, payload))).status).toBe(200);
    expect(await rows()).toBe(1);
  });

  test("neither the order's validity nor the device's clock matter: a device offline for weeks still delivers", async () => {
    const { device, order } = await claimed(undefined, {
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 1_000).toISOString(),
    });
    // The register's clock (Date alone; timers stay real) moves past validUntil instead of the test sleeping.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1_100 });
    try {
      const payload = { ...payloadFor(order), startedAt: '2001-01-01T00:00:00Z', completedAt: '2001-01-01T00:10:00Z' };
      const response = await submit(await sealFor(device, order, payload));
      expect(response.status).toBe(201);
      expect(Date.parse(String(response.json.receivedAt))).toBeGreaterThan(Date.now() - 60_000);
      expect(await rows()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  test('the register recomputes scores and logs a warning when the device scored differently', async () => {
    const { device, order } = await claimed(['norspis-outcome@1']);
    const payload = { ...payloadFor(order, { outcome: { value: '2' } }), scores: { outcome: { status: 'score', value: 5 } } };
    expect((await submit(await sealFor(device, order, payload))).status).toBe(201);
    expect((await register.store.getSubmission(payload.submissionId))?.scores).toEqual({ outcome: { status: 'score', value: 2 } });
    expect(register.logs.join('')).toContain(`"submissionId":"${payload.submissionId}"`);
    expect(register.logs.some((line) => line.includes('scored differently'))).toBe(true);
  });
});

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

  test("refuses a submission signed by another device's key, or with another key id", async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const stranger = await newDevice();
    const byStranger = await submit(await sealFor(stranger, order, payload));
    expect([byStranger.status, byStranger.json.error]).toEqual([401, 'badSignature']);
    const wrongKid = await submit(await encryptTo(order.encryptionKey, await signAs(device, payload, stranger.thumbprint)));
    expect([wrongKid.status, wrongKid.json.error]).toEqual([401, 'badSignature']);
    expect(await rows()).toBe(0);
  });

  test('refuses an order the register does not have, and one no device has claimed', async () => {
    const { device, order } = await claimed();
    const unknown = await submit(await sealFor(device, order, { ...payloadFor(order), orderId: 'no-such-order' }));
    expect([unknown.status, unknown.json.error]).toEqual([404, 'notFound']);
    const unclaimed = await createOrder(register);
    const response = await submit(await sealFor(device, order, { ...payloadFor(order), orderId: unclaimed.order.id }));
    expect([response.status, response.json.error]).toEqual([409, 'orderNotClaimed']);
    expect(await rows()).toBe(0);
  });

  test('refuses a payload of the wrong shape, naming the fields but not their values', async () => {
    const { device, order } = await claimed();
    const { appVersion: _missing, ...payload } = payloadFor(order);
    const response = await submit(
      await sealFor(device, order, { ...payload, language: 'a-very-long-language' } as unknown as SubmissionPayload),
    );
    expect([response.status, response.json.error]).toEqual([400, 'invalidPayload']);
    expect(response.json.details).toEqual(
      expect.arrayContaining([expect.stringMatching(/^appVersion: /), expect.stringMatching(/^language: /)]),
    );
    expect(JSON.stringify(response.json)).not.toContain('a-very-long-language');
    expect(await rows()).toBe(0);
  });

  test('refuses a questionnaire not in the order, and a definition hash that does not match', async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const notInOrder = await submit(
      await sealFor(device, order, { ...payload, questionnaire: { ...payload.questionnaire, id: 'cia', version: '3.0' } }),
    );
    expect([notInOrder.status, notInOrder.json.error]).toEqual([422, 'questionnaireNotInOrder']);
    const otherVersion = await submit(
      await sealFor(device, order, { ...payload, questionnaire: { ...payload.questionnaire, version: '2' } }),
    );
    expect([otherVersion.status, otherVersion.json.error]).toEqual([422, 'questionnaireNotInOrder']);
    const wrongHash = await submit(
      await sealFor(device, order, { ...payload, questionnaire: { ...payload.questionnaire, hash: 'sha256-0000' } }),
    );
    expect([wrongHash.status, wrongHash.json.error]).toEqual([422, 'definitionHashMismatch']);
    expect(await rows()).toBe(0);
  });

  test.each([
    ['an unknown option code', { mood_overall: { value: 'ecstatic' } }, 'mood_overall: unknownOption'],
    ['a missing required answer', { worry: undefined }, 'worry: required'],
    ['an answer to a hidden item', { hard_time_text: { value: 'shown only after yes' } }, 'hard_time_text: notShown'],
    ['an answer to an item the questionnaire does not have', { shoe_size: { value: 44 } }, 'shoe_size: unknownItem'],
    ['an answer to a display item', { welcome: { value: 'hello' } }, 'welcome: unknownItem'],
    ['a number out of range', { good_sleep_days: { value: 29 } }, 'good_sleep_days: aboveMax'],
    ['text for a number', { good_sleep_days: { value: 'twenty' } }, 'good_sleep_days: wrongType'],
  ])('refuses %s, naming the item and the problem but never the value', async (_name, change, detail) => {
    const { device, order } = await claimed();
    const answers = JSON.parse(JSON.stringify({ ...demoAnswers, ...change })) as typeof demoAnswers;
    const response = await submit(await sealFor(device, order, { ...payloadFor(order), answers }));
    expect([response.status, response.json.error]).toEqual([422, 'invalidAnswers']);
    expect(response.json.details).toContain(detail);
    for (const value of ['ecstatic', 'shown only after yes', 'twenty', 'hello']) expect(JSON.stringify(response.json)).not.toContain(value);
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

describe('logs', () => {
  test.each(['info', 'debug'])('at %s level they never hold the access code, the token, answers or keys', async (level) => {
    const verbose = await startTestRegister({ env: { LOG_LEVEL: level } });
    try {
      const device = await newDevice();
      const created = await createOrder(verbose);
      const order = await claim(verbose, created.accessCode, device);
      const token = await sealFor(
        device,
        order,
        payloadFor(order, { ...demoAnswers, had_hard_time: { value: true }, hard_time_text: { value: 'a very private sentence' } }),
      );
      expect((await verbose.post('/api/submissions', { token })).status).toBe(201);
      await verbose.post('/api/submissions', { token: token.slice(0, -3) + 'AAA' });
      await verbose.post('/api/claim', { code: 'ZZZZ-ZZZZ-ZZZZ', deviceKey: device.publicJwk });
      const logs = verbose.logs.join('\n');
      expect(logs).toContain('submission acknowledged');
      expect(logs).toContain('"outcome":"invalidToken"');
      expect(logs).toContain('"outcome":"codeUnknown"');
      const keysFile = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(`${verbose.dataDir}/keys.json`, 'utf8'))) as {
        encryption: { privateJwk: { d: string } }[];
        codePepper: string;
      };
      for (const secret of [
        created.accessCode,
        created.accessCode.replace(/-/g, ''),
        'ZZZZ-ZZZZ-ZZZZ',
        token.slice(0, 40),
        token.slice(-40),
        'a very private sentence',
        '"good"',
        order.encryptionKey.jwk.x,
        device.publicJwk.x,
        keysFile.encryption[0]?.privateJwk.d ?? 'missing',
        keysFile.codePepper,
        'server-tests-staff-token',
      ])
        expect(logs).not.toContain(secret);
    } finally {
      await verbose.close();
    }
  });
});
