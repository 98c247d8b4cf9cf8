// SMS through the HTTP gateway adapter, against a local HTTP server in the role of the gateway: what
// it receives (the number, the text in the patient's language, the sender, the bearer token), and a
// gateway that answers 500, is not there, or does not answer: retried with backoff on an injected
// clock, then failed with a reason. On the store of the test project.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addContact, scheduleMessage } from '../../src/server/notify/contacts.js';
import { deliverDue } from '../../src/server/notify/delivery.js';
import { httpGatewaySms } from '../../src/server/notify/sms-gateway.js';
import { forbiddenIn, messageFixture, publicUrl, smsGateway, type MessageFixture } from './notify-fixture.js';
import { freePort } from './postgres.js';

const t0 = new Date('2027-03-01T08:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const token = 'gateway-token-0123456789';

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

async function reminder(language: 'nb' | 'nn' | 'en', phone = '912 34 567') {
  const { id: contactId } = await addContact(
    fixture.store.messages,
    fixture.keys.contactKey,
    { enrolmentRef: 'enr-2', language, phone },
    t0,
  );
  return scheduleMessage(fixture.store.messages, {
    contactId,
    kind: 'reminder',
    channel: 'sms',
    orderId: 'o-2',
    scheduledAt: t0.toISOString(),
  });
}

const messageState = async (id: string) => (await fixture.store.messages.listMessages({ orderId: 'o-2' })).find((m) => m.id === id);

describe('SMS through the HTTP gateway', () => {
  test('the gateway receives the number, the text in the patient language, the sender and the bearer token', async () => {
    const id = await reminder('en');
    const sms = httpGatewaySms({ url: gateway.url, token, sender: 'Klinikken' });
    expect(await deliverDue(fixture.store.messages, { sms }, t0, fixture.context)).toMatchObject({ sent: 1 });
    expect(gateway.received).toHaveLength(1);
    const [request] = gateway.received;
    expect(request?.authorization).toBe(`Bearer ${token}`);
    expect(request?.contentType).toBe('application/json');
    expect(request?.body).toEqual({ to: '+4791234567', from: 'Klinikken', text: expect.any(String) });
    const text = String((request?.body as { text: string }).text);
    expect(text).toContain('A reminder about the questionnaire from your place of treatment');
    expect(text).toContain(`${publicUrl}/ `);
    const stopToken = new RegExp(`${publicUrl}/api/messages/stop/([A-Za-z0-9_-]{43})$`).exec(text)?.[1] ?? '';
    expect(stopToken).toHaveLength(43);
    expect(forbiddenIn(text.replaceAll(stopToken, ''))).toEqual([]);
    expect(await messageState(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  test('without a sender name the body has none', async () => {
    await reminder('nb', '+46 70 123 45 67');
    await deliverDue(fixture.store.messages, { sms: httpGatewaySms({ url: gateway.url, token, sender: undefined }) }, t0, fixture.context);
    expect(gateway.received[0]?.body).toEqual({ to: '+46701234567', text: expect.stringContaining('Påminnelse om spørreskjemaet') });
  });
});

describe('SMS that does not go out', () => {
  test('a gateway answering 500 is tried again with backoff, then the message fails with the status as the reason', async () => {
    const id = await reminder('nn');
    gateway.behave('fail');
    const sms = httpGatewaySms({ url: gateway.url, token, sender: undefined });
    for (const [at, attempts, status] of [
      [0, 1, 'pending'],
      [5, 2, 'pending'],
      [35, 3, 'pending'],
      [155, 4, 'pending'],
      [875, 5, 'failed'],
    ] as const) {
      await deliverDue(fixture.store.messages, { sms }, minutes(at), fixture.context);
      expect(await messageState(id)).toMatchObject({ status, attempts, lastError: 'SMS gateway answered 500' });
    }
    expect(gateway.received).toHaveLength(5);
  });

  test('a gateway that recovers: the next attempt sends it', async () => {
    const id = await reminder('nb');
    gateway.behave('fail');
    const sms = httpGatewaySms({ url: gateway.url, token, sender: undefined });
    await deliverDue(fixture.store.messages, { sms }, t0, fixture.context);
    gateway.behave('accept');
    await deliverDue(fixture.store.messages, { sms }, minutes(5), fixture.context);
    expect(await messageState(id)).toMatchObject({ status: 'sent', attempts: 2, sentAt: minutes(5).toISOString(), lastError: null });
  });

  test('a gateway that is not there, and one that does not answer in time: failed attempts with their reasons', async () => {
    const id = await reminder('nb');
    const absent = httpGatewaySms({ url: `http://127.0.0.1:${await freePort()}/send`, token, sender: undefined });
    await deliverDue(fixture.store.messages, { sms: absent }, t0, fixture.context);
    expect(await messageState(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMS gateway unreachable (ECONNREFUSED)' });
    gateway.behave('hang');
    const slow = httpGatewaySms({ url: gateway.url, token, sender: undefined }, { timeoutMs: 200 });
    await deliverDue(fixture.store.messages, { sms: slow }, minutes(5), fixture.context);
    expect(await messageState(id)).toMatchObject({ status: 'pending', attempts: 2, lastError: 'SMS gateway did not answer within 200 ms' });
    const logged = fixture.logs.join('\n');
    expect(logged).not.toMatch(/4791234567|912 34 567/);
    expect(logged).not.toContain(token);
  });

  test('no gateway configured, or a contact without a number: failed attempts that say so', async () => {
    const id = await reminder('nb');
    await deliverDue(fixture.store.messages, {}, t0, fixture.context);
    expect(await messageState(id)).toMatchObject({ status: 'pending', lastError: 'SMS is not configured (SMS_GATEWAY_URL)' });
    const { id: contactId } = await addContact(
      fixture.store.messages,
      fixture.keys.contactKey,
      { enrolmentRef: 'enr-3', language: 'nb' },
      t0,
    );
    const other = await scheduleMessage(fixture.store.messages, {
      contactId,
      kind: 'invitation',
      channel: 'sms',
      orderId: 'o-2',
      scheduledAt: t0.toISOString(),
    });
    await deliverDue(
      fixture.store.messages,
      { sms: httpGatewaySms({ url: gateway.url, token, sender: undefined }) },
      minutes(5),
      fixture.context,
    );
    expect(await messageState(other)).toMatchObject({ status: 'pending', lastError: 'the contact has no mobile number' });
  });
});
