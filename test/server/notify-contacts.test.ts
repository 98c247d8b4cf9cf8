// Contact details and stopping: addresses sealed in the database (read back raw) and opened only with
// the register's key for that contact and field; refused details that do not say what was typed;
// staff stopping a contact; a contact forgotten when the enrolment ends. On the store of the test project.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { openContactDetail } from '../../src/server/notify/contact-crypto.js';
import {
  addContact,
  ContactRefused,
  forgetContact,
  maskedContact,
  normalisePhone,
  openContact,
  scheduleMessage,
  stopMessages,
} from '../../src/server/notify/contacts.js';
import { deliverDue } from '../../src/server/notify/delivery.js';
import { httpGatewaySms } from '../../src/server/notify/sms-gateway.js';
import { messageFixture, smsGateway, type MessageFixture } from './notify-fixture.js';

const t0 = new Date('2027-03-01T08:00:00.000Z');
const email = 'ola.nordmann@example.org';
const phone = '+4791234567';

let fixture: MessageFixture;
beforeEach(async () => {
  fixture = await messageFixture();
});
afterEach(async () => fixture.close());

const add = (extra: { email?: string; phone?: string } = { email, phone }) =>
  addContact(fixture.store.messages, fixture.keys.contactKey, { enrolmentRef: 'enr-9', language: 'nb', ...extra }, t0);

const schedule = (contactId: string, channel: 'email' | 'sms' = 'sms', orderId = 'o-9') =>
  scheduleMessage(fixture.store.messages, { contactId, kind: 'invitation', channel, orderId, scheduledAt: t0.toISOString() });

