// Two deliverers, as two register instances would have, over one database (PostgreSQL in the
// node-postgres project, one SQLite file in node): racing over the same due messages, each message
// is sent once. A deliverer that took messages and stopped (a crash) holds them only until its lease
// ends; then another sends them, and the first can no longer record an outcome.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addContact, scheduleMessage } from '../../src/server/notify/contacts.js';
import { deliverDue } from '../../src/server/notify/delivery.js';
import { httpGatewaySms } from '../../src/server/notify/sms-gateway.js';
import { messageFixture, smsGateway, type MessageFixture } from './notify-fixture.js';
import { testStore } from './setup.js';

const t0 = new Date('2027-03-01T08:00:00.000Z');
let fixture: MessageFixture;
let gateway: Awaited<ReturnType<typeof smsGateway>>;
beforeEach(async () => {
  fixture = await messageFixture();
  gateway = await smsGateway();
});
afterEach(async () => {
  await gateway.close();
  await fixture.close();
});

/** `count` contacts with a number each (+4790000000, +4790000001, …) and one SMS due at t0 for each. */
async function due(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const phone = `+479${String(i).padStart(7, '0')}`;
    const { id: contactId } = await addContact(
      fixture.store.messages,
      fixture.keys.contactKey,
      { enrolmentRef: `enr-${i}`, language: 'nb', phone },
      t0,
    );
    ids.push(
      await scheduleMessage(fixture.store.messages, {
        contactId,
        kind: 'invitation',
        channel: 'sms',
        orderId: `o-${i}`,
        scheduledAt: t0.toISOString(),
      }),
    );
  }
  return ids;
}

const recipients = () => gateway.received.map((request) => String((request.body as { to?: unknown }).to));

describe('two deliverers over one database', () => {
  test('racing over 60 due messages, in small batches: each is sent once', async () => {
    const ids = await due(60);
    const other = await fixture.openAnother();
    const sms = httpGatewaySms({ url: gateway.url, token: 'gateway-token', sender: undefined });
    const context = { ...fixture.context, batchSize: 1 };
    // Each store's pool runs its deliverers on connections of their own: several claims at the same moment.
    const deliverers = [fixture.store, other, fixture.store, other].map((store) => deliverDue(store.messages, { sms }, t0, context));
    const summaries = await Promise.all(deliverers);
    expect(summaries.reduce((sum, summary) => sum + summary.sent, 0)).toBe(60);
    expect(recipients()).toHaveLength(60);
    expect(new Set(recipients()).size).toBe(60);
    const messages = await fixture.store.messages.listMessages({});
    expect(messages.filter((m) => ids.includes(m.id)).every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    // Both again: nothing is due.
    const again = await Promise.all([
      deliverDue(fixture.store.messages, { sms }, t0, context),
      deliverDue(other.messages, { sms }, t0, context),
    ]);
    expect(again.map((summary) => summary.sent)).toEqual([0, 0]);
    expect(recipients()).toHaveLength(60);
  });

  test('messages taken by a deliverer that stopped wait for its lease to end, then go out once', async () => {
    await due(2);
    const crashed = await fixture.openAnother();
    const leaseUntil = new Date(t0.getTime() + 10 * 60_000).toISOString();
    const taken = await crashed.messages.claimDue(t0.toISOString(), leaseUntil, 10);
    expect(taken).toHaveLength(2);
    const sms = httpGatewaySms({ url: gateway.url, token: 'gateway-token', sender: undefined });
    expect((await deliverDue(fixture.store.messages, { sms }, new Date(t0.getTime() + 9 * 60_000), fixture.context)).sent).toBe(0);
    expect(recipients()).toEqual([]);
    expect((await deliverDue(fixture.store.messages, { sms }, new Date(t0.getTime() + 11 * 60_000), fixture.context)).sent).toBe(2);
    expect(recipients()).toHaveLength(2);
    // The first deliverer's lease has gone: what it would record now is not written.
    for (const message of taken) {
      expect(await crashed.messages.recordOutcome(message, { status: 'failed', error: 'late' })).toBe(false);
      expect(await crashed.messages.setStopToken(message, 'late')).toBe(false);
    }
    const messages = await fixture.store.messages.listMessages({});
    expect(messages.map((m) => [m.status, m.attempts, m.lastError])).toEqual([
      ['sent', 2, null],
      ['sent', 2, null],
    ]);
  });
});

/** Resolves once some statement on the database waits for a row lock; `stop` ends the watching. */
function lockWaitOn(url: string): { seen: Promise<'waiting'>; stop: () => Promise<void> } {
  let isStopped = false;
  const client = new pg.Client({ connectionString: url });
  // The test's database is dropped after it; a connection still open then must not end the run.
  client.on('error', () => undefined);
  const watching = (async () => {
    await client.connect();
    try {
      while (!isStopped) {
        const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
        if ((rows[0] as { n: number }).n > 0) return 'waiting' as const;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return 'stopped' as const;
    } finally {
      await client.end();
    }
  })();
  const seen = watching.then((result) => (result === 'waiting' ? result : new Promise<'waiting'>(() => undefined)));
  // Stopping waits for the watcher's connection to close, so nothing of it outlives the test.
  const stop = async () => {
    isStopped = true;
    await watching.catch(() => undefined);
  };
  return { seen, stop };
}

describe.skipIf(testStore !== 'postgres')('on PostgreSQL, while another instance is taking the same messages', () => {
  test('a deliverer passes by the rows being taken instead of waiting to take them again', async () => {
    await due(3);
    const url = fixture.databaseUrl ?? '';
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      // Another instance's claim, not yet committed.
      await other.query('BEGIN');
      await other.query("UPDATE messages SET lease_until = '2027-03-01T08:10:00.000Z', attempts = attempts + 1 WHERE status = 'pending'");
      const watch = lockWaitOn(url);
      const claimed = fixture.store.messages.claimDue(t0.toISOString(), '2027-03-01T08:10:00.000Z', 10);
      const first = await Promise.race([claimed, watch.seen]);
      await watch.stop();
      await other.query('COMMIT');
      // Waiting for the row and then taking it too would send each message twice.
      expect(first).toEqual([]);
      expect(await claimed).toEqual([]);
    } finally {
      await other.end();
    }
  });
});
