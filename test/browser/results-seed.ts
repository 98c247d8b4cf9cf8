// Results for the console's browser tests, written into the running register's SQLite database as
// the register itself writes them: shipped definitions, answers scored by the register's own
// computeScores, and alerts raised by its own raiseAlerts (the receive path, sealed with jose, is
// tested in test/server; here the screens that show what arrived are).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { computeScores, type Answers, type ParsedDefinition } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { raiseAlerts } from '../../src/server/alerts.js';
import { openSqliteStore } from '../../src/server/store/kysely-store.js';
import type { RegisterStore, SubmissionRecord } from '../../src/server/store/store.js';
import type { RunningServer } from './harness.js';

async function shipped(file: string): Promise<ParsedDefinition> {
  const parsed = parseDefinition(JSON.parse(await readFile(path.resolve('questionnaires', file), 'utf8')));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return parsed;
}

async function withStore<T>(server: Pick<RunningServer, 'dataDir'>, work: (store: RegisterStore) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(path.join(server.dataDir, 'register.sqlite'));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function submission(orderId: string, parsed: ParsedDefinition, answers: Answers, completedAt: string): SubmissionRecord {
  const submissionId = randomUUID();
  return {
    ...{ submissionId, orderId, definitionKey: parsed.key, definitionHash: parsed.hash },
    ...{ token: 'sealed', tokenHash: `sha256-t-${submissionId}`, payloadHash: `sha256-p-${submissionId}` },
    ...{ deviceThumbprint: null, deviceKey: null, answers, scores: computeScores(parsed.definition, answers), deviceScores: null },
    ...{ noticesShown: [], language: 'nb', startedAt: completedAt, completedAt, appVersion: 'test' },
    ...{ receivedAt: completedAt, receipt: 'receipt' },
  };
}

/** Every CIA item answered with the same step (0–3): the global score is 16 × step. */
const ciaAll = (step: number): Answers => Object.fromEntries(Array.from({ length: 16 }, (_v, i) => [`q${i + 1}`, { value: step }]));

interface Window {
  timePoint: 'start' | 'slutt';
  opensAt: string;
  /** The CIA step answered in the window; not answered when absent. */
  step?: number;
}

/** A patient enrolled in NorSpis at a unit, due at the windows given (the scheduler's rows), with CIA answers at some. */
async function norspisPatient(store: RegisterStore, cia: ParsedDefinition, unit: string, patientRef: string, windows: Window[]) {
  const id = randomUUID();
  const enrolledAt = '2026-01-05T08:00:00.000Z';
  await store.insertPlanEnrolment({
    ...{ id, patientRef, unit, planKey: 'norspis@1', planHash: 'sha256-plan', language: 'nb', settings: {} },
    ...{ enrolledAt, createdAt: enrolledAt, pausedAt: null, endedAt: null, contactId: null },
  });
  for (const window of windows) {
    const orderId = randomUUID();
    await store.insertOrder({
      ...{ id: orderId, patientRef, measurementPoint: window.timePoint, questionnaires: [{ key: cia.key, hash: cia.hash }] },
      ...{ validFrom: window.opensAt, validUntil: '2026-12-31T00:00:00.000Z', createdAt: window.opensAt, codeHash: `code-${orderId}` },
      ...{ encryptionKid: 'kid', unit, deviceKey: null, deviceThumbprint: null, claimedAt: null, releasedAt: null, cancelledAt: null },
    });
    await store.insertPlanOrder({
      ...{ enrolmentId: id, timePoint: window.timePoint, occurrence: 1, orderId, outcome: 'ordered' },
      ...{ opensAt: window.opensAt, closesAt: '2026-12-31T00:00:00.000Z', recordedAt: window.opensAt },
    });
    if (window.step !== undefined) await store.insertSubmission(submission(orderId, cia, ciaAll(window.step), window.opensAt));
  }
}

export const norspisUnits = { shown: 'Poliklinikk A', suppressed: 'Poliklinikk B' } as const;

/**
 * NorSpis "CIA improved by at least 7", 2026-Q2 (the end of treatment): at Poliklinikk A six patients
 * due at the end, five answered both times, 32→16, 32→16, 48→32 (met), 16→16 and 32→32 (not met):
 * 3 of 5, share 0.60, Wilson 95% 0.23 to 0.88, coverage 5/6. At Poliklinikk B three answered both
 * times: fewer than five, suppressed. Every unit together: 8 answered, 9 due.
 */
export async function seedNorspis(server: Pick<RunningServer, 'dataDir'>): Promise<void> {
  const cia = await shipped('cia-3.0.1.json');
  const start = '2026-01-12T08:00:00.000Z';
  const end = '2026-05-11T08:00:00.000Z';
  const pairs: [string, number, number | undefined][] = [
    [norspisUnits.shown, 2, 1],
    [norspisUnits.shown, 2, 1],
    [norspisUnits.shown, 3, 2],
    [norspisUnits.shown, 1, 1],
    [norspisUnits.shown, 2, 2],
    [norspisUnits.shown, 2, undefined],
    [norspisUnits.suppressed, 2, 1],
    [norspisUnits.suppressed, 2, 2],
    [norspisUnits.suppressed, 1, 0],
  ];
  await withStore(server, async (store) => {
    let n = 0;
    for (const [unit, first, last] of pairs)
      await norspisPatient(store, cia, unit, `N-${++n}`, [
        { timePoint: 'start', opensAt: start, step: first },
        { timePoint: 'slutt', opensAt: end, ...(last === undefined ? {} : { step: last }) },
      ]);
  });
}

/**
 * A patient's MADRS-S self-rating three times, six, four and two weeks ago (totals 30, 18 and 9), the
 * last answering item 9 with 3: the register's alert for the unit. Orders made through the staff API.
 */
export async function seedMadrsCourse(server: RunningServer, patientRef: string, unit: string): Promise<void> {
  const madrs = await shipped('ect-madrs-s-2.json');
  const answered = [
    { weeksAgo: 6, values: [4, 4, 3, 4, 3, 3, 4, 3, 2] },
    { weeksAgo: 4, values: [2, 2, 2, 2, 2, 2, 2, 2, 2] },
    { weeksAgo: 2, values: [1, 1, 1, 1, 1, 0, 0, 1, 3] },
  ];
  const stored: SubmissionRecord[] = [];
  for (const { weeksAgo, values } of answered) {
    const created = await server.staff('POST', '/api/orders', {
      patientRef,
      questionnaires: [madrs.key],
      measurementPoint: 'basis',
      unit,
      validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    if (created.status !== 201) throw new Error(`the order was not created: ${created.status}`);
    const { order } = created.json as { order: { id: string } };
    const answers = Object.fromEntries(values.map((value, i) => [`q${i + 1}`, { value }]));
    stored.push(submission(order.id, madrs, answers, new Date(Date.now() - weeksAgo * 7 * 86_400_000).toISOString()));
  }
  await withStore(server, async (store) => {
    for (const record of stored) {
      if (!(await store.insertSubmission(record))) throw new Error('the submission was not stored');
      await raiseAlerts({ store, definitionFor: async () => madrs, addresses: new Map(), now: () => new Date() }, record);
    }
  });
}
