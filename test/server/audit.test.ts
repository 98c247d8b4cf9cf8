// The audit trail: what staff routes record (sign-ins failed and not, reads and changes of personal
// data, by account or by the service account), the routes that show it, and the hash chain that
// `npm run register -- audit verify` checks, against a row edited or removed in the database and
// against many writers at once from two stores on one database.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runRegisterCli } from '../../src/cli/register.js';
import { appendAudit, verifyAuditChain } from '../../src/server/audit-chain.js';
import { openPgStore } from '../../src/server/store/kysely-store.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, staffToken, type TestRegister } from './setup.js';
import { asSession, makeAccount, password, signIn, signInRaw } from './staff-fixture.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const entries = async () => (await register.store.staff.listAudit({}, 10_000)).reverse();

async function auditCli() {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRegisterCli(
    ['audit', 'verify', '--data-dir', register.dataDir, ...(register.databaseUrl ? ['--database-url', register.databaseUrl] : [])],
    {},
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join(''), err: err.join('') };
}

/** Runs SQL on the register's own database, past the register (as someone tampering would). */
async function tamper(statement: string): Promise<void> {
  if (register.databaseUrl === undefined) {
    const db = new Database(path.join(register.dataDir, 'register.sqlite'));
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: register.databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('what is recorded', () => {
  test('sign-ins (with the username tried, never the password), reads and changes, by account and by the service account', async () => {
    await makeAccount(register, { username: 'kari', roles: ['clinician'], units: ['A'] });
    await signInRaw(register, { username: 'kari', password: 'not the password at all' }, '10.5.0.1');
    await signInRaw(register, { username: 'nobody', password }, '10.5.0.1');
    const session = await signIn(register, 'kari');
    const created = await asSession(register, session, 'POST', '/api/orders', {
      patientRef: 'pseudo-audit',
      questionnaires: ['demo-wellbeing@1'],
      measurementPoint: 'basis',
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const orderId = String((created.json.order as { id: string }).id);
    const device = await newDevice();
    const claimed = await claim(register, String(created.json.accessCode), device);
    const payload = payloadFor(claimed);
    expect((await register.post('/api/submissions', { token: await sealFor(device, claimed, payload) })).status).toBe(201);
    expect((await asSession(register, session, 'GET', '/api/orders?patientRef=pseudo-audit')).status).toBe(200);
    expect((await register.staff('GET', '/api/submissions?patientRef=pseudo-audit')).status).toBe(200);
    expect((await register.staff('GET', `/api/fhir/QuestionnaireResponse/${payload.submissionId}`)).status).toBe(200);
    expect((await asSession(register, session, 'POST', '/api/orders/no-such-order/release')).status).toBe(404);
    expect((await asSession(register, session, 'POST', '/api/staff/session/end')).status).toBe(200);

    const log = await entries();
    expect(log.map((e) => [e.action, e.actorKind, e.actorName, e.result])).toEqual([
      ['session.signIn', 'anonymous', 'kari', 'signInFailed'],
      ['session.signIn', 'anonymous', 'nobody', 'signInFailed'],
      ['session.signIn', 'account', 'kari', 'ok'],
      ['orders.create', 'account', 'kari', 'ok'],
      ['orders.list', 'account', 'kari', 'ok'],
      ['submissions.list', 'service', 'service', 'ok'],
      ['fhir.questionnaireResponse', 'service', 'service', 'ok'],
      ['orders.release', 'account', 'kari', 'notFound'],
      ['session.end', 'account', 'kari', 'ok'],
    ]);
    expect(log[3]).toMatchObject({ role: 'clinician', unit: 'A', patientRef: 'pseudo-audit', objects: { orderId }, address: '127.0.0.1' });
    expect(log[0]).toMatchObject({ address: '10.5.0.1', objects: { username: 'kari' } });
    expect(log[6]).toMatchObject({ patientRef: 'pseudo-audit', objects: { submissionId: payload.submissionId, orderId } });
    expect(JSON.stringify(log)).not.toContain(password);
    expect(JSON.stringify(log)).not.toContain('not the password at all');
    expect(JSON.stringify(log)).not.toContain(String(created.json.accessCode));
  }, 30_000);
});

describe('the routes', () => {
  test('filtered by person, patient reference and period, newest first, in pages; and as CSV', async () => {
    const audit = register.staffServices.audit;
    for (let i = 0; i < 105; i++)
      await audit.record(null, { action: 'test.entry', objects: { i }, patientRef: i % 2 ? 'odd' : 'even' }, null, `person-${i % 3}`);
    const first = await register.staff('GET', '/api/staff/audit?patientRef=odd');
    const firstEntries = first.json.entries as { seq: number; patientRef: string }[];
    expect(firstEntries).toHaveLength(52);
    expect(firstEntries.every((e) => e.patientRef === 'odd')).toBe(true);
    expect(first.json.nextCursor).toBeNull();
    const all = await register.staff('GET', '/api/staff/audit');
    expect(all.json.entries).toHaveLength(100);
    const next = await register.staff('GET', `/api/staff/audit?cursor=${String(all.json.nextCursor)}`);
    // The first page's own read of the trail is newer than the cursor: 5 older entries are left.
    expect((next.json.entries as unknown[]).length).toBe(6);
    const person = await register.staff('GET', '/api/staff/audit?actor=person-1');
    expect((person.json.entries as unknown[]).length).toBe(35);
    const future = await register.staff('GET', `/api/staff/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.json.entries).toEqual([]);
    const csv = await register.staff('GET', '/api/staff/audit.csv?patientRef=even');
    expect(csv.status).toBe(200);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,actorKind,actorId,actorName,role,unit,action,objects,patientRef,address,result');
    expect(lines).toHaveLength(1 + 53);
    const bad = await register.staff('GET', '/api/staff/audit?from=yesterday');
    expectCountedRefusal('audit routes', 'bad period', bad, 400, 'badRequest');
  }, 30_000);
});

describe('the hash chain', () => {
  test('verify says OK with the count; an edited row, a removed row: the seq where it breaks, exit 1', async () => {
    for (let i = 0; i < 5; i++) expect((await register.staff('GET', '/api/orders')).status).toBe(200);
    const ok = await auditCli();
    expect([ok.code, ok.out]).toEqual([0, "OK: the audit trail's chain is intact (5 entries).\n"]);

    await tamper(`UPDATE audit_log SET result = 'refused' WHERE seq = 3`);
    const edited = await auditCli();
    expect(edited.code).toBe(1);
    expect(edited.err).toBe('BROKEN at seq 3: entry 3 has been changed. The 2 entries before it are intact.\n');

    await tamper(`UPDATE audit_log SET result = 'ok' WHERE seq = 3`);
    expect((await auditCli()).code).toBe(0);
    await tamper('DELETE FROM audit_log WHERE seq = 4');
    const removed = await auditCli();
    expect([removed.code, removed.err]).toEqual([
      1,
      'BROKEN at seq 4: entry 4 is missing (the next is 5). The 3 entries before it are intact.\n',
    ]);
  });

  // On PostgreSQL two stores (two pools, as two instances have); SQLite has one process per file, whose one connection takes turns.
  test('many writers at once, from two stores on one PostgreSQL database (on SQLite one store), keep one chain', async () => {
    const second = register.databaseUrl !== undefined ? await openPgStore(register.databaseUrl, { max: 5 }) : register.store;
    try {
      const fields = (i: number) => ({
        at: new Date().toISOString(),
        actor_kind: 'service',
        actor_id: 'service',
        actor_name: 'service',
        role: null,
        unit: null,
        action: 'test.concurrent',
        objects: JSON.stringify({ i }),
        patient_ref: null,
        address: 'local',
        result: 'ok',
      });
      const seqs = await Promise.all(Array.from({ length: 60 }, (_, i) => appendAudit(i % 2 ? second : register.store, fields(i))));
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(await verifyAuditChain(register.store)).toEqual({ isIntact: true, count: 60 });
    } finally {
      if (second !== register.store) await second.close();
    }
  }, 60_000);
});

test('the service account shows in the trail as itself', async () => {
  await register.app.inject({ method: 'GET', url: '/api/orders', headers: { authorization: `Bearer ${staffToken}` } });
  expect((await entries()).map((e) => [e.actorKind, e.actorId, e.role])).toEqual([['service', 'service', 'register,clinician']]);
  await createOrder(register);
});
