// The device's HTTP client: each call's method and address come from the protocol's table, and each
// answer becomes one of three outcomes (the answer, a final refusal, or try again later).
import { expect, test } from 'vitest';
import { deviceApi, type PublicP256Jwk } from '../../src/core/index.js';
import { lazyProofSolver } from '../../src/device/lazy-proof-solver.js';
import { httpRegisterClient } from '../../src/device/register-client.js';
import { WaitReason } from '../../src/device/rows.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function recording(answer: () => Response) {
  const sent: Sent[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return answer();
  };
  return { sent, client: httpRegisterClient({ baseUrl: 'https://register.example', fetcher, solveProofOfWork: lazyProofSolver }) };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const deviceKey: PublicP256Jwk = { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) };

test("every call goes to its entry's method and path, with a body only where the entry has one", async () => {
  const { sent, client } = recording(() => json(400, { error: 'badRequest', message: 'x' }));
  await client.claim({ code: 'ABCD-EFGH', deviceKey });
  await client.submit('sealed');
  await client.enrolTablet('ENROL');
  await client.listUnitOrders('tablet-token');
  await client.claimForTablet('tablet-token', 'order-1', deviceKey);
  const { claim, submit, enrolTablet, listUnitOrders, claimForTablet } = deviceApi;
  expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual(
    [claim, submit, enrolTablet, listUnitOrders, claimForTablet].map((entry) => `${entry.method} https://register.example${entry.path}`),
  );
  expect(sent.map((s) => s.body)).toEqual([
    JSON.stringify({ code: 'ABCD-EFGH', deviceKey }),
    JSON.stringify({ token: 'sealed' }),
    JSON.stringify({ code: 'ENROL' }),
    undefined,
    JSON.stringify({ orderId: 'order-1', deviceKey }),
  ]);
  expect(sent.map((s) => s.headers.authorization)).toEqual([undefined, undefined, undefined, 'Bearer tablet-token', 'Bearer tablet-token']);
  expect(sent.map((s) => s.headers['content-type'])).toEqual([
    'application/json',
    'application/json',
    'application/json',
    undefined,
    'application/json',
  ]);
});

test('a refusal is final; a busy or broken register, or one behind a failing proxy, is tried again later', async () => {
  const refused = recording(() => json(409, { error: 'orderClaimed', message: 'x' }));
  expect(await refused.client.claim({ code: 'A', deviceKey })).toEqual({
    kind: 'refused',
    status: 409,
    error: { error: 'orderClaimed', message: 'x' },
  });
  const unavailable = recording(() => json(503, { error: 'unavailable', message: 'later', retryAfterSeconds: 5 }, { 'retry-after': '5' }));
  expect(await unavailable.client.submit('sealed')).toMatchObject({
    kind: 'retry',
    reason: WaitReason.failure,
    retryAfterMs: 5000,
    error: { error: 'unavailable' },
  });
  const proxy = recording(() => new Response('<html>Bad gateway</html>', { status: 502 }));
  expect(await proxy.client.submit('sealed')).toMatchObject({
    kind: 'retry',
    reason: WaitReason.failure,
    error: { error: 'internal', message: 'The register answered 502' },
  });
  const odd = recording(() => json(200, { not: 'a receipt' }));
  expect(await odd.client.submit('sealed')).toMatchObject({ kind: 'retry', reason: WaitReason.failure, error: { error: 'internal' } });
});

test('a proof of work is solved and sent at most three times, and a challenge harder than any register asks is not worked on', async () => {
  const asking = (difficulty: number) => () =>
    json(428, { error: 'proofOfWorkRequired', message: 'x', proofOfWork: { challenge: 'claim.1.9999999999999.r.m', difficulty } });
  const again = recording(asking(1));
  expect(await again.client.claim({ code: 'ABCD-EFGH-JKMN', deviceKey })).toMatchObject({
    kind: 'refused',
    status: 428,
    error: { error: 'proofOfWorkRequired' },
  });
  const proofs = again.sent.map((s) => (JSON.parse(s.body ?? '{}') as { proof?: { challenge: string } }).proof?.challenge);
  expect(proofs).toEqual([undefined, 'claim.1.9999999999999.r.m', 'claim.1.9999999999999.r.m', 'claim.1.9999999999999.r.m']);
  const tooHard = recording(asking(30));
  expect(await tooHard.client.enrolTablet('ENROL')).toMatchObject({ kind: 'refused', error: { error: 'proofOfWorkRequired' } });
  expect(tooHard.sent).toHaveLength(1);
});