describe('contact details at rest', () => {
  test('the database holds them sealed (iv.ciphertext.tag), and only the register key opens them, for that contact and field', async () => {
    const { id } = await add();
    const [row] = await fixture.rawRows('contacts');
    const raw = JSON.stringify(row);
    expect(raw).not.toContain('nordmann');
    expect(raw).not.toContain('91234567');
    const sealed = /^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;
    expect(row).toMatchObject({
      id,
      enrolment_ref: 'enr-9',
      language: 'nb',
      email_enc: expect.stringMatching(sealed),
      phone_enc: expect.stringMatching(sealed),
    });
    const emailSealed = String(row?.email_enc);
    expect(openContactDetail(fixture.keys.contactKey, id, 'email', emailSealed)).toBe(email);
    // Moved to another field or another contact, or opened with another register's key: refused.
    expect(() => openContactDetail(fixture.keys.contactKey, id, 'phone', emailSealed)).toThrow();
    expect(() => openContactDetail(fixture.keys.contactKey, 'another-contact', 'email', emailSealed)).toThrow();
    const otherDir = await mkdtemp(path.join(tmpdir(), 'eprom-other-keys-'));
    try {
      const { keys: other } = await loadRegisterKeys(otherDir);
      expect(() => openContactDetail(other.contactKey, id, 'email', emailSealed)).toThrow();
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
    // Sealed anew each time: the same address twice is two different texts.
    const { id: second } = await add({ email });
    const rows = await fixture.rawRows('contacts');
    expect(rows.find((r) => r.id === second)?.email_enc).not.toBe(emailSealed);
  });

  test('the same keys file opens them in another instance; staff see them masked', async () => {
    const { id } = await add();
    const contact = await (await fixture.openAnother()).messages.getContact(id);
    if (!contact) throw new Error('no contact');
    expect(openContact(fixture.keys.contactKey, contact)).toEqual({ email, phone });
    expect(maskedContact(fixture.keys.contactKey, contact)).toEqual({ email: 'o•••@example.org', phone: '•••• ••67' });
  });

  test('details that are not usable are refused without repeating them', async () => {
    await expect(add({ email: 'ola.nordmann(at)example' })).rejects.toThrow(new ContactRefused('The e-mail address is not valid'));
    await expect(add({ phone: '12-ab-99' })).rejects.toThrow(new ContactRefused('The mobile number is not valid'));
    expect(await fixture.rawRows('contacts')).toEqual([]);
    expect(['912 34 567', '+47 912 34 567', '0047 91234567', '(+47) 912-34-567'].map(normalisePhone)).toEqual(Array(4).fill(phone));
    expect(['1234', '+0 1234 5678', 'phone'].map(normalisePhone)).toEqual([undefined, undefined, undefined]);
  });
});

describe('stopping and forgetting', () => {
  test('staff stop a contact: what was not sent is stopped, and nothing later goes out', async () => {
    const gateway = await smsGateway();
    try {
      const { id } = await add();
      const first = await schedule(id);
      expect(await stopMessages(fixture.store.messages, id, 'staff', t0)).toBe(true);
      const later = await schedule(id, 'email', 'o-10');
      const summary = await deliverDue(
        fixture.store.messages,
        { sms: httpGatewaySms({ url: gateway.url, token: 'gateway-token', sender: undefined }) },
        t0,
        fixture.context,
      );
      expect(summary).toEqual({ sent: 0, retrying: 0, failed: 0, stopped: 1, cancelled: 0 });
      expect(gateway.received).toEqual([]);
      const messages = await fixture.store.messages.listMessages({ contactId: id });
      expect(messages.map((m) => [m.id, m.status, m.reason])).toEqual(
        expect.arrayContaining([
          [first, 'stopped', 'stoppedByStaff'],
          [later, 'stopped', 'stoppedByStaff'],
        ]),
      );
      expect(await fixture.store.messages.getContact(id)).toMatchObject({ stoppedAt: t0.toISOString(), stoppedBy: 'staff' });
      // A second stop keeps the first's time and author.
      await stopMessages(fixture.store.messages, id, 'patient', new Date(t0.getTime() + 1000));
      expect(await fixture.store.messages.getContact(id)).toMatchObject({ stoppedAt: t0.toISOString(), stoppedBy: 'staff' });
      expect(await stopMessages(fixture.store.messages, 'no-such-contact', 'staff', t0)).toBe(false);
    } finally {
      await gateway.close();
    }
  });

  test('forgetting a contact deletes its details; what was sent stays as an outcome, what was not is stopped', async () => {
    const gateway = await smsGateway();
    try {
      const { id } = await add();
      const sent = await schedule(id);
      await deliverDue(
        fixture.store.messages,
        { sms: httpGatewaySms({ url: gateway.url, token: 'gateway-token', sender: undefined }) },
        t0,
        fixture.context,
      );
      const pending = await schedule(id, 'sms', 'o-11');
      expect(await forgetContact(fixture.store.messages, id)).toBe(true);
      expect(await fixture.rawRows('contacts')).toEqual([]);
      expect(await fixture.store.messages.getContact(id)).toBeUndefined();
      const rows = await fixture.rawRows('messages');
      expect(rows.map((r) => [r.id, r.status, r.stop_token_hash, r.reason])).toEqual(
        expect.arrayContaining([
          [sent, 'sent', null, null],
          [pending, 'stopped', null, 'ended'],
        ]),
      );
      expect(await forgetContact(fixture.store.messages, id)).toBe(false);
    } finally {
      await gateway.close();
    }
  });
});

describe('details that do not open', () => {
  test("sealed under another register's keys: the attempts fail with a reason, and nothing is sent", async () => {
    const otherDir = await mkdtemp(path.join(tmpdir(), 'eprom-other-keys-'));
    const gateway = await smsGateway();
    try {
      const { keys: other } = await loadRegisterKeys(otherDir);
      const { id } = await addContact(fixture.store.messages, other.contactKey, { enrolmentRef: 'enr-x', language: 'nb', phone }, t0);
      const message = await schedule(id);
      const sms = httpGatewaySms({ url: gateway.url, token: 'gateway-token', sender: undefined });
      await deliverDue(fixture.store.messages, { sms }, t0, fixture.context);
      expect((await fixture.store.messages.listMessages({ contactId: id })).find((m) => m.id === message)).toMatchObject({
        status: 'pending',
        lastError: "the contact details do not open with this register's keys",
      });
      expect(gateway.received).toEqual([]);
    } finally {
      await gateway.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
