// Abuse (see abuse-fixture.ts), size and shape of the body, the shape half: odd JSON, content types
// other than JSON, random bytes.
import { randomBytes } from 'node:crypto';
import { describe, test } from 'vitest';
import { payloadFor, sealFor } from './setup.js';
import { deviceA, orderA, refused, submit, submitRaw, useAbuseRegister } from './abuse-fixture.js';

useAbuseRegister();

describe('size and shape of the body', () => {
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
