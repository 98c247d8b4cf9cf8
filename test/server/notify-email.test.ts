// E-mail through a real SMTP server (smtp-server on a random port): what it receives (recipient,
// language, the app link and the stop link, nothing that names the treatment), and what the register
// records when the server refuses the recipient, is not there, or does not answer: retried after 5
// minutes, 30 minutes, 2 hours and 12 hours on an injected clock, then failed with a reason that
// holds no address. On the store of the test project.
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { emailChannel } from '../../src/server/notify/email-channel.js';
import { addContact, scheduleMessage, stopTokenHash } from '../../src/server/notify/contacts.js';
import { deliverDue } from '../../src/server/notify/delivery.js';
import { forbiddenIn, messageFixture, publicUrl, smtpServer, type MessageFixture } from './notify-fixture.js';
import { freePort } from './postgres.js';

const t0 = new Date('2027-03-01T08:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const from = 'Behandlingsstedet <no-reply@svar.example>';

let fixture: MessageFixture;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
beforeEach(async () => {
  fixture = await messageFixture();
  smtp = await smtpServer();
});
afterEach(async () => {
  await smtp.close();
  await fixture.close();
});

async function invitation(language: 'nb' | 'nn' | 'en' = 'nn', email = 'kari.nordmann@example.org') {
  const { id: contactId } = await addContact(
    fixture.store.messages,
    fixture.keys.contactKey,
    { enrolmentRef: 'enr-1', language, email },
    t0,
  );
  const id = await scheduleMessage(fixture.store.messages, {
    contactId,
    kind: 'invitation',
    channel: 'email',
    orderId: 'o-1',
    scheduledAt: t0.toISOString(),
  });
  return { contactId, id };
}

const qp = (text: string) => text.replace(/(=[0-9A-F]{2})+/g, (m) => decodeURIComponent(m.replaceAll('=', '%')));

/** A received mail as text: headers unfolded with their encoded words decoded, the quoted-printable body decoded. */
function decoded(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, word: string) => qp(word.replaceAll('_', ' ')));
  return `${headers}\r\n\r\n${qp(raw.slice(split + 4).replace(/=\r?\n/g, ''))}`;
}

