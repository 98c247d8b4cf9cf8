// The register endpoint, scenario by scenario: every refusal with its status and code, and the
// submissions table checked after each.
import { compactVerify, importJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { receiptClaims } from '../../src/core/index.js';
import { rotateEncryptionKey } from '../../src/server/keys.js';
import { claimLimits } from '../../src/server/register.js';
import { claim, createOrder, demoAnswers, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;

beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => {
  await register.close();
});

const rows = () => register.store.countSubmissions();

describe('orders', () => {
  test('staff create an order: an id, a readable access code with over 50 bits, and a link with the code in the fragment', async () => {
    const created = await createOrder(register);
    expect(created.accessCode).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
    expect(created.link).toBe(`https://register.example/#/claim/${created.accessCode}`);
    const listed = await register.staff('GET', '/api/orders');
    expect(listed.json.orders).toEqual([expect.objectContaining({ id: created.order.id, state: 'open', patientRef: 'pseudo-42', submissionCount: 0 })]);
    // Only a hash of the code is kept.
    expect(JSON.stringify(listed.json)).not.toContain(created.accessCode);
  });

  test.each([
    ['without a staff token', undefined, 401, 'unauthorized'],
    ['with a national identity number as reference', { patientRef: '010190 12345' }, 400, 'patientRefLooksLikeNationalId'],
    ['for a questionnaire the register does not have', { questionnaires: ['nope@1'] }, 400, 'unknownQuestionnaire'],
    ['with a missing validity', { validUntil: undefined }, 400, 'badRequest'],
  ])('refuses an order %s', async (_name, change, status, code) => {
    const body = { patientRef: 'p1', questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil: new Date(Date.now() + 1e6).toISOString(), ...change };
    const response = change === undefined ? await register.post('/api/orders', body) : await register.staff('POST', '/api/orders', body);
    expect([response.status, response.json.error]).toEqual([status, code]);
  });
});

describe('claiming', () => {
  test('the device gets its order, the exact definitions and the register keys, but not the patient reference', async () => {
    const created = await createOrder(register, ['demo-wellbeing@1', 'norspis-outcome@1']);
    const answer = await claim(register, created.accessCode.toLowerCase().replace(/-/g, ' '), await newDevice());
    expect(answer.order.questionnaires.map((q) => q.key)).toEqual(['demo-wellbeing@1', 'norspis-outcome@1']);
    expect(answer.definitions.map((d) => d.id)).toEqual(['demo-wellbeing', 'norspis-outcome']);
    expect(JSON.stringify(answer)).not.toContain('pseudo-42');
  });

  test('the same device may claim again (a lost answer); another device is refused until staff release the order', async () => {
    const created = await createOrder(register);
    const [first, second] = [await newDevice(), await newDevice()];
    const once = await claim(register, created.accessCode, first);
    expect(await claim(register, created.accessCode, first)).toEqual(once);
    const refused = await register.post('/api/claim', { code: created.accessCode, deviceKey: second.publicJwk });
    expect([refused.status, refused.json.error]).toEqual([409, 'orderClaimed']);
    expect((await register.staff('POST', `/api/orders/${created.order.id}/release`)).status).toBe(200);
    expect((await claim(register, created.accessCode, second)).order.id).toBe(created.order.id);
  });

  test.each([
    ['an unknown code', async () => 'ZZZZ-ZZZZ-ZZZZ', 404, 'codeUnknown'],
    ['a malformed code', async () => 'hello', 404, 'codeUnknown'],
    ['an expired order', async () => (await createOrder(register, undefined, { validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' })).accessCode, 410, 'orderExpired'],
    ['an order not valid yet', async () => (await createOrder(register, undefined, { validFrom: '2099-01-01T00:00:00Z', validUntil: '2099-02-01T00:00:00Z' })).accessCode, 403, 'orderNotYetValid'],
  ])('refuses %s', async (_name, code, status, error) => {
    const response = await register.post('/api/claim', { code: await code(), deviceKey: (await newDevice()).publicJwk });
    expect([response.status, response.json.error]).toEqual([status, error]);
  });

  test('guessing is rate limited per address, then overall; a valid code from another address still works until the overall limit', async () => {
    const device = await newDevice();
    const guess = (address: string) => register.post('/api/claim', { code: 'ZZZZ-ZZZZ-ZZZZ', deviceKey: device.publicJwk }, { address });
    for (let i = 0; i < claimLimits.perAddress; i++) expect((await guess('10.0.0.1')).status).toBe(404);
    const limited = await guess('10.0.0.1');
    expect([limited.status, limited.json.error, limited.headers['retry-after']]).toEqual([429, 'rateLimited', String(claimLimits.windowMinutes * 60)]);
    const created = await createOrder(register);
    expect((await claim(register, created.accessCode, device, '10.0.0.2')).order.id).toBe(created.order.id);
    // Many addresses together hit the overall limit.
    for (let i = 0; i < claimLimits.overall; i++) await guess(`10.1.${Math.floor(i / 9)}.${i % 9}`);
    expect((await guess('10.9.9.9')).status).toBe(429);
  });
});

describe('submissions', () => {
  async function claimed() {
    const device = await newDevice();
    const created = await createOrder(register);
    return { device, claimed: await claim(register, created.accessCode, device) };
  }

  test('a valid submission is stored once, with a receipt signed by the register', async () => {
    const { device, claimed: order } = await claimed();
    const payload = payloadFor(order);
    const response = await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
    expect(response.status).toBe(201);
    const key = await importJWK(order.receiptKey.jwk, 'ES256');
    const { payload: signed } = await compactVerify(String(response.json.receipt), key);
    expect(receiptClaims.parse(JSON.parse(new TextDecoder().decode(signed)))).toMatchObject({ submissionId: payload.submissionId, orderId: order.order.id });
    const stored = await register.store.getSubmission(payload.submissionId);
    expect(stored?.answers).toEqual(demoAnswers);
    expect(await rows()).toBe(1);
    const listed = await register.staff('GET', `/api/orders`);
    expect(listed.json.orders).toEqual([expect.objectContaining({ state: 'completed', submissionCount: 1 })]);
  });

  test('the same submission twice: one row and the same receipt; a different payload under the same id is refused', async () => {
    const { device, claimed: order } = await claimed();
    const payload = payloadFor(order);
    const token = await sealFor(device, order, payload);
    const first = await register.post('/api/submissions', { token });
    // Sealed again (another JWE) but the same content: still the same submission.
    const again = await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json).toEqual(first.json);
    const changed = await register.post('/api/submissions', { token: await sealFor(device, order, { ...payload, answers: { ...payload.answers, worry: { value: 6 } } }) });
    expect([changed.status, changed.json.error]).toEqual([409, 'submissionConflict']);
    expect(await rows()).toBe(1);
  });

  test.each([
    ['a tampered token', async (token: string) => token.slice(0, -10) + (token.at(-10) === 'A' ? 'B' : 'A') + token.slice(-9), 400, 'invalidToken'],
    ['garbage instead of a token', async () => 'not.a.token.at.all', 400, 'invalidToken'],
  ])('refuses %s and stores nothing', async (_name, change, status, code) => {
    const { device, claimed: order } = await claimed();
    const response = await register.post('/api/submissions', { token: await change(await sealFor(device, order, payloadFor(order))) });
    expect([response.status, response.json.error]).toEqual([status, code]);
    expect(await rows()).toBe(0);
  });

  test('refuses a submission signed by another device\'s key', async () => {
    const { claimed: order } = await claimed();
    const response = await register.post('/api/submissions', { token: await sealFor(await newDevice(), order, payloadFor(order)) });
    expect([response.status, response.json.error]).toEqual([401, 'badSignature']);
    expect(await rows()).toBe(0);
  });

  test('refuses a questionnaire not in the order, and a definition hash that does not match', async () => {
    const { device, claimed: order } = await claimed();
    const other = payloadFor(order);
    const notInOrder = await register.post('/api/submissions', { token: await sealFor(device, order, { ...other, questionnaire: { ...other.questionnaire, id: 'cia', version: '3.0' } }) });
    expect([notInOrder.status, notInOrder.json.error]).toEqual([422, 'questionnaireNotInOrder']);
    const wrongHash = await register.post('/api/submissions', { token: await sealFor(device, order, { ...other, questionnaire: { ...other.questionnaire, hash: 'sha256-0000' } }) });
    expect([wrongHash.status, wrongHash.json.error]).toEqual([422, 'definitionHashMismatch']);
    expect(await rows()).toBe(0);
  });

  test('refuses answers that do not fit: an unknown option, a missing required answer, an answer to a hidden item', async () => {
    const { device, claimed: order } = await claimed();
    for (const answers of [
      { ...demoAnswers, mood_overall: { value: 'ecstatic' } },
      { ...demoAnswers, worry: undefined },
      { ...demoAnswers, hard_time_text: { value: 'shown only after yes' } },
    ]) {
      const payload = { ...payloadFor(order), answers: JSON.parse(JSON.stringify(answers)) as typeof demoAnswers };
      const response = await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
      expect([response.status, response.json.error]).toEqual([422, 'invalidAnswers']);
    }
    expect(await rows()).toBe(0);
  });

  test.each([
    ['an oversized body', { token: 'x'.repeat(600 * 1024) }, { 'content-type': 'application/json' }, 413, 'payloadTooLarge'],
    ['malformed JSON', '{"token": ', { 'content-type': 'application/json' }, 400, 'badRequest'],
    ['a wrong content type', 'token=abc', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupportedMediaType'],
    ['text instead of JSON', '{"token":"abc"}', { 'content-type': 'text/plain' }, 415, 'unsupportedMediaType'],
    ['a body without a token', { tokens: 'abc' }, { 'content-type': 'application/json' }, 400, 'badRequest'],
  ])('refuses %s before any work', async (_name, body, headers, status, code) => {
    const response = await register.post('/api/submissions', body, { headers });
    expect([response.status, response.json.error]).toEqual([status, code]);
    expect(await rows()).toBe(0);
  });

  test('the register recomputes scores and logs a warning when the device scored differently', async () => {
    const device = await newDevice();
    const order = await claim(register, (await createOrder(register, ['norspis-outcome@1'])).accessCode, device);
    const payload = { ...payloadFor(order, { outcome: { value: '2' } }), scores: { outcome: { status: 'score', value: 5 } } };
    expect((await register.post('/api/submissions', { token: await sealFor(device, order, payload) })).status).toBe(201);
    expect((await register.store.getSubmission(payload.submissionId))?.scores).toEqual({ outcome: { status: 'score', value: 2 } });
    expect(register.logs.join('')).toContain(`"submissionId":"${payload.submissionId}"`);
    expect(register.logs.some((line) => line.includes('scored differently'))).toBe(true);
  });

  test('logs never hold the access code, the token, answers or keys', async () => {
    const device = await newDevice();
    const created = await createOrder(register);
    const order = await claim(register, created.accessCode, device);
    const token = await sealFor(device, order, payloadFor(order, { ...demoAnswers, had_hard_time: { value: true }, hard_time_text: { value: 'a very private sentence' } }));
    await register.post('/api/submissions', { token });
    const logs = register.logs.join('\n');
    for (const secret of [created.accessCode, token.slice(0, 40), 'a very private sentence', 'ecstatic', order.encryptionKey.jwk.x, 'server-tests-staff-token'])
      expect(logs).not.toContain(secret);
  });
});

describe('the data folder', () => {
  test('a restart keeps keys, orders and submissions, and the migrations run once', async () => {
    const device = await newDevice();
    const created = await createOrder(register);
    const order = await claim(register, created.accessCode, device);
    const payload = payloadFor(order);
    await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
    register = await register.restart();
    expect(await register.store.countSubmissions()).toBe(1);
    // The same receipt, and a claim by the same device still works: the keys are the same.
    const again = await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
    expect(again.status).toBe(200);
    expect(await claim(register, created.accessCode, device)).toEqual(order);
  });

  test('after a key rotation, new orders use the new key and submissions sealed to the old one still open', async () => {
    const device = await newDevice();
    const before = await claim(register, (await createOrder(register)).accessCode, device);
    await rotateEncryptionKey(register.dataDir);
    register = await register.restart();
    const newer = await claim(register, (await createOrder(register)).accessCode, device);
    expect(newer.encryptionKey.kid).not.toBe(before.encryptionKey.kid);
    for (const order of [before, newer])
      expect((await register.post('/api/submissions', { token: await sealFor(device, order, payloadFor(order)) })).status).toBe(201);
    expect(await rows()).toBe(2);
  });

  test('keys.json and the data folder are readable by the owner only', async () => {
    const { stat } = await import('node:fs/promises');
    const fresh = await startTestRegister();
    try {
      expect(((await stat(`${fresh.dataDir}/keys.json`)).mode & 0o777).toString(8)).toBe('600');
      expect(((await stat(fresh.dataDir)).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await fresh.close();
    }
  });
});

describe('staff read and export', () => {
  test('list submissions by order or patient, and export JSON and CSV with one column per item', async () => {
    const device = await newDevice();
    const created = await createOrder(register);
    const order = await claim(register, created.accessCode, device);
    const payload = payloadFor(order, { ...demoAnswers, self_care: { value: ['active', 'rest'] }, weight: { declined: true } });
    await register.post('/api/submissions', { token: await sealFor(device, order, payload) });

    const byPatient = await register.staff('GET', '/api/submissions?patientRef=pseudo-42');
    expect(byPatient.json.submissions).toEqual([expect.objectContaining({ submissionId: payload.submissionId, patientRef: 'pseudo-42' })]);
    expect(JSON.stringify(byPatient.json)).not.toContain(payload.submissionId + '"token');
    expect((await register.staff('GET', `/api/submissions?orderId=nope`)).json.submissions).toEqual([]);

    const csv = (await register.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1')).body.trim().split('\r\n');
    const header = csv[0]?.split(',') ?? [];
    const row = csv[1]?.split(',') ?? [];
    const column = (name: string) => row[header.indexOf(name)];
    expect(header.slice(0, 7)).toEqual(['submission_id', 'order_id', 'patient_ref', 'measurement_point', 'questionnaire_id', 'version', 'hash']);
    expect([column('questionnaire_id'), column('version'), column('mood_overall'), column('self_care'), column('weight')]).toEqual(['demo-wellbeing', '1', 'good', '"active;rest"', 'declined']);

    const exported = await register.staff('GET', '/api/export.json');
    expect(exported.json.submissions).toEqual([expect.objectContaining({ token: expect.any(String), answers: payload.answers })]);
    expect((await register.post('/api/orders', {})).status).toBe(401);
  });
});
