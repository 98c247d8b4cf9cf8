// The registers' quality indicators from what the store holds, on hand-worked data, through
// GET /api/indicators.json and .csv (on SQLite and on PostgreSQL).
//
// NorSpis cia_improved (CIA global fell by at least 7 from start to slutt), unit A, 2026-Q2: six
// patients due at slutt; five answered both: 30→20 (10, met), 25→19 (6), 20→13 (7, met), 40→35 (5),
// 18→10 (8, met); the sixth never answered slutt. Eligible 6, denominator 5, numerator 3, coverage
// 5/6; Wilson 95% for 3/5: p = 0.6, z²/n = 0.76829, centre 0.98415/1.76829 = 0.55655, half
// 1.95996·√(0.048 + 0.038415)/1.76829 = 0.32584, so 0.2307 to 0.8824.
//
// KVARUS benefit_first_point (eval_benefit 4 or 5 at the first malepunkt), 2026: unit A has 7 due and
// 6 answers 5 4 4 3 2 5 (4 met; Wilson 4/6 is 0.3000 to 0.9032); unit B 3 due, 3 answers (suppressed,
// under five); unit C 10 due, 5 answers all 4 (coverage 0.5: marked). Every unit together: eligible
// 20, denominator 14, numerator 4 + 2 + 5 = 11 (B answered 5 1 4), coverage 0.7.
//
// NorSpis bmi_normalised (EDE-Q BMI under 18.5 at start, at least 18.5 at slutt; iso-BMI under 18 from
// the enrolment's birth month and sex), unit A, start answered 2026-01-10, slutt 2026-05-10 (2026-Q2).
// Ages from the birth month's 15th; iso-BMI and the BMI that corresponds to 18.5 (IOTF cut-off) by
// core's isoBmi and iotfCutOff:
//   P1 girl born 2012-03, 13.82 → 14.15 years, BMI 16.0 → 17.5: iso-BMI 17.71 → 19.06 (cut-off 16.76,
//      16.95): under, then reached — met.
//   P2 woman born 1990-01, the same BMIs: 16.0 → 17.5 as they are — counted, not met.
//   P3 no birth month or sex, 16.0 → 17.5: compared on BMI — counted, not met.
//   P4 no birth month or sex, 17.0 → 18.6 — met.
//   P5 boy born 2011-09, 14.32 → 14.65 years, BMI 17.0 → 17.2: iso-BMI 18.95 → 18.95 (cut-off 16.58):
//      not under 18.5 at start, so left out (on BMI alone he would count, not met).
//   P6 girl born 2010-02, 15.90 → 16.23 years, BMI 17.0 → 18.3: iso-BMI 17.63 → 18.82 — met.
// Eligible 6, denominator 5, numerator 3 (P1, P4, P6), Wilson 3/5 as above: 0.2307 to 0.8824. Without
// the register's data the same answers give denominator 6, numerator 1 (P4 only).
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { OrderRecord, SubmissionRecord } from '../../src/server/store/store.js';
import { startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

let made = 0;

interface Answered {
  timePoint: string;
  questionnaire: string;
  answers?: Record<string, unknown>;
  scores?: Record<string, unknown>;
}

/** A patient enrolled at a unit, due at the windows given (opened then), with answers at some. */
async function patient(
  unit: string,
  planKey: string,
  windows: { timePoint: string; opensAt: string; answered?: Answered }[],
  subject: { birthMonth?: string; sex?: 'female' | 'male' } = {},
) {
  const { store } = register;
  const id = `e-${++made}`;
  await store.insertPlanEnrolment({
    id,
    patientRef: `pseudo-${made}`,
    unit,
    planKey,
    planHash: 'sha256-plan',
    language: 'nb',
    settings: {},
    enrolledAt: '2026-01-05T08:00:00.000Z',
    createdAt: '2026-01-05T08:00:00.000Z',
    pausedAt: null,
    endedAt: null,
    contactId: null,
    birthMonth: subject.birthMonth ?? null,
    sex: subject.sex ?? null,
  });
  for (const window of windows) {
    const orderId = `${id}-${window.timePoint}`;
    const order: OrderRecord = {
      id: orderId,
      patientRef: `pseudo-${made}`,
      measurementPoint: window.timePoint,
      questionnaires: [{ key: `${window.answered?.questionnaire ?? 'cia'}@1`, hash: 'sha256-q' }],
      validFrom: window.opensAt,
      validUntil: '2026-12-31T00:00:00.000Z',
      createdAt: window.opensAt,
      codeHash: `code-${orderId}`,
      encryptionKid: 'kid',
      unit,
      deviceKey: null,
      deviceThumbprint: null,
      claimedAt: null,
      releasedAt: null,
      cancelledAt: null,
    };
    await store.insertOrder(order);
    await store.insertPlanOrder({
      enrolmentId: id,
      timePoint: window.timePoint,
      occurrence: 1,
      orderId,
      outcome: 'ordered',
      opensAt: window.opensAt,
      closesAt: '2026-12-31T00:00:00.000Z',
      recordedAt: window.opensAt,
    });
    if (!window.answered) continue;
    const submission: SubmissionRecord = {
      submissionId: `${orderId}-s`,
      orderId,
      definitionKey: `${window.answered.questionnaire}@1`,
      definitionHash: 'sha256-q',
      token: 't',
      tokenHash: `sha256-t-${orderId}`,
      payloadHash: `sha256-p-${orderId}`,
      deviceThumbprint: null,
      deviceKey: null,
      answers: window.answered.answers ?? {},
      scores: window.answered.scores ?? null,
      deviceScores: null,
      noticesShown: [],
      language: 'nb',
      startedAt: window.opensAt,
      completedAt: window.opensAt,
      appVersion: 'test',
      receivedAt: window.opensAt,
      receipt: 'r',
    };
    await store.insertSubmission(submission);
  }
}

const cia = (timePoint: string, global: number): Answered => ({
  timePoint,
  questionnaire: 'cia',
  scores: { global: { status: 'score', value: global } },
});

interface Group {
  unit: string | null;
  period: string;
  isSuppressed: boolean;
  eligible: number | null;
  denominator: number | null;
  numerator: number | null;
  rate: number | null;
  interval: { low: number; high: number } | null;
  coverage: number | null;
  isLowCoverage: boolean;
}

async function groupsOf(query: string, indicator: string): Promise<Group[]> {
  const response = await register.staff('GET', `/api/indicators.json?${query}`);
  expect(response.status).toBe(200);
  const indicators = response.json.indicators as { id: string; groups: Group[] }[];
  return indicators.find((found) => found.id === indicator)?.groups ?? [];
}

test('NorSpis: CIA improved by at least 7 from start to end, with its Wilson interval and coverage', async () => {
  const pairs = [
    [30, 20],
    [25, 19],
    [20, 13],
    [40, 35],
    [18, 10],
  ];
  for (const [start = 0, end = 0] of pairs)
    await patient('A', 'norspis@1', [
      { timePoint: 'start', opensAt: '2026-01-10T08:00:00.000Z', answered: cia('start', start) },
      { timePoint: 'slutt', opensAt: '2026-05-10T08:00:00.000Z', answered: cia('slutt', end) },
    ]);
  await patient('A', 'norspis@1', [
    { timePoint: 'start', opensAt: '2026-01-10T08:00:00.000Z', answered: cia('start', 33) },
    { timePoint: 'slutt', opensAt: '2026-05-10T08:00:00.000Z' },
  ]);
  const [unitA, together, ...rest] = await groupsOf('register=norspis&period=quarter', 'cia_improved');
  expect(rest).toEqual([]);
  expect(unitA).toMatchObject({ unit: 'A', period: '2026-Q2', isSuppressed: false, eligible: 6, denominator: 5, numerator: 3 });
  expect(unitA?.rate).toBeCloseTo(0.6, 10);
  expect(unitA?.coverage).toBeCloseTo(5 / 6, 10);
  expect(unitA?.isLowCoverage).toBe(false);
  expect(unitA?.interval?.low).toBeCloseTo(0.2307, 4);
  expect(unitA?.interval?.high).toBeCloseTo(0.8824, 4);
  expect(together).toMatchObject({ unit: null, eligible: 6, denominator: 5, numerator: 3 });
});

test('KVARUS: benefit at the first measurement point; a group under five is suppressed, coverage under 60% marked; CSV says the same', async () => {
  const benefit = (value: number): Answered => ({
    timePoint: 'malepunkt',
    questionnaire: 'kvarus-malepunkt',
    answers: { eval_benefit: { value } },
  });
  const due = async (unit: string, answers: (number | null)[]) => {
    for (const value of answers)
      await patient(unit, 'kvarus@1', [
        { timePoint: 'malepunkt', opensAt: '2026-03-02T08:00:00.000Z', ...(value === null ? {} : { answered: benefit(value) }) },
      ]);
  };
  await due('A', [5, 4, 4, 3, 2, 5, null]);
  await due('B', [5, 1, 4]);
  await due('C', [4, 4, 4, 4, 4, null, null, null, null, null]);
  const groups = await groupsOf('register=kvarus&period=year', 'benefit_first_point');
  const byUnit = new Map(groups.map((group) => [group.unit, group]));
  expect(groups.map((group) => [group.unit, group.period])).toEqual([
    ['A', '2026'],
    ['B', '2026'],
    ['C', '2026'],
    [null, '2026'],
  ]);
  expect(byUnit.get('A')).toMatchObject({ eligible: 7, denominator: 6, numerator: 4, isLowCoverage: false });
  expect(byUnit.get('A')?.interval?.low).toBeCloseTo(0.3, 4);
  expect(byUnit.get('A')?.interval?.high).toBeCloseTo(0.9032, 4);
  expect(byUnit.get('B')).toEqual({
    unit: 'B',
    period: '2026',
    isSuppressed: true,
    eligible: null,
    denominator: null,
    numerator: null,
    rate: null,
    interval: null,
    coverage: null,
    isLowCoverage: false,
  });
  expect(byUnit.get('C')).toMatchObject({ eligible: 10, denominator: 5, numerator: 5, coverage: 0.5, isLowCoverage: true });
  expect(byUnit.get(null)).toMatchObject({ eligible: 20, denominator: 14, numerator: 11, coverage: 0.7, isLowCoverage: false });

  expect(await groupsOf('register=kvarus&period=year&unit=C', 'benefit_first_point')).toMatchObject([
    { unit: 'C', numerator: 5 },
    { unit: null, numerator: 5 },
  ]);
  expect(await groupsOf('register=kvarus&period=year&from=2027', 'benefit_first_point')).toEqual([]);

  const csv = await register.staff('GET', '/api/indicators.csv?register=kvarus&period=year');
  expect(csv.status).toBe(200);
  expect(csv.body.split('\r\n')).toEqual([
    'register,indicator,unit,period,eligible,denominator,numerator,rate,ci_low,ci_high,coverage,low_coverage',
    'kvarus,benefit_first_point,A,2026,7,6,4,0.667,0.300,0.903,0.857,false',
    'kvarus,benefit_first_point,B,2026,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5,false',
    'kvarus,benefit_first_point,C,2026,10,5,5,1.000,0.566,1.000,0.500,true',
    'kvarus,benefit_first_point,all units,2026,20,14,11,0.786,0.524,0.924,0.700,false',
    '',
  ]);
});

test('NorSpis: BMI from under to at least 18.5 compares iso-BMI under 18 from the enrolment, BMI as it is without it', async () => {
  const bmi = (timePoint: string, value: number): Answered => ({
    timePoint,
    questionnaire: 'ede-q',
    scores: { bmi: { status: 'score', value } },
  });
  const pairs: [number, number, { birthMonth?: string; sex?: 'female' | 'male' }][] = [
    [16.0, 17.5, { birthMonth: '2012-03', sex: 'female' }],
    [16.0, 17.5, { birthMonth: '1990-01', sex: 'female' }],
    [16.0, 17.5, {}],
    [17.0, 18.6, {}],
    [17.0, 17.2, { birthMonth: '2011-09', sex: 'male' }],
    [17.0, 18.3, { birthMonth: '2010-02', sex: 'female' }],
  ];
  const ids: string[] = [];
  for (const [start, end, subject] of pairs) {
    await patient(
      'A',
      'norspis@1',
      [
        { timePoint: 'start', opensAt: '2026-01-10T08:00:00.000Z', answered: bmi('start', start) },
        { timePoint: 'slutt', opensAt: '2026-05-10T08:00:00.000Z', answered: bmi('slutt', end) },
      ],
      subject,
    );
    ids.push(`e-${made}`);
  }
  const [unitA, together, ...rest] = await groupsOf('register=norspis&period=quarter', 'bmi_normalised');
  expect(rest).toEqual([]);
  expect(unitA).toMatchObject({ unit: 'A', period: '2026-Q2', isSuppressed: false, eligible: 6, denominator: 5, numerator: 3 });
  expect(unitA?.interval?.low).toBeCloseTo(0.2307, 4);
  expect(unitA?.interval?.high).toBeCloseTo(0.8824, 4);
  expect(together).toMatchObject({ unit: null, eligible: 6, denominator: 5, numerator: 3 });

  // Staff remove the register's data through the API: every patient is compared on BMI as it is.
  for (const id of ids)
    expect((await register.staff('POST', `/api/plan-enrolments/${id}/subject`, { birthMonth: null, sex: null })).status).toBe(200);
  expect((await groupsOf('register=norspis&period=quarter', 'bmi_normalised'))[0]).toMatchObject({
    eligible: 6,
    denominator: 6,
    numerator: 1,
  });
});
