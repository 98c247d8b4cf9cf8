// Security headers on every response; HSTS only when the public address is https. Hashed assets
// compressed from the build's copies.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
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

test('a hashed asset goes out brotli- or gzip-compressed from the copies the build wrote, and cached for good', async () => {
  const appDir = await mkdtemp(path.join(tmpdir(), 'eprom-app-'));
  const script = `export const words = ${JSON.stringify('svar '.repeat(2000))};\n`;
  await mkdir(path.join(appDir, 'assets'));
  await writeFile(path.join(appDir, 'index.html'), '<!doctype html><title>test</title>');
  await writeFile(path.join(appDir, 'assets', 'app-abc123.js'), script);
  await writeFile(path.join(appDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
  await writeFile(path.join(appDir, 'assets', 'app-abc123.js.gz'), gzipSync(script));
  const register = await startTestRegister({ appDir });
  try {
    const get = (acceptEncoding: string) =>
      register.app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': acceptEncoding } });
    const br = await get('gzip, deflate, br');
    expect(br.headers).toMatchObject({
      'content-encoding': 'br',
      'cache-control': 'public, max-age=31536000, immutable',
      vary: expect.stringMatching(/accept-encoding/i),
    });
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  } finally {
    await register.close();
  }
});
