// Staff's plan enrolments through the API: enrolling, events, pausing, resuming and ending, and the
// refusals (counted for the reliability report); the scheduler at the days daylight saving begins and ends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/core/plans/parse-plan.js';
import { projectRoot } from '../core/fixtures.js';
import { planEnrolmentResponse } from '../../src/core/index.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { enrol, ordersOf, recordEvent, register, runDaily, usePlanRegister } from './plan-fixture.js';
import { staffToken } from './setup.js';

usePlanRegister();

const refused = (name: string, response: { status: number; json: Record<string, unknown> }, status: number, code: string) =>
  expectCountedRefusal('plans', name, response, status, code);

const windowsOf = async (id: string) => {
  const listed = await register.staff('GET', '/api/plan-enrolments');
  const found = (listed.json as { enrolments: { id: string; windows: { timePoint: string; outcome: string }[] }[] }).enrolments;
  return found.find((e) => e.id === id)?.windows.map((w) => [w.timePoint, w.outcome]);
};

describe('enrolling in a plan', () => {
  it('pins the plan version and hash, keeps the settings and language, and lists by patient and unit', async () => {
    const enrolment = await enrol({ patientRef: 'p-1', plan: 'kvarus', settings: { interval: { weeks: 8 } }, language: 'nn' });
    expect(enrolment).toMatchObject({
      patientRef: 'p-1',
      plan: 'kvarus@2',
      unit: 'unit-a',
      language: 'nn',
      settings: { interval: { weeks: 8 } },
    });
    expect(enrolment.pausedAt).toBeNull();
    await enrol({ patientRef: 'p-2', plan: 'ect', unit: 'unit-b' });
    const byUnit = await register.staff('GET', '/api/plan-enrolments?unit=unit-b');
    expect((byUnit.json as { enrolments: { patientRef: string }[] }).enrolments.map((e) => e.patientRef)).toEqual(['p-2']);
    const byPatient = await register.staff('GET', '/api/plan-enrolments?patientRef=p-1');
    expect((byPatient.json as { enrolments: { id: string }[] }).enrolments.map((e) => e.id)).toEqual([enrolment.id]);
  });

  it('refuses what does not fit: an unknown plan, settings the plan does not have or allow, a national id, no staff token', async () => {
    const body = { patientRef: 'p-1', plan: 'kvarus', unit: 'unit-a', language: 'nb' };
    refused('unknown plan', await register.staff('POST', '/api/plan-enrolments', { ...body, plan: 'nope' }), 400, 'unknownPlan');
    refused(
      'unknown setting',
      await register.staff('POST', '/api/plan-enrolments', { ...body, settings: { speed: { days: 1 } } }),
      400,
      'badRequest',
    );
    refused(
      'setting out of range',
      await register.staff('POST', '/api/plan-enrolments', { ...body, settings: { interval: { days: 1 } } }),
      400,
      'badRequest',
    );
    refused('language', await register.staff('POST', '/api/plan-enrolments', { ...body, language: 'sv' }), 400, 'badRequest');
    refused(
      'national id as patient reference',
      await register.staff('POST', '/api/plan-enrolments', { ...body, patientRef: '01017012345' }),
      400,
      'patientRefLooksLikeNationalId',
    );
    refused('without the staff token', await register.post('/api/plan-enrolments', body), 401, 'unauthorized');
    const wrongToken = await register.post('/api/plan-enrolments', body, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}x` },
    });
    refused('with a wrong staff token', wrongToken, 401, 'unauthorized');
    expect((await register.staff('GET', '/api/plan-enrolments')).json).toEqual({ enrolments: [] });
  });

  it('refuses events the plan does not have, on an enrolment that does not exist or has ended', async () => {
    const { id } = await enrol({ patientRef: 'p-1', plan: 'ect' });
    const at = '2026-02-01T10:00:00Z';
    refused(
      'unknown event',
      await register.staff('POST', `/api/plan-enrolments/${id}/events`, { name: 'discharged', at }),
      400,
      'badRequest',
    );
    refused(
      'unknown enrolment',
      await register.staff('POST', '/api/plan-enrolments/nope/events', { name: 'ectSeriesEnded', at }),
      404,
      'notFound',
    );
    refused('pause unknown enrolment', await register.staff('POST', '/api/plan-enrolments/nope/pause'), 404, 'notFound');
    const ended = await register.staff('POST', `/api/plan-enrolments/${id}/end`);
    expect(planEnrolmentResponse.parse(ended.json).enrolment.endedAt).not.toBeNull();
    refused(
      'event after the end',
      await register.staff('POST', `/api/plan-enrolments/${id}/events`, { name: 'ectSeriesEnded', at }),
      409,
      'planEnrolmentEnded',
    );
    refused('pause after the end', await register.staff('POST', `/api/plan-enrolments/${id}/pause`), 409, 'planEnrolmentEnded');
    refused('resume after the end', await register.staff('POST', `/api/plan-enrolments/${id}/resume`), 409, 'planEnrolmentEnded');
  });
});

describe('a plan published in a new version', () => {
  it("an enrolment made under the older version keeps following it (kept as <id>-<version>.json): its orders ask that version's questionnaires", async () => {
    const text = readFileSync(join(projectRoot, 'questionnaires/plans/norspis-1.json'), 'utf8');
    const older = parsePlan(JSON.parse(text), { definitionKeys: new Set(['ede-q@6.0', 'cia@3.0', 'norspis-outcome@1']) });
    if (!older.ok) throw new Error('norspis-1.json is not a valid plan');
    await register.store.insertPlanEnrolment({
      id: 'e-older',
      patientRef: 'p-older',
      unit: 'unit-a',
      planKey: older.key,
      planHash: older.hash,
      language: 'nb',
      settings: {},
      enrolledAt: '2027-01-11T08:00:00.000Z',
      createdAt: '2027-01-11T08:00:00.000Z',
      pausedAt: null,
      endedAt: null,
      contactId: null,
    });
    await enrol({ patientRef: 'p-newer', plan: 'norspis', enrolledAt: '2027-01-11T08:00:00Z' });
    await runDaily('2027-01-11', '2027-01-11');
    expect((await ordersOf('p-older')).map((order) => order.questionnaires)).toEqual([['ede-q@6.0', 'cia@3.0']]);
    expect((await ordersOf('p-newer')).map((order) => order.questionnaires)).toEqual([['ede-q@6.0.1', 'cia@3.0.1']]);
  });
});

describe('pausing and ending', () => {
  it('a paused enrolment makes nothing new; on resuming, windows that closed meanwhile are recorded as paused, not missed', async () => {
    const { id } = await enrol({ patientRef: 'p-1', plan: 'ect', enrolledAt: '2026-01-05T08:00:00Z' });
    await runDaily('2026-01-05', '2026-01-05');
    const paused = await register.staff('POST', `/api/plan-enrolments/${id}/pause`);
    expect(planEnrolmentResponse.parse(paused.json).enrolment.pausedAt).not.toBeNull();
    await recordEvent(id, 'ectSeriesEnded', '2026-01-08T12:00:00Z');
    expect(await runDaily('2026-01-06', '2026-08-31')).toEqual({ ordered: 0, missed: 0 });
    expect((await ordersOf('p-1')).map((o) => o.point)).toEqual(['for-serie']);
    // Resumed today (the register's own clock, after every window of this 2026 course has closed).
    const resumed = await register.staff('POST', `/api/plan-enrolments/${id}/resume`);
    expect(planEnrolmentResponse.parse(resumed.json).enrolment.pausedAt).toBeNull();
    expect(await windowsOf(id)).toEqual([
      ['for-serie', 'ordered'],
      ['etter-serie', 'paused'],
      ['oppfolging-6m', 'paused'],
    ]);
    expect(await runDaily('2026-09-01', '2026-09-30')).toEqual({ ordered: 0, missed: 0 });
  });

  it('an ended enrolment stops: no order after the end, and the orders made stay', async () => {
    const { id } = await enrol({ patientRef: 'p-1', plan: 'kvarus', enrolledAt: '2026-01-05T08:00:00Z' });
    await runDaily('2026-01-05', '2026-01-10');
    await register.staff('POST', `/api/plan-enrolments/${id}/end`);
    expect(await runDaily('2026-01-11', '2026-06-30')).toEqual({ ordered: 0, missed: 0 });
    expect((await ordersOf('p-1')).map((o) => o.point)).toEqual(['basis']);
    expect(await windowsOf(id)).toEqual([['basis', 'ordered']]);
  });
});

describe('the days daylight saving begins and ends (Oslo days)', () => {
  it('enrolled on 27 March 2027: the basis window opens at 00:00 Oslo (UTC+1) and closes at 00:00 Oslo in summer time (UTC+2)', async () => {
    await enrol({ patientRef: 'p-1', plan: 'kvarus', enrolledAt: '2027-03-27T09:00:00Z' });
    expect((await register.runScheduler(new Date('2027-03-26T22:59:59Z'))).ordered).toBe(0);
    expect((await register.runScheduler(new Date('2027-03-26T23:00:00Z'))).ordered).toBe(1);
    const [basis] = await ordersOf('p-1');
    expect([basis?.validFrom, basis?.validUntil]).toEqual(['2027-03-26T23:00:00.000Z', '2027-04-10T22:00:00.000Z']);
  });

  it('enrolled on 30 October 2027: the ECT window opens at 00:00 Oslo (UTC+2) and closes at 00:00 Oslo in winter time (UTC+1)', async () => {
    await enrol({ patientRef: 'p-1', plan: 'ect', enrolledAt: '2027-10-30T09:00:00Z' });
    expect((await register.runScheduler(new Date('2027-10-29T21:59:59Z'))).ordered).toBe(0);
    expect((await register.runScheduler(new Date('2027-10-29T22:00:00Z'))).ordered).toBe(1);
    // Three Oslo days, one of them 25 hours long.
    const [before] = await ordersOf('p-1');
    expect([before?.validFrom, before?.validUntil]).toEqual(['2027-10-29T22:00:00.000Z', '2027-11-01T23:00:00.000Z']);
    expect(await runDaily('2027-10-30', '2027-11-05')).toEqual({ ordered: 0, missed: 0 });
  });
});
