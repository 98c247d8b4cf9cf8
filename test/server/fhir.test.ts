// Staff fetch FHIR R4 resources from the register: a questionnaire as a Questionnaire (the snapshot
// orders used, or a loaded file no order has used yet) and a stored submission as a QuestionnaireResponse.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { claim, createOrder, demoAnswers, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

interface FhirItem {
  linkId: string;
  item?: FhirItem[];
}
const linkIds = (items: FhirItem[] = []): string[] => items.flatMap((item) => [item.linkId, ...linkIds(item.item)]);

test('a questionnaire an order used, and one only loaded from the folder, come as FHIR Questionnaires', async () => {
  await createOrder(register, ['demo-wellbeing@1']);
  const used = await register.app.inject({
    method: 'GET',
    url: '/api/fhir/Questionnaire/demo-wellbeing@1',
    headers: { authorization: 'Bearer server-tests-staff-token-0123456789' },
  });
  expect(used.statusCode).toBe(200);
  expect(used.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  const questionnaire = used.json<{ resourceType: string; status: string; item: FhirItem[] }>();
  expect(questionnaire.resourceType).toBe('Questionnaire');
  for (const itemId of Object.keys(demoAnswers)) expect(linkIds(questionnaire.item)).toContain(itemId);

  const loaded = await register.staff('GET', '/api/fhir/Questionnaire/ede-q@6.0');
  expect(loaded.status).toBe(200);
  expect(loaded.json.resourceType).toBe('Questionnaire');
});

test('a stored submission comes as a QuestionnaireResponse with its answers and the patient reference', async () => {
  const device = await newDevice();
  const created = await createOrder(register, ['demo-wellbeing@1'], { patientRef: 'pseudo-7' });
  const order = await claim(register, created.accessCode, device);
  const payload = payloadFor(order, demoAnswers);
  expect((await register.post('/api/submissions', { token: await sealFor(device, order, payload) })).status).toBe(201);

  const response = await register.staff('GET', `/api/fhir/QuestionnaireResponse/${payload.submissionId}`);
  expect(response.status).toBe(200);
  expect(response.json).toMatchObject({
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    subject: { identifier: { value: 'pseudo-7' } },
  });
  const answered = linkIds(response.json.item as FhirItem[]);
  for (const itemId of Object.keys(demoAnswers)) expect(answered).toContain(itemId);
});

test('FHIR needs the staff token, a well-formed key, and something that exists', async () => {
  const anonymous = await register.app.inject({ method: 'GET', url: '/api/fhir/Questionnaire/demo-wellbeing@1' });
  expect(anonymous.statusCode).toBe(401);
  expect((await register.app.inject({ method: 'GET', url: '/api/fhir/QuestionnaireResponse/x' })).statusCode).toBe(401);
  expect(anonymous.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  expect(anonymous.json()).toMatchObject(outcome('login', 'unauthorized'));
  expect(await register.staff('GET', '/api/fhir/Questionnaire/not a key')).toMatchObject({
    status: 400,
    json: outcome('invalid', 'badRequest'),
  });
  expect(await register.staff('GET', '/api/fhir/Questionnaire/nothing@9')).toMatchObject({
    status: 404,
    json: outcome('not-found', 'notFound'),
  });
  expect(await register.staff('GET', '/api/fhir/Questionnaire/nothing-9')).toMatchObject({
    status: 404,
    json: outcome('not-found', 'notFound'),
  });
  expect(await register.staff('GET', '/api/fhir/QuestionnaireResponse/no-such-submission')).toMatchObject({
    status: 404,
    json: outcome('not-found', 'notFound'),
  });
  expect(await register.staff('GET', '/api/fhir/Patient/1')).toMatchObject({ status: 404, json: outcome('not-found', 'notFound') });
});

/** An OperationOutcome with one issue of this FHIR type, the register's own code in its details. */
function outcome(type: string, code: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: type, details: { coding: [{ system: 'urn:eprom:api-error', code }] } }],
  };
}

test('a Questionnaire is found by its resource id, and by its canonical URL and version', async () => {
  const byId = await register.staff('GET', '/api/fhir/Questionnaire/ede-q-6.0');
  expect(byId.status).toBe(200);
  expect(byId.json).toMatchObject({ resourceType: 'Questionnaire', id: 'ede-q-6.0', url: 'urn:eprom:questionnaire:ede-q', version: '6.0' });
  // a resource id whose version ends the id after the last "-" (ect-madrs-s, version 1)
  expect((await register.staff('GET', '/api/fhir/Questionnaire/ect-madrs-s-1')).json).toMatchObject({ id: 'ect-madrs-s-1' });

  const search = await register.staff(
    'GET',
    `/api/fhir/Questionnaire?url=${encodeURIComponent('urn:eprom:questionnaire:ede-q')}&version=6.0`,
  );
  expect(search.status).toBe(200);
  expect(search.json).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1, entry: [{ resource: { id: 'ede-q-6.0' } }] });
  const everyVersion = await register.staff('GET', `/api/fhir/Questionnaire?url=${encodeURIComponent('urn:eprom:questionnaire:ede-q')}`);
  expect(
    (everyVersion.json.entry as { resource: { url: string } }[]).every((e) => e.resource.url === 'urn:eprom:questionnaire:ede-q'),
  ).toBe(true);
  expect(await register.staff('GET', '/api/fhir/Questionnaire?url=urn:eprom:questionnaire:nothing')).toMatchObject({
    status: 200,
    json: { resourceType: 'Bundle', total: 0, entry: [] },
  });
});
