// Whole courses of treatment on an injected clock, on the store the project runs (SQLite or
// PostgreSQL): every order the scheduler makes, with its time point and its window in Oslo days.
import { describe, expect, it } from 'vitest';
import { enrol, ordersOf, recordEvent, register, runDaily, usePlanRegister } from './plan-fixture.js';

usePlanRegister();

describe('the scheduler over a whole course', () => {
  it('makes each KVARUS order once, when its window opens: basis, measurement points every six weeks until discharge, closing and follow-up (18 months)', async () => {
    // Enrolled 15 January 2027 at 10:00 Oslo (winter time, UTC+1); discharged 15 July 2027 (summer time, UTC+2).
    const { id } = await enrol({ patientRef: 'kv-1', plan: 'kvarus', enrolledAt: '2027-01-15T09:00:00Z' });
    const totals = await runDaily('2027-01-15', '2028-08-31', async (day) => {
      if (day.toISOString().startsWith('2027-07-15')) await recordEvent(id, 'discharged', '2027-07-15T08:00:00Z');
    });
    const orders = await ordersOf('kv-1');
    expect(orders.map(({ point, validFrom, validUntil }) => [point, validFrom, validUntil])).toEqual([
      // Open from 00:00 Oslo on the due day through the 14-day answer window (to 00:00 the day after its last day).
      ['basis', '2027-01-14T23:00:00.000Z', '2027-01-29T23:00:00.000Z'],
      ['malepunkt', '2027-02-25T23:00:00.000Z', '2027-03-12T23:00:00.000Z'],
      // 9 April is summer time: midnight Oslo is 22:00 UTC.
      ['malepunkt', '2027-04-08T22:00:00.000Z', '2027-04-23T22:00:00.000Z'],
      ['malepunkt', '2027-05-20T22:00:00.000Z', '2027-06-04T22:00:00.000Z'],
      ['malepunkt', '2027-07-01T22:00:00.000Z', '2027-07-16T22:00:00.000Z'],
      // Closing: opens seven days before discharge (ordered on the run after discharge is recorded), 14 days after.
      ['avslutning', '2027-07-07T22:00:00.000Z', '2027-07-29T22:00:00.000Z'],
      // Follow-up a year after discharge, from 14 days before to 30 days after.
      ['oppfolging-12m', '2028-06-30T22:00:00.000Z', '2028-08-14T22:00:00.000Z'],
    ]);
    expect(totals).toEqual({ ordered: 7, missed: 0 });
    // Each made on the first run after its window opened (a daily run at 05:00 UTC), never before.
    for (const order of orders) {
      expect(order.createdAt >= order.validFrom).toBe(true);
      expect(order.createdAt < order.validUntil).toBe(true);
    }
    expect(orders.find((o) => o.point === 'basis')?.createdAt).toBe('2027-01-15T05:00:00.000Z');
    // Discharge recorded before the day's run: the closing order is made that morning.
    expect(orders.find((o) => o.point === 'avslutning')?.createdAt).toBe('2027-07-15T05:00:00.000Z');
    expect(orders.find((o) => o.point === 'oppfolging-12m')?.createdAt).toBe('2028-07-01T05:00:00.000Z');
    expect(orders[0]?.questionnaires).toEqual(['kvarus-basis@2']);
    // The enrolment lists each window with its order.
    const listed = await register.staff('GET', '/api/plan-enrolments?patientRef=kv-1');
    const [enrolment] = (listed.json as { enrolments: { windows: { outcome: string; orderId: string | null }[] }[] }).enrolments;
    expect(enrolment?.windows.map((w) => w.outcome)).toEqual(Array(7).fill('ordered'));
    // Running again changes nothing.
    expect((await register.runScheduler(new Date('2028-09-01T05:00:00Z'))).ordered).toBe(0);
    expect(await ordersOf('kv-1')).toHaveLength(7);
  }, 60_000);

  it('runs an ECT course: before the series, in the week after it and six months later, with orders listed as expired once their windows close', async () => {
    // In 2026, so that the listing's own clock (today) sees every window closed.
    const { id } = await enrol({ patientRef: 'ect-1', plan: 'ect', unit: 'ect-unit', enrolledAt: '2026-01-05T07:30:00Z' });
    const totals = await runDaily('2026-01-05', '2026-09-15', async (day) => {
      if (day.toISOString().startsWith('2026-02-20')) await recordEvent(id, 'ectSeriesEnded', '2026-02-20T12:00:00Z');
    });
    expect(
      (await ordersOf('ect-1')).map(({ point, validFrom, validUntil, questionnaires }) => [point, validFrom, validUntil, questionnaires]),
    ).toEqual([
      ['for-serie', '2026-01-04T23:00:00.000Z', '2026-01-07T23:00:00.000Z', ['ect-madrs-s@2']],
      ['etter-serie', '2026-02-20T23:00:00.000Z', '2026-02-27T23:00:00.000Z', ['ect-madrs-s@2', 'ect-oppfolging@1']],
      // Due 20 August (six months after the series), from 13 August through 10 September (summer time).
      ['oppfolging-6m', '2026-08-12T22:00:00.000Z', '2026-09-10T22:00:00.000Z', ['ect-madrs-s@2', 'ect-oppfolging@1']],
    ]);
    expect(totals).toEqual({ ordered: 3, missed: 0 });
    const listed = await register.staff('GET', '/api/orders?patientRef=ect-1');
    expect((listed.json as { orders: { state: string }[] }).orders.map((o) => o.state)).toEqual(['expired', 'expired', 'expired']);
  }, 60_000);
});
