// The register serves the staff console's page at /staff/ and under it (its places are in the
// fragment), with the same headers as the patient's app; every other page is still the patient's.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../src/server/app.js';
import { startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;

beforeAll(async () => {
  const appDir = await mkdtemp(path.join(tmpdir(), 'eprom-app-'));
  await writeFile(path.join(appDir, 'index.html'), '<!doctype html><title>patient</title>');
  await mkdir(path.join(appDir, 'staff'));
  await writeFile(path.join(appDir, 'staff', 'index.html'), '<!doctype html><title>staff</title>');
  register = await startTestRegister({ appDir });
});
afterAll(async () => register.close());

test.each(['/staff/', '/staff', '/staff/orders', '/staff/anything/else?x=1'])(
  '%s is the staff console, not cached, under the CSP',
  async (url) => {
    const response = await register.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>staff</title>');
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(response.headers['cache-control']).toBe('no-cache');
  },
);

test('other pages are the patient app; a missing file and an unknown API path are 404s', async () => {
  for (const url of ['/', '/claim', '/staffing'])
    expect((await register.app.inject({ method: 'GET', url })).body).toContain('<title>patient</title>');
  expect((await register.app.inject({ method: 'GET', url: '/staff/missing.js' })).statusCode).toBe(404);
  expect((await register.app.inject({ method: 'GET', url: '/api/staff/nothing' })).statusCode).toBe(404);
});
