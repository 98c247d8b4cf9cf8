// Contacts and messages move with the register from SQLite to PostgreSQL (migrate-to-postgres):
// copied as they are stored, sealed addresses included, verified, and opened there with the same keys.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { addContact, openContact, scheduleMessage, stopTokenHash } from '../../src/server/notify/contacts.js';
import { deliverDue } from '../../src/server/notify/delivery.js';
import { httpGatewaySms } from '../../src/server/notify/sms-gateway.js';
import { openPgStore, openSqliteStore } from '../../src/server/store/kysely-store.js';
import { describeOnPostgres, migrateCli } from './migrate-fixture.js';
import { capturedLog, smsGateway } from './notify-fixture.js';
import { freshDatabase } from './postgres.js';

const t0 = new Date('2027-03-01T08:00:00.000Z');

describeOnPostgres('migrate-to-postgres with messages', () => {
  test('contacts and messages are copied, verified, and open on PostgreSQL with the same keys', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-notify-migrate-'));
    const database = await freshDatabase();
    const gateway = await smsGateway();
    try {
      const { keys } = await loadRegisterKeys(dataDir);
      const sqlite = await openSqliteStore(path.join(dataDir, 'register.sqlite'));
      const contact = { enrolmentRef: 'enr-m', language: 'nn' as const, email: 'per@example.org', phone: '91234567' };
      const { id } = await addContact(sqlite.messages, keys.contactKey, contact, t0);
      await scheduleMessage(sqlite.messages, {
        contactId: id,
        kind: 'invitation',
        channel: 'sms',
        orderId: null,
        scheduledAt: t0.toISOString(),
      });
      const context = { contactKey: keys.contactKey, publicUrl: 'https://svar.example', log: capturedLog([]) };
      await deliverDue(
        sqlite.messages,
        { sms: httpGatewaySms({ url: gateway.url, token: 'gateway-token', sender: undefined }) },
        t0,
        context,
      );
      await scheduleMessage(sqlite.messages, {
        contactId: id,
        kind: 'reminder',
        channel: 'email',
        orderId: null,
        scheduledAt: '2027-03-08T08:00:00.000Z',
      });
      await sqlite.close();
      const stopToken =
        /\/api\/messages\/stop\/([A-Za-z0-9_-]{43})/.exec(String((gateway.received[0]?.body as { text: string }).text))?.[1] ?? '';

      const migrated = await migrateCli(dataDir, database.url);
      expect([migrated.code, migrated.err]).toEqual([0, '']);
      expect(migrated.out).toMatch(/contacts\s+1 rows\s+sha256 [0-9a-f]{64}\s+same on both sides/);
      expect(migrated.out).toMatch(/messages\s+2 rows\s+sha256 [0-9a-f]{64}\s+same on both sides/);

      const postgres = await openPgStore(database.url);
      try {
        const moved = await postgres.messages.getContact(id);
        if (!moved) throw new Error('the contact was not copied');
        expect(openContact(keys.contactKey, moved)).toEqual({ email: 'per@example.org', phone: '+4791234567' });
        expect((await postgres.messages.findContactByStopToken(stopTokenHash(stopToken)))?.id).toBe(id);
        expect((await postgres.messages.listMessages({ contactId: id })).map((m) => [m.kind, m.status])).toEqual([
          ['invitation', 'sent'],
          ['reminder', 'pending'],
        ]);
      } finally {
        await postgres.close();
      }
    } finally {
      await gateway.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
