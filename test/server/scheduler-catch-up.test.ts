// The scheduler after downtime and with two registers over one database: windows that closed while
// it was down are recorded as missed (never ordered late), those still open are ordered on the first
// run; and racing runs make each order exactly once.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.js';
import { startTestRegister } from './setup.js';
import { enrol, ordersOf, recordEvent, register, restartRegister, runDaily, usePlanRegister } from './plan-fixture.js';

usePlanRegister();

describe('catching up after downtime', () => {
  it('after a week down, a window that opened and closed meanwhile is missed and one still open is ordered at restart', async () => {
    const { id } = await enrol({ patientRef: 'p-1', plan: 'ect', enrolledAt: '2027-01-05T08:00:00Z' });
    // Down from 4 January to 11 January: the register takes requests again only at the end.
    await restartRegister();
    await recordEvent(id, 'ectSeriesEnded', '2027-01-08T12:00:00Z');
    const first = await register.runScheduler(new Date('2027-01-11T06:00:00Z'));
    expect([first.ordered, first.missed]).toEqual([1, 1]);
    const orders = await ordersOf('p-1');
    // Before the series (5–7 January) closed while down: no order; after it (9–15 January) is still open.
    expect(orders.map(({ point, validFrom, validUntil, createdAt }) => [point, validFrom, validUntil, createdAt])).toEqual([
      ['etter-serie', '2027-01-08T23:00:00.000Z', '2027-01-15T23:00:00.000Z', '2027-01-11T06:00:00.000Z'],
    ]);
    const listed = await register.staff('GET', '/api/plan-enrolments?patientRef=p-1');
    const [enrolment] = (listed.json as { enrolments: { windows: { timePoint: string; outcome: string; orderId: string | null }[] }[] })
      .enrolments;
    expect(enrolment?.windows.map((w) => [w.timePoint, w.outcome, w.orderId === null])).toEqual([
      ['for-serie', 'missed', true],
      ['etter-serie', 'ordered', false],
    ]);
    // Later runs go on as usual and make each order once.
    expect(await runDaily('2027-01-12', '2027-09-01')).toEqual({ ordered: 1, missed: 0 });
    expect((await ordersOf('p-1')).map((o) => o.point)).toEqual(['etter-serie', 'oppfolging-6m']);
  });
});

describe('two registers on one database', () => {
  it('racing scheduler runs make each order exactly once (PostgreSQL: two registers; SQLite: runs at once in one)', async () => {
    // On PostgreSQL a second register on the same database, with the same keys, as another instance
    // would be; SQLite is one register's own file, so there the runs race within one process.
    const other = register.databaseUrl
      ? await startTestRegister({
          env: { SCHEDULER_INTERVAL_SECONDS: '0' },
          dataDir: register.dataDir,
          database: { url: register.databaseUrl, drop: async () => {} },
        })
      : register;
    try {
      for (let n = 0; n < 12; n++)
        await enrol({
          patientRef: `p-${n}`,
          plan: n % 2 ? 'kvarus' : 'ect',
          enrolledAt: `2027-01-${String(5 + n).padStart(2, '0')}T08:00:00Z`,
        });
      let ordered = 0;
      for (let day = 0; day < 60; day++) {
        const at = new Date(Date.UTC(2027, 0, 5 + day, 6));
        const runs = await Promise.all([
          register.runScheduler(at),
          other.runScheduler(at),
          register.runScheduler(at),
          other.runScheduler(at),
        ]);
        ordered += runs.reduce((sum, run) => sum + run.ordered, 0);
      }
      const orders = await register.store.listOrders({});
      // ECT: the first window each; KVARUS: basis and the first measurement point (six weeks on) within the 60 days.
      const perPatient = new Map<string, string[]>();
      for (const order of orders)
        perPatient.set(order.patientRef, [...(perPatient.get(order.patientRef) ?? []), order.measurementPoint].sort());
      for (let n = 0; n < 12; n++) expect(perPatient.get(`p-${n}`)).toEqual(n % 2 ? ['basis', 'malepunkt'] : ['for-serie']);
      expect(ordered).toBe(orders.length);
      expect(orders).toHaveLength(18);
    } finally {
      if (other !== register) await other.app.close();
    }
  }, 60_000);
});

describe('the scheduler in the register process', () => {
  it('runs at start on the real clock when SCHEDULER_INTERVAL_SECONDS is set, and the server closes with it', async () => {
    await enrol({ patientRef: 'p-now', plan: 'ect', enrolledAt: new Date().toISOString() });
    const started = await startTestRegister({
      env: { SCHEDULER_INTERVAL_SECONDS: '3600' },
      dataDir: register.dataDir,
      ...(register.databaseUrl ? { database: { url: register.databaseUrl, drop: async () => {} } } : {}),
    });
    try {
      // The first run is started at once; wait for its order (the window opened today at 00:00 Oslo).
      for (let tries = 0; tries < 100 && (await started.store.listOrders({ patientRef: 'p-now' })).length === 0; tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await started.store.listOrders({ patientRef: 'p-now' })).map((o) => o.measurementPoint)).toEqual(['for-serie']);
    } finally {
      await started.app.close();
    }
  }, 60_000);

  it('refuses a negative interval and defaults to a minute', () => {
    expect(() => readConfig({ SCHEDULER_INTERVAL_SECONDS: '-1' })).toThrow(/SCHEDULER_INTERVAL_SECONDS/);
    expect(readConfig({}).schedulerIntervalSeconds).toBe(60);
    expect(readConfig({ SCHEDULER_INTERVAL_SECONDS: '0' }).schedulerIntervalSeconds).toBe(0);
  });
});
