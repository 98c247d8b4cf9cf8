// Staff read what arrived: by order or patient, as JSON and as CSV with one column per item.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { csvCell } from '../../src/server/export.js';
import { parseCsv } from './csv-fixture.js';
import { claim, createOrder, demoAnswers, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

async function submitted(answers = demoAnswers, patientRef = 'pseudo-42') {
  const device = await newDevice();
  const created = await createOrder(register, ['demo-wellbeing@1', 'norspis-outcome@1'], { patientRef });
  const order = await claim(register, created.accessCode, device);
  const payload = payloadFor(order, answers);
  expect((await register.post('/api/submissions', { token: await sealFor(device, order, payload) })).status).toBe(201);
  return { order, payload, device };
}

test('list submissions by order or patient reference, without the sealed token', async () => {
  const { payload, order } = await submitted();
  await submitted(demoAnswers, 'pseudo-99');
  const byPatient = await register.staff('GET', '/api/submissions?patientRef=pseudo-42');
  expect(byPatient.json.submissions).toEqual([
    expect.objectContaining({ submissionId: payload.submissionId, patientRef: 'pseudo-42', answers: demoAnswers }),
  ]);
  expect(byPatient.json.submissions).toEqual([expect.not.objectContaining({ token: expect.anything() })]);
  const byOrder = await register.staff('GET', `/api/submissions?orderId=${order.order.id}`);
  expect(byOrder.json.submissions).toHaveLength(1);
  expect((await register.staff('GET', '/api/submissions')).json.submissions).toHaveLength(2);
  expect((await register.staff('GET', '/api/submissions?orderId=nope')).json.submissions).toEqual([]);
  expect((await register.app.inject({ method: 'GET', url: '/api/submissions' })).statusCode).toBe(401);
});

test('CSV: the fixed columns, then every item of the questionnaire in its order; multiple choice joined by ;, declined as declined', async () => {
  const { payload, order } = await submitted({
    ...demoAnswers,
    self_care: { value: ['active', 'rest'] },
    weight: { declined: true },
    comments: { value: 'Fine, "mostly".\nThanks' },
  });
  const response = await register.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1');
  expect(response.status).toBe(200);
  expect(response.body.endsWith('\r\n')).toBe(true);
  const [header = [], row = [], ...rest] = parseCsv(response.body);
  expect(rest).toEqual([]);
  expect(header).toEqual([
    'submission_id',
    'order_id',
    'patient_ref',
    'measurement_point',
    'questionnaire_id',
    'version',
    'hash',
    'language',
    'started_at',
    'completed_at',
    'received_at',
    'scores_differ',
    'mood_overall',
    'worry',
    'good_sleep_days',
    'woke_rested',
    'felt_lonely',
    'self_care',
    'weight',
    'had_hard_time',
    'hard_time_text',
    'has_appointment',
    'next_appointment',
    'comments',
  ]);
  const cell = (name: string) => row[header.indexOf(name)];
  expect([cell('submission_id'), cell('order_id'), cell('patient_ref'), cell('measurement_point')]).toEqual([
    payload.submissionId,
    order.order.id,
    'pseudo-42',
    'basis',
  ]);
  expect([cell('questionnaire_id'), cell('version'), cell('hash'), cell('language')]).toEqual([
    'demo-wellbeing',
    '1',
    payload.questionnaire.hash,
    'nb',
  ]);
  expect([cell('mood_overall'), cell('worry'), cell('self_care'), cell('weight'), cell('had_hard_time'), cell('hard_time_text')]).toEqual([
    'good',
    '2',
    'active;rest',
    'declined',
    'false',
    '',
  ]);
  expect(cell('comments')).toBe('Fine, "mostly".\nThanks');
  expect(response.body).toContain('"active;rest"');
});

test('CSV for a questionnaire nobody has answered yet has its columns; one no order used is refused', async () => {
  await createOrder(register, ['norspis-outcome@1']);
  const empty = await register.staff('GET', '/api/export.csv?questionnaire=norspis-outcome@1');
  expect(parseCsv(empty.body)).toEqual([
    [
      ...Array(12).fill(expect.any(String)),
      'outcome',
      'norspis-outcome.outcome',
      'norspis-outcome.outcome.band',
      'norspis-outcome.outcome.flags',
      'norspis-outcome.outcome.no_score',
    ],
  ]);
  const unknown = await register.staff('GET', '/api/export.csv?questionnaire=ede-q@6.0');
  expect([unknown.status, unknown.json.error]).toEqual([400, 'unknownQuestionnaire']);
});

test('cells a spreadsheet would run as formulas are neutralised; numbers are left alone', () => {
  expect(['=HYPERLINK("x")', '+1+1', '@SUM(A1)', '-x', '\tx', '-3', '+4', '2.5', 'plain'].map(csvCell)).toEqual([
    `"'=HYPERLINK(""x"")"`,
    "'+1+1",
    "'@SUM(A1)",
    "'-x",
    "'\tx",
    '-3',
    '+4',
    '2.5',
    'plain',
  ]);
});

test('JSON export holds everything, the sealed original too', async () => {
  const { payload } = await submitted();
  const exported = await register.staff('GET', '/api/export.json');
  expect(exported.json.submissions).toEqual([
    expect.objectContaining({
      submissionId: payload.submissionId,
      token: expect.any(String),
      answers: payload.answers,
      patientRef: 'pseudo-42',
      // the demo questionnaire has no scores
      scoresDiffer: null,
    }),
  ]);
  expect((await register.app.inject({ method: 'GET', url: '/api/export.csv' })).statusCode).toBe(401);
});
