// The stop link in a message, through the register: opening it asks (link scanners open links too),
// confirming stops the messages, in the contact's language; a mail program's one-click POST works;
// a link not known is refused (counted for the reliability report), and no token reaches the log.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { addContact, scheduleMessage } from '../../src/server/notify/contacts.js';
import { deliverDue } from '../../src/server/notify/delivery.js';
import { httpGatewaySms } from '../../src/server/notify/sms-gateway.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { capturedLog, smsGateway } from './notify-fixture.js';
import { startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
let gateway: Awaited<ReturnType<typeof smsGateway>>;
beforeAll(async () => {
  register = await startTestRegister();
  gateway = await smsGateway();
});
afterAll(async () => {
  await gateway.close();
  await register.close();
});

/** A contact in this language with one SMS sent: its id and the stop link's path. */
async function sentTo(language: 'nb' | 'nn' | 'en'): Promise<{ contactId: string; stopPath: string }> {
  const { keys } = await loadRegisterKeys(register.dataDir);
  const messages = register.store.messages;
  const now = new Date();
  const { id: contactId } = await addContact(
    messages,
    keys.contactKey,
    { enrolmentRef: `enr-${language}`, language, phone: '91234567' },
    now,
  );
  await scheduleMessage(messages, { contactId, kind: 'invitation', channel: 'sms', orderId: null, scheduledAt: now.toISOString() });
  const before = gateway.received.length;
  const context = { contactKey: keys.contactKey, publicUrl: 'https://register.example', log: capturedLog([]) };
  await deliverDue(messages, { sms: httpGatewaySms({ url: gateway.url, token: 'gateway-token', sender: undefined }) }, now, context);
  const text = String((gateway.received[before]?.body as { text?: unknown } | undefined)?.text);
  const stopPath = /https:\/\/register\.example(\/api\/messages\/stop\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!stopPath) throw new Error('no stop link in the message');
  return { contactId, stopPath };
}

const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: string) =>
  register.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

describe('the stop link', () => {
  test.each([
    ['nb', 'Vil du stoppe meldingene', 'Stopp meldingene', 'Du får ikke flere meldinger'],
    ['nn', 'Vil du stoppe meldingane', 'Stopp meldingane', 'Du får ikkje fleire meldingar'],
    ['en', 'Do you want to stop the messages', 'Stop the messages', 'You will get no more messages'],
  ] as const)('%s: opening asks and stops nothing; confirming stops, in the contact language', async (language, question, button, done) => {
    const { contactId, stopPath } = await sentTo(language);
    const opened = await inject('GET', stopPath);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toMatch(/^text\/html/);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.body).toContain(`<html lang="${language}">`);
    expect(opened.body).toContain(question);
    expect(opened.body).toContain(`<form method="post"><button type="submit">${button}</button></form>`);
    expect(await register.store.messages.getContact(contactId)).toMatchObject({ stoppedAt: null });

    const confirmed = await inject('POST', stopPath, { 'content-type': 'application/x-www-form-urlencoded' }, '');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain(done);
    expect(await register.store.messages.getContact(contactId)).toMatchObject({ stoppedBy: 'patient', stoppedAt: expect.any(String) });
    // Opened again: it says they are stopped.
    expect((await inject('GET', stopPath)).body).toContain(done);
  });

  test("a mail program's one-click unsubscribe (RFC 8058), and a client asking for JSON", async () => {
    const { contactId, stopPath } = await sentTo('nb');
    const asked = await inject('GET', stopPath, { accept: 'application/json' });
    expect(asked.json()).toEqual({ isStopped: false });
    const oneClick = await inject('POST', stopPath, { 'content-type': 'application/x-www-form-urlencoded' }, 'List-Unsubscribe=One-Click');
    expect(oneClick.statusCode).toBe(200);
    expect(await register.store.messages.getContact(contactId)).toMatchObject({ stoppedBy: 'patient' });
    expect((await inject('GET', stopPath, { accept: 'application/json' })).json()).toEqual({ isStopped: true });

    const multipart = await sentTo('en');
    const boundary = 'svar-test-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const posted = await inject('POST', multipart.stopPath, { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
    expect(posted.statusCode).toBe(200);
    expect(await register.store.messages.getContact(multipart.contactId)).toMatchObject({ stoppedBy: 'patient' });
  });

  test.each([
    ['a token never given', `/api/messages/stop/${'A'.repeat(43)}`],
    ['a token of the wrong shape', '/api/messages/stop/short'],
  ])('%s is refused as not found', async (name, url) => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await inject(method, url, { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, '');
      expectCountedRefusal('notify', `${name} (${method})`, { status: response.statusCode, json: response.json() }, 404, 'notFound');
    }
    const page = await inject('GET', url, { 'accept-language': 'nn-NO,nn;q=0.9' });
    expect([page.statusCode, page.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(page.body).toContain('Denne lenkja gjeld ikkje lenger');
  });

  test('a forgotten contact: the link no longer leads anywhere', async () => {
    const { contactId, stopPath } = await sentTo('en');
    await register.store.messages.deleteContact(contactId);
    const page = await inject('GET', stopPath, { 'accept-language': 'en' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This link is no longer valid');
  });

  test('the log holds outcomes only: no token, no number', () => {
    const logged = register.logs.join('');
    expect(logged).toContain('messages stopped');
    expect(logged).not.toMatch(/\/api\/messages\/stop\/[A-Za-z0-9_-]{10}/);
    expect(logged).not.toMatch(/91234567/);
  });
});
