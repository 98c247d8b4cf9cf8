// Every staff route of the register (each isStaff entry of registerApi) against every kind of
// caller: nobody, a clinician of unit A, a clinician of unit B on A's data, register staff, an
// administrator, the service token, and a session that leaves out its CSRF token. The status of
// each is in the table; a clinician of B never sees anything of A's.
import { z } from 'zod';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { endpointUrl, registerApi, type Endpoint } from '../../src/core/index.js';
import { startSession } from '../../src/server/staff-sessions.js';
import type { StaffAccountRecord } from '../../src/server/store/staff-store.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, staffToken, startTestRegister, type TestRegister } from './setup.js';
import { makeAccount } from './staff-fixture.js';
import { accessCases, callers, type AccessRow, type Caller } from './staff-access-cases.js';

let register: TestRegister;
const accounts = new Map<Caller, StaffAccountRecord>();
const data = { accountId: '', orderId: '', submissionId: '', tabletId: '', planEnrolmentId: '', patientRef: 'pseudo-unit-a' };

beforeAll(async () => {
  register = await startTestRegister();
  accounts.set('clinicianA', await makeAccount(register, { username: 'clin-a', roles: ['clinician'], units: ['A'] }));
  accounts.set('clinicianB', await makeAccount(register, { username: 'clin-b', roles: ['clinician'], units: ['B'] }));
  accounts.set('register', await makeAccount(register, { username: 'reg', roles: ['register'] }));
  accounts.set('admin', await makeAccount(register, { username: 'admin', roles: ['admin'] }));
  accounts.set('noCsrf', await makeAccount(register, { username: 'reg-2', roles: ['register'] }));
  data.accountId = (await makeAccount(register, { username: 'target', roles: ['clinician'], units: ['A'] })).id;
  const order = await createOrder(register, undefined, { unit: 'A', patientRef: data.patientRef });
  const device = await newDevice();
  const claimed = await claim(register, order.accessCode, device);
  const payload = payloadFor(claimed);
  const sent = await register.post('/api/submissions', { token: await sealFor(device, claimed, payload) });
  expect(sent.status).toBe(201);
  data.orderId = order.order.id;
  data.submissionId = payload.submissionId;
  // A tablet of unit A, for listing and revoking.
  const enrolment = await register.staff('POST', '/api/enrolments', { unit: 'A' });
  expect((await register.post('/api/tablets', { code: enrolment.json.code })).status).toBe(201);
  const tablets = z.object({ tablets: z.array(z.object({ id: z.string() })) }).parse((await register.staff('GET', '/api/tablets')).json);
  data.tabletId = tablets.tablets[0]?.id ?? '';
  const planned = await register.staff('POST', '/api/plan-enrolments', {
    patientRef: data.patientRef,
    plan: 'norspis',
    unit: 'A',
    language: 'nb',
  });
  data.planEnrolmentId = z.object({ enrolment: z.object({ id: z.string() }) }).parse(planned.json).enrolment.id;
}, 60_000);
afterAll(async () => register.close());

/** A fresh session for each call (some routes end the session they are called with). */
async function headersFor(caller: Caller, method: string): Promise<Record<string, string>> {
  if (caller === 'none') return {};
  if (caller === 'service') return { authorization: `Bearer ${staffToken}` };
  const account = accounts.get(caller);
  if (!account) throw new Error(caller);
  const { token, session } = await startSession(register.store, account, '10.9.9.9', new Date());
  const csrf: Record<string, string> = method === 'POST' && caller !== 'noCsrf' ? { 'x-csrf-token': session.csrfToken } : {};
  return { cookie: `svar_staff=${token}`, ...csrf };
}

const staffEntries = Object.entries(registerApi).filter(([, endpoint]) => (endpoint as Endpoint).isStaff);

test('the table has a row for every staff route', () => {
  expect(Object.keys(accessCases).sort()).toEqual(staffEntries.map(([name]) => name).sort());
});

test.each(staffEntries)('%s answers each caller as the table says', async (name, endpoint: Endpoint) => {
  const row: AccessRow = accessCases[name as keyof typeof accessCases];
  const seen: Record<string, number> = {};
  for (const caller of callers) {
    const { params, query, body } = row.request(data);
    const response = await register.app.inject({
      method: endpoint.method,
      url: endpointUrl(endpoint, params, query),
      headers: {
        ...(await headersFor(caller, endpoint.method)),
        ...(endpoint.method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(endpoint.method === 'POST' ? { payload: JSON.stringify(body ?? {}) } : {}),
    });
    seen[caller] = response.statusCode;
    // Nothing of unit A reaches a clinician of unit B, in any answer.
    if (caller === 'clinicianB') for (const secret of [data.patientRef, data.orderId]) expect(response.body, name).not.toContain(secret);
  }
  expect(seen).toEqual(row.expect);
});
