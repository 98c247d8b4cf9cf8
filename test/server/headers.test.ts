// Security headers on every response; HSTS only when the public address is https.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../src/server/app.js';
import { startTestRegister, type TestRegister } from './setup.js';

let https: TestRegister;
let http: TestRegister;
beforeAll(async () => {
  https = await startTestRegister();
  http = await startTestRegister({ env: { PUBLIC_URL: 'http://localhost:8080' } });
});
afterAll(async () => {
  await https.close();
  await http.close();
});

test.each([
  ['the app', 'GET', '/'],
  ['a page of the app', 'GET', '/some/page'],
  ['the health check', 'GET', '/api/health'],
  ['a refusal', 'POST', '/api/claim'],
  ['an unknown API path', 'GET', '/api/nothing'],
])('%s carries the security headers', async (_name, method, url) => {
  const response = await https.app.inject({ method: method as 'GET' | 'POST', url });
  expect(response.headers).toMatchObject({
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': expect.stringMatching(/camera=\(\), microphone=\(\), geolocation=\(\)/),
    'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
  });
  expect((await http.app.inject({ method: method as 'GET' | 'POST', url })).headers['strict-transport-security']).toBeUndefined();
});

test('the policy allows nothing inline and nothing from other origins', () => {
  expect(contentSecurityPolicy).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
});

test('the health check says it works and nothing about what the register holds', async () => {
  const response = await https.app.inject({ method: 'GET', url: '/api/health' });
  expect([response.statusCode, response.json()]).toEqual([200, { status: 'ok' }]);
  const unknown = await https.app.inject({ method: 'GET', url: '/api/nothing' });
  expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'notFound']);
});
