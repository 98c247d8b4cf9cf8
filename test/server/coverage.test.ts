// Coverage of the plans' windows per unit, plan, time point and period, on both stores: orders made,
// claimed, completed and expired, windows missed, the response rate, and groups of fewer than five
// patients shown without counts.
import { describe, expect, it } from 'vitest';
import { coverageResponse } from '../../src/core/index.js';
import { enrol, register, runDaily, usePlanRegister } from './plan-fixture.js';
import { newDevice } from './setup.js';

usePlanRegister();

/** A submission stored for the order's one questionnaire, as receiving a sealed one would (receiving is tested on its own). */
async function complete(orderId: string, definitionKey: string) {
  const at = '2026-01-13T10:00:00.000Z';
  await register.store.insertSubmission({
    submissionId: `s-${orderId}`,
    orderId,
    definitionKey,
    definitionHash: 'sha256-test',
    token: 'sealed',
    tokenHash: 'sha256-token',
    payloadHash: 'sha256-payload',
    deviceThumbprint: null,
    deviceKey: null,
    answers: {},
    scores: null,
    deviceScores: null,
    noticesShown: [],
    language: 'nb',
    startedAt: at,
    completedAt: at,
    appVersion: 'test',
    receivedAt: at,
    receipt: 'receipt',
  });
}

/** Six ECT patients at unit-a (one enrolled while the scheduler was down), two at unit-b; two claims and one completion. */
async function course() {
  for (let n = 0; n < 5; n++) await enrol({ patientRef: `a-${n}`, plan: 'ect', enrolledAt: '2026-01-12T08:00:00Z' });
  await enrol({ patientRef: 'a-5', plan: 'ect', enrolledAt: '2026-01-05T08:00:00Z' });
  for (let n = 0; n < 2; n++) await enrol({ patientRef: `b-${n}`, plan: 'ect', unit: 'unit-b', enrolledAt: '2026-01-12T08:00:00Z' });
  await runDaily('2026-01-12', '2026-01-20');
  const device = await newDevice();
  const orderOf = async (patientRef: string) => (await register.store.listOrders({ patientRef }))[0]?.id ?? '';
  for (const patientRef of ['a-0', 'a-1'])
    await register.store.claimOrder(await orderOf(patientRef), device.publicJwk, device.thumbprint, '2026-01-12T09:00:00.000Z');
  await complete(await orderOf('a-0'), 'ect-madrs-s@2');
}

describe('coverage', () => {
  it('counts per unit, plan, time point and month, and shows a group of fewer than five patients as "fewer than 5"', async () => {
    await course();
    const response = await register.staff('GET', '/api/coverage.json');
    expect(response.status).toBe(200);
    const { period, groups } = coverageResponse.parse(response.json);
    expect(period).toBe('month');
    expect(groups).toEqual([
      {
        unit: 'unit-a',
        plan: 'ect@2',
        timePoint: 'for-serie',
        period: '2026-01',
        isSuppressed: false,
        patients: 6,
        windows: 6,
        created: 5,
        claimed: 2,
        completed: 1,
        // Every unanswered window of January 2026 has closed by today.
        expired: 4,
        missed: 1,
        responseRate: 1 / 6,
        // No contact details here: no invitations (see scheduler-messages.test.ts).
        invitationsSent: 0,
        completedAfterReminder: 0,
      },
      {
        unit: 'unit-b',
        plan: 'ect@2',
        timePoint: 'for-serie',
        period: '2026-01',
        isSuppressed: true,
        patients: null,
        windows: null,
        created: null,
        claimed: null,
        completed: null,
        expired: null,
        missed: null,
        responseRate: null,
        invitationsSent: null,
        completedAfterReminder: null,
      },
    ]);
  });

  it('gives the same as CSV, by quarter, with the suppressed counts written out', async () => {
    await course();
    const response = await register.staff('GET', '/api/coverage.csv?period=quarter');
    expect(response.status).toBe(200);
    expect(response.body.split('\r\n')).toEqual([
      'unit,plan,timePoint,period,patients,windows,created,claimed,completed,expired,missed,responseRate,invitationsSent,completedAfterReminder',
      'unit-a,ect@2,for-serie,2026-Q1,6,6,5,2,1,4,1,0.167,0,0',
      `unit-b,ect@2,for-serie,2026-Q1,${Array(10).fill('fewer than 5').join(',')}`,
      '',
    ]);
  });

  it('counts only the units the caller may see', async () => {
    await course();
    expect((await register.register.coverage('year', ['unit-b'])).map((g) => [g.unit, g.period, g.isSuppressed])).toEqual([
      ['unit-b', '2026', true],
    ]);
    expect(await register.register.coverage('year', [])).toEqual([]);
  });
});
