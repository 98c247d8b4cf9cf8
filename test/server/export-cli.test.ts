// `npm run register -- export --format csv|json|fhir`, on the register's own database (SQLite file or
// PostgreSQL): the same rows as the HTTP exports, with the scores, written as they are read.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runRegisterCli } from '../../src/cli/register.js';
import { claim, createOrder, demoAnswers, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const where = register.databaseUrl === undefined ? ['--data-dir', register.dataDir] : ['--database-url', register.databaseUrl];
  const code = await runRegisterCli(
    [...argv, ...where],
    {},
    (text) => (out += text),
    (text) => (err += text),
  );
  return { code, out, err };
}

async function submitted(unit: string) {
  const device = await newDevice();
  const created = await createOrder(register, ['demo-wellbeing@1'], { unit });
  const order = await claim(register, created.accessCode, device);
  const payload = payloadFor(order, demoAnswers);
  expect((await register.post('/api/submissions', { token: await sealFor(device, order, payload) })).status).toBe(201);
  return payload.submissionId;
}

test('exports CSV, JSON and FHIR NDJSON as the HTTP routes do, filtered by unit and day', async () => {
  const north = await submitted('Nord');
  await submitted('Sør');
  const csv = await cli('export', '--format', 'csv', '--questionnaire', 'demo-wellbeing@1');
  expect(csv).toMatchObject({ code: 0, err: '' });
  expect(csv.out).toBe((await register.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1')).body);
  const json = await cli('export', '--format', 'json', '--unit', 'Nord');
  expect((JSON.parse(json.out) as { submissions: { submissionId: string }[] }).submissions.map((s) => s.submissionId)).toEqual([north]);
  const fhir = await cli('export', '--format', 'fhir', '--to', '2020-01-01');
  expect(fhir).toEqual({ code: 0, out: '', err: '' });
  const today = new Date().toISOString().slice(0, 10);
  const all = await cli('export', '--format', 'fhir', '--from', today);
  expect(
    all.out
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { resourceType: string }).resourceType),
  ).toEqual(['QuestionnaireResponse', 'QuestionnaireResponse']);
});

test('writes to a stream, waiting while it is full; wrong usage and unknown questionnaires are refused', async () => {
  await submitted('Nord');
  const output = new PassThrough({ highWaterMark: 16 });
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const where = register.databaseUrl === undefined ? ['--data-dir', register.dataDir] : ['--database-url', register.databaseUrl];
  const code = await runRegisterCli(
    ['export', '--format', 'csv', ...where],
    {},
    () => undefined,
    () => undefined,
    false,
    output,
  );
  expect(code).toBe(0);
  expect(text.split('\r\n')).toHaveLength(3);
  expect((await cli('export', '--format', 'xml')).code).toBe(2);
  expect((await cli('export', '--format', 'csv', '--from', 'last week')).code).toBe(2);
  expect(await cli('export', '--format', 'csv', '--questionnaire', 'nothing@9')).toMatchObject({
    code: 1,
    err: 'No order has used nothing@9.\n',
  });
});