describe('e-mail over SMTP', () => {
  test('the server receives the invitation: recipient, language, the app link and the stop link, no forbidden word', async () => {
    const { id } = await invitation('nn');
    const channel = emailChannel({ url: smtp.url, from });
    const summary = await deliverDue(fixture.store.messages, { email: channel }, t0, fixture.context);
    channel.close();
    expect(summary).toEqual({ sent: 1, retrying: 0, failed: 0, stopped: 0, cancelled: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(['kari.nordmann@example.org']);
    expect(mail?.from).toBe('no-reply@svar.example');
    expect(mail?.user).toBe('svar');
    const text = decoded(mail?.raw ?? '');
    expect(text).toMatch(/^Content-Language: nn$/m);
    expect(text).toMatch(/^Subject: Du har eit nytt spørjeskjema$/m);
    expect(text).toContain('Det er tid for å svare på eit spørjeskjema');
    expect(text).toContain(`\n${publicUrl}/\r\n`);
    const token = /\/api\/messages\/stop\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? '';
    expect(text).toMatch(new RegExp(`^List-Unsubscribe: <${publicUrl}/api/messages/stop/${token}>$`, 'm'));
    expect(text).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const body = text.slice(text.indexOf('\r\n\r\n'));
    expect(forbiddenIn(body.replaceAll(token, ''))).toEqual([]);
    // The token is stored hashed only.
    const [row] = (await fixture.rawRows('messages')).filter((r) => r.id === id);
    expect(row).toMatchObject({
      status: 'sent',
      sent_at: t0.toISOString(),
      attempts: 1,
      stop_token_hash: stopTokenHash(token),
      last_error: null,
    });
    expect(JSON.stringify(row)).not.toContain(token);
  });

  test('each language gets its own words', async () => {
    await invitation('nb', 'a@example.org');
    await invitation('en', 'b@example.org');
    const channel = emailChannel({ url: smtp.url, from });
    await deliverDue(fixture.store.messages, { email: channel }, t0, fixture.context);
    channel.close();
    const byRecipient = new Map(smtp.received.map((mail) => [mail.to[0], decoded(mail.raw)]));
    expect(byRecipient.get('a@example.org')).toMatch(/^Subject: Du har et nytt spørreskjema$/m);
    expect(byRecipient.get('a@example.org')).toMatch(/^Content-Language: nb$/m);
    expect(byRecipient.get('b@example.org')).toMatch(/^Subject: You have a new questionnaire$/m);
    expect(byRecipient.get('b@example.org')).toContain('It is time to answer a questionnaire from your place of treatment');
  });
});

describe('e-mail that does not go out', () => {
  test('a recipient refused with 550 is tried again with backoff, then failed with the status as the reason', async () => {
    const { id } = await invitation();
    smtp.refuse(true);
    const channel = emailChannel({ url: smtp.url, from });
    const state = async () => (await fixture.store.messages.listMessages({ orderId: 'o-1' })).find((m) => m.id === id);
    const expectations: [number, { status: string; attempts: number; nextAttemptAt?: string }][] = [
      [0, { status: 'pending', attempts: 1, nextAttemptAt: minutes(5).toISOString() }],
      [5, { status: 'pending', attempts: 2, nextAttemptAt: minutes(35).toISOString() }],
      [35, { status: 'pending', attempts: 3, nextAttemptAt: minutes(155).toISOString() }],
      [155, { status: 'pending', attempts: 4, nextAttemptAt: minutes(875).toISOString() }],
      [875, { status: 'failed', attempts: 5 }],
    ];
    for (const [at, expected] of expectations) {
      // Not yet due a minute before: nothing is tried.
      if (at > 0) expect((await deliverDue(fixture.store.messages, { email: channel }, minutes(at - 1), fixture.context)).retrying).toBe(0);
      await deliverDue(fixture.store.messages, { email: channel }, minutes(at), fixture.context);
      expect(await state()).toMatchObject({ ...expected, lastError: 'SMTP 550 5.1.1 (EENVELOPE)' });
    }
    expect(await deliverDue(fixture.store.messages, { email: channel }, minutes(5000), fixture.context)).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      stopped: 0,
      cancelled: 0,
    });
    channel.close();
    expect(smtp.received).toHaveLength(0);
    const logged = fixture.logs.join('\n');
    expect(logged).toContain('SMTP 550');
    expect(logged).not.toContain('kari.nordmann');
    expect(logged).not.toContain('example.org');
  });

  test('a server that is not there, and one that never greets: failed attempts with their reasons', async () => {
    const { id } = await invitation();
    const closed = emailChannel({ url: `smtp://127.0.0.1:${await freePort()}`, from });
    await deliverDue(fixture.store.messages, { email: closed }, t0, fixture.context);
    closed.close();
    const first = (await fixture.store.messages.listMessages({ orderId: 'o-1' })).find((m) => m.id === id);
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/^SMTP \((ECONNECTION|ESOCKET|ECONNREFUSED)\)$/),
    });

    const sockets: Socket[] = [];
    const silent: Server = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const mute = emailChannel({ url: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`, from }, { timeoutMs: 200 });
    await deliverDue(fixture.store.messages, { email: mute }, minutes(5), fixture.context);
    mute.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    const second = (await fixture.store.messages.listMessages({ orderId: 'o-1' })).find((m) => m.id === id);
    expect(second).toMatchObject({ status: 'pending', attempts: 2, lastError: 'SMTP (ETIMEDOUT)' });
    expect(fixture.logs.join('\n')).not.toContain('kari.nordmann');
  });
});
