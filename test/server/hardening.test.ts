// Hardening the register (issue 14): nothing the API answers may be kept by a cache, no source map
// is served, a refused static path says what was refused, addresses behind NAT64 are counted apart,
// and an answer under "__proto__" is refused like any unknown item instead of dropped unseen.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { claimResponse, type Answers, type ClaimResponse } from '../../src/core/index.js';
import { contentSecurityPolicy } from '../../src/server/app.js';
import { claimLimits } from '../../src/server/register.js';
import { tally } from '../reliability-tally.js';
import {
  claim,
  createOrder,
  newDevice,
  payloadFor,
  sealFor,
  staffToken,
  startTestRegister,
  type TestDevice,
  type TestRegister,
} from './setup.js';

const script = 'export const answer = 42;\n';
const sourceMap = JSON.stringify({ version: 3, sources: ['../src/app/secret.ts'], sourcesContent: ['// the whole source'], mappings: '' });

let register: TestRegister;
let device: TestDevice;
let claimed: ClaimResponse;
let storedId: string;
beforeAll(async () => {
  const appDir = await mkdtemp(path.join(tmpdir(), 'eprom-app-'));
  await mkdir(path.join(appDir, 'assets'));
  await writeFile(path.join(appDir, 'index.html'), '<!doctype html><title>test</title>');
  await writeFile(path.join(appDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(appDir, 'assets', 'app-abc123.js'), `${script}//# sourceMappingURL=app-abc123.js.map\n`);
  await writeFile(path.join(appDir, 'assets', 'app-abc123.js.map'), sourceMap);
  await writeFile(path.join(appDir, 'sw.js.map'), sourceMap);
  register = await startTestRegister({ appDir });
  device = await newDevice();
  claimed = await claim(register, (await createOrder(register, ['demo-wellbeing@1', 'norspis-outcome@1'])).accessCode, device);
  const payload = payloadFor(claimed);
  expect((await register.post('/api/submissions', { token: await sealFor(device, claimed, payload) })).status).toBe(201);
  storedId = payload.submissionId;
});
afterAll(async () => register.close());

type Method = 'GET' | 'POST';
const send = (method: Method, url: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) =>
  register.app.inject({
    method,
    url,
    remoteAddress: '10.1.0.1',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });

/** A refusal the reliability report counts among the bad inputs tried. */
function countRefusal(name: string, response: { statusCode: number; json: () => { error?: unknown } }, status: number, code: string) {
  const error = String(response.json().error);
  tally({
    kind: 'badInput',
    suite: 'hardening',
    name,
    isRefused: response.statusCode === status && error === code,
    status: response.statusCode,
    code: error,
  });
  expect([response.statusCode, error]).toEqual([status, code]);
}

describe('nothing the API answers may be cached', () => {
  const staff = { token: staffToken };
  const cases: [string, Method, () => string, { body?: unknown; token?: string; headers?: Record<string, string> }?][] = [
    ['the health check', 'GET', () => '/api/health'],
    ['a claim refused', 'POST', () => '/api/claim', { body: { code: 'AAAA-AAAA-AAAA', deviceKey: {} } }],
    ['an order list', 'GET', () => '/api/orders', staff],
    [
      'an order made (with its access code)',
      'POST',
      () => '/api/orders',
      {
        ...staff,
        body: {
          patientRef: 'pseudo-7',
          questionnaires: ['demo-wellbeing@1'],
          measurementPoint: 'basis',
          validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
    ],
    ['the submissions', 'GET', () => `/api/submissions?orderId=${claimed.order.id}`, staff],
    ['a submission refused', 'POST', () => '/api/submissions', { body: { token: 'a.b.c.d.e' } }],
    ['the JSON export', 'GET', () => '/api/export.json', staff],
    ['the CSV export', 'GET', () => '/api/export.csv?questionnaire=demo-wellbeing@1', staff],
    ['a FHIR Questionnaire', 'GET', () => '/api/fhir/Questionnaire/demo-wellbeing@1', staff],
    ['a FHIR QuestionnaireResponse', 'GET', () => `/api/fhir/QuestionnaireResponse/${storedId}`, staff],
    ['a staff call without the token', 'GET', () => '/api/orders'],
    ['an enrolment code', 'POST', () => '/api/enrolments', { ...staff, body: { unit: 'Poliklinikk A' } }],
    ['an unknown API path', 'GET', () => '/api/nothing'],
    ['an unknown API path, posted to', 'POST', () => '/api/nothing/else', { body: {} }],
    ['a body that is not JSON', 'POST', () => '/api/claim', { body: undefined, headers: { 'content-type': 'application/json' } }],
    ['a body of the wrong type', 'POST', () => '/api/claim', { headers: { 'content-type': 'text/plain' } }],
  ];
  test.each(cases)('%s: Cache-Control no-store', async (_name, method, url, options) => {
    const response = await send(method, url(), options);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  test('a claim, a stored submission and its retry: no-store', async () => {
    const order = await createOrder(register);
    const claimedNow = await register.post('/api/claim', { code: order.accessCode, deviceKey: device.publicJwk }, { address: '10.1.0.2' });
    expect([claimedNow.status, claimedNow.headers['cache-control']]).toEqual([200, 'no-store']);
    const answered = claimResponse.parse(claimedNow.json);
    const token = await sealFor(device, answered, payloadFor(answered));
    const first = await register.post('/api/submissions', { token });
    const again = await register.post('/api/submissions', { token });
    expect([first.status, first.headers['cache-control'], again.status, again.headers['cache-control']]).toEqual([
      201,
      'no-store',
      200,
      'no-store',
    ]);
  });

  test.each([
    ['the app', '/', 'no-cache'],
    ['a page of the app', '/some/page', 'no-cache'],
    ['a hashed asset', '/assets/app-abc123.js', 'public, max-age=31536000, immutable'],
    ['a file without a hash', '/icon.svg', 'public, max-age=3600'],
  ])('%s keeps its own caching', async (_name, url, cacheControl) => {
    const response = await send('GET', url);
    expect([response.statusCode, response.headers['cache-control']]).toEqual([200, cacheControl]);
  });
});

describe('what the static server refuses', () => {
  test.each([
    ['a source map', '/assets/app-abc123.js.map'],
    ["the service worker's source map", '/sw.js.map'],
    ['a source map named with an encoded letter', '/assets/app-abc123.js.%6dap'],
    ['a source map with a query', '/assets/app-abc123.js.map?x=1'],
  ])('%s is not served', async (name, url) => {
    const response = await send('GET', url, { headers: { 'accept-encoding': 'br, gzip' } });
    countRefusal(name, response, 404, 'notFound');
    expect(response.body).not.toContain('sourcesContent');
  });

  test.each([
    ['a traversal with backslashes', '/..%5c..%5cetc%5cpasswd', 404, 'notFound'],
    ['a NUL byte in the path', '/index.html%00.js', 404, 'notFound'],
    ['a traversal with encoded slashes', '/assets/..%2f..%2fetc%2fpasswd', 404, 'notFound'],
    ['an overlong UTF-8 ".."', '/%c0%ae%c0%ae/etc/passwd', 400, 'badRequest'],
    ['a lone "%"', '/assets/%', 400, 'badRequest'],
  ])('%s is refused with a message about the path, never about a body', async (name, url, status, code) => {
    const response = await send('GET', url);
    countRefusal(`static path: ${name}`, response, status, code);
    expect(String(response.json<{ message: string }>().message)).not.toMatch(/JSON|body/i);
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  test('a range past the end of a file is refused with a message that fits', async () => {
    const response = await send('GET', '/icon.svg', { headers: { range: 'bytes=99999-' } });
    countRefusal('static range past the end', response, 400, 'badRequest');
    expect(String(response.json<{ message: string }>().message)).not.toMatch(/JSON|body/i);
  });

  test('the app and its hashed scripts are still served', async () => {
    expect((await send('GET', '/assets/app-abc123.js')).body).toContain(script);
    expect((await send('GET', '/index.html')).statusCode).toBe(200);
  });
});

describe('addresses behind NAT64 are counted apart', () => {
  const guess = (address: string) => register.post('/api/claim', { code: 'ZZZZ-ZZZZ-ZZZZ', deviceKey: device.publicJwk }, { address });

  test('each IPv4 client behind the well-known prefix 64:ff9b::/96 has its own limit, shared with its own IPv4 address', async () => {
    for (let i = 0; i < claimLimits.perAddress; i++) expect((await guess('64:ff9b::192.0.2.10')).status).toBe(404);
    expect((await guess('64:ff9b::c000:20a')).status).toBe(429);
    expect((await guess('192.0.2.10')).status).toBe(429);
    expect((await guess('64:ff9b::198.51.100.10')).status).toBe(404);
    expect((await guess('64:ff9b::192.0.2.11')).status).toBe(404);
  });
});

describe('an answer under an id no item has, whatever the id', () => {
  /** The demo answers with one more under `id`, an own property even for "__proto__" (as JSON.parse makes it). */
  const withAnswerUnder = (answers: Answers, id: string): Answers =>
    JSON.parse(`{${JSON.stringify(id)}:{"value":1},${JSON.stringify(answers).slice(1)}`);

  test.each(['__proto__', 'constructor', 'prototype'])('"%s" is refused as an unknown item, and nothing is stored', async (id) => {
    const base = payloadFor(claimed);
    const payload = { ...base, answers: withAnswerUnder(base.answers, id) };
    expect(Object.hasOwn(payload.answers, id)).toBe(true);
    const response = await register.post('/api/submissions', { token: await sealFor(device, claimed, payload) });
    tally({
      kind: 'badInput',
      suite: 'hardening',
      name: `an answer under "${id}"`,
      isRefused: response.status === 422 && response.json.error === 'invalidAnswers',
      status: response.status,
      code: String(response.json.error),
    });
    expect([response.status, response.json.error, response.json.details]).toEqual([422, 'invalidAnswers', [`${id}: unknownItem`]]);
    const stored = await register.staff('GET', `/api/submissions?orderId=${claimed.order.id}`);
    expect((stored.json.submissions as { submissionId: string }[]).map((s) => s.submissionId)).not.toContain(base.submissionId);
  });
});
