// Receiving sealed submissions: a valid one is stored once, with the register's scores and a signed
// receipt, and a retry gets the same receipt and stores nothing new; the logs hold no secrets. The
// order's state after submissions is in submissions-order-state.test.ts, the refusals in
// submissions-refused-*.test.ts.
import { createHash } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, test } from 'vitest';
import { receiptClaims } from '../../src/core/index.js';
import { claim, createOrder, demoAnswers, newDevice, payloadFor, sealFor, startTestRegister } from './setup.js';
import { claimed, register, rows, submit, useFreshRegister } from './submissions-fixture.js';

useFreshRegister();

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

  test('copies sent at once are stored once', async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const answers = await Promise.all([1, 2, 3].map(async () => submit(await sealFor(device, order, payload))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.receipt)).size).toBe(1);
    expect(await rows()).toBe(1);
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
