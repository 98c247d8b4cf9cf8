// The table of endpoints (registerApi) against a real register: every entry is a route (never the
// route-not-found answer), every staff entry is behind the staff guard, every answer fits the entry's
// response schema, and the device's client, which builds its calls from the same table, gets answers.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { z } from 'zod/mini';
import { endpointUrl, registerApi, staffApi, type Endpoint } from '../../src/core/index.js';
import { httpRegisterClient, type Outcome } from '../../src/device/register-client.js';
import { newDevice, payloadFor, sealFor, staffToken, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

/** What app.ts answers for an address no route has. */
const routeNotFound = 'There is nothing here';

const placeholders: Record<string, string> = {
  id: 'no-such-order',
  key: 'nothing@9',
  submissionId: 'no-such-submission',
  patientRef: 'nobody',
};

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  bearer?: string;
}

async function call(endpoint: Endpoint, { params = placeholders, query, body, bearer }: Call = {}) {
  const hasBody = endpoint.method === 'POST';
  const response = await register.app.inject({
    method: endpoint.method,
    url: endpointUrl(endpoint, params, query),
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(hasBody ? { payload: JSON.stringify(body ?? {}) } : {}),
  });
  return { status: response.statusCode, body: response.body, contentType: String(response.headers['content-type']) };
}

/** A staff call that must succeed; its answer parsed with the entry's response schema. */
async function staffCall<T>(endpoint: Endpoint & { response: z.ZodMiniType<T> }, input: Call = {}): Promise<T> {
  const answer = await call(endpoint, { ...input, bearer: staffToken });
  expect(answer.status, `${endpoint.method} ${endpoint.path}: ${answer.body}`).toBeLessThan(300);
  if (endpoint.contentType) expect(answer.contentType).toBe(endpoint.contentType);
  return z.parse(endpoint.response, endpoint.contentType?.startsWith('text/') ? answer.body : JSON.parse(answer.body));
}

test.each(Object.entries(registerApi))('%s is a route of the register, whatever it thinks of the request', async (_name, endpoint) => {
  const bearer = 'isStaff' in endpoint ? staffToken : undefined;
  const answer = await call(endpoint, bearer ? { bearer } : {});
  expect(answer.body).not.toContain(routeNotFound);
  expect(answer.status).not.toBe(405);
});

test.each(Object.entries(staffApi))('%s refuses a caller without the staff token, before it reads the body', async (_name, endpoint) => {
  for (const bearer of [undefined, 'not-the-staff-token', `${staffToken}x`]) {
    const answer = await call(endpoint, { body: 'not even an object', ...(bearer ? { bearer } : {}) });
    expect([answer.status, errorCodeOf(answer.body)]).toEqual([401, 'unauthorized']);
  }
});

/** The register's error code, from its JSON or, on the FHIR routes, from the OperationOutcome's details. */
function errorCodeOf(body: string): unknown {
  const parsed = JSON.parse(body) as { error?: string; issue?: { details?: { coding?: { code?: string }[] } }[] };
  return parsed.error ?? parsed.issue?.[0]?.details?.coding?.[0]?.code;
}

test('every staff answer fits its response schema', async () => {
  const created = await staffCall(registerApi.createOrder, {
    body: { patientRef: 'pseudo-7', questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil: inOneDay() },
  });
  const device = await newDevice();
  const client = clientOf(register);
  const claimed = okValue(await client.claim({ code: created.accessCode, deviceKey: device.publicJwk }));
  const payload = payloadFor(claimed);
  okValue(await client.submit(await sealFor(device, claimed, payload)));

  expect((await staffCall(registerApi.listOrders, { query: { patientRef: 'pseudo-7' } })).orders).toHaveLength(1);
  expect((await staffCall(registerApi.listSubmissions, { query: { orderId: created.order.id } })).submissions).toHaveLength(1);
  expect((await staffCall(registerApi.exportJson)).submissions[0]?.token).toMatch(/\S/);
  expect(await staffCall(registerApi.exportCsv, { query: { questionnaire: 'demo-wellbeing@1' } })).toContain(payload.submissionId);
  expect((await staffCall(registerApi.fhirQuestionnaire, { params: { key: 'demo-wellbeing@1' } })).resourceType).toBe('Questionnaire');
  const response = await staffCall(registerApi.fhirQuestionnaireResponse, { params: { submissionId: payload.submissionId } });
  expect(response.resourceType).toBe('QuestionnaireResponse');
  expect(await staffCall(registerApi.releaseOrder, { params: { id: created.order.id } })).toEqual({ released: created.order.id });
  expect(await staffCall(registerApi.health)).toEqual({ status: 'ok' });
});

test("the device's client, calling from the same table, gets its answers from the register", async () => {
  const client = clientOf(register);
  const enrolment = await staffCall(registerApi.createEnrolment, { body: { unit: 'Poliklinikk A' } });
  const { tabletToken } = okValue(await client.enrolTablet(enrolment.code));
  const created = await staffCall(registerApi.createOrder, {
    body: {
      patientRef: 'pseudo-8',
      questionnaires: ['demo-wellbeing@1'],
      measurementPoint: 'basis',
      validUntil: inOneDay(),
      unit: 'Poliklinikk A',
    },
  });
  const { orders } = okValue(await client.listUnitOrders(tabletToken));
  expect(orders.map((order) => order.id)).toEqual([created.order.id]);
  const device = await newDevice();
  const claimed = okValue(await client.claimForTablet(tabletToken, created.order.id, device.publicJwk));
  expect(claimed.resumeSecret).toMatch(/\S/);
  const receipt = okValue(await client.submit(await sealFor(device, claimed, payloadFor(claimed))));
  expect(receipt.orderId).toBe(created.order.id);
  // Refusals arrive as the register's codes, with the status of each code.
  expect(await client.claim({ code: 'NOPE-NOPE', deviceKey: device.publicJwk })).toMatchObject({
    kind: 'refused',
    status: 404,
    error: { error: 'codeUnknown' },
  });
  expect(await client.listUnitOrders('not-a-tablet')).toMatchObject({ kind: 'refused', status: 401, error: { error: 'unauthorized' } });
});

const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

function okValue<T>(outcome: Outcome<T>): T {
  if (outcome.kind !== 'ok') throw new Error(`not ok: ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/** The real client, its requests handed to the register through Fastify's inject instead of a socket. */
function clientOf(running: TestRegister) {
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const answer = await running.app.inject({
      method: init?.method === 'POST' ? 'POST' : 'GET',
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    const retryAfter = answer.headers['retry-after'];
    return new Response(answer.body, {
      status: answer.statusCode,
      headers: { 'content-type': String(answer.headers['content-type']), ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}) },
    });
  };
  return httpRegisterClient({ baseUrl: 'https://register.example', fetcher });
}
