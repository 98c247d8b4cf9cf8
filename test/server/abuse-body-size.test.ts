// Abuse (see abuse-fixture.ts), size and shape of the body, the size half: tokens, sealed
// submissions and JSON far larger or deeper than any real submission.
import { randomBytes } from 'node:crypto';
import { CompactSign } from 'jose';
import { describe, test } from 'vitest';
import { payloadFor, sealFor } from './setup.js';
import { deviceA, encoder, orderA, refused, reseal, submit, submitRaw, useAbuseRegister } from './abuse-fixture.js';

useAbuseRegister();

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
    // More answers than the questionnaire has items: refused before any is looked at (issue 14, item 2).
    await refused('8 000 stray answers', submit(await sealFor(deviceA, orderA, stray)), 400, 'invalidPayload');
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
});
