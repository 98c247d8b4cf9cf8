// Invitations and reminders from the scheduler, on an injected clock, received by a real SMTP server
// and a local HTTP server as the SMS gateway: a whole KVARUS course (18 months) with every message,
// the reminders of an answered order not sent, an ECT course on the days daylight saving begins and
// ends, gateway and SMTP failures tried again, and staff stopping messages and ending the enrolment.
import { describe, expect, it } from 'vitest';
import { coverageResponse } from '../../src/core/index.js';
import { forbiddenIn } from './notify-fixture.js';
import {
  answerOnTablet,
  detailOf,
  enrolWith,
  messageRows,
  recordEventAt,
  runDays,
  useMessagesRegister,
  world,
} from './scheduler-messages-fixture.js';

useMessagesRegister();

/** For one channel: [time point, occurrence, kind, scheduled, status, reason]. */
const onChannel = (rows: ReturnType<typeof messageRows>, channel: string) =>
  rows
    .filter((r) => r[3] === channel)
    .map(([point, occurrence, kind, , at, status, reason]) => [point, occurrence, kind, at, status, reason]);

/**
 * The KVARUS course's messages on each channel: 10:00 Oslo on the window's first day, and each reminder at
 * 10:00 on its day (09:00 UTC in winter, 08:00 in summer).
 */
const kvarusMessages = [
  ['basis', 1, 'invitation', '2027-01-15T09:00:00.000Z', 'sent', null],
  ['basis', 1, 'reminder', '2027-01-18T09:00:00.000Z', 'cancelled', 'answered'],
  ['basis', 1, 'reminder', '2027-01-22T09:00:00.000Z', 'cancelled', 'answered'],
  ['malepunkt', 1, 'invitation', '2027-02-26T09:00:00.000Z', 'sent', null],
  ['malepunkt', 1, 'reminder', '2027-03-01T09:00:00.000Z', 'sent', null],
  ['malepunkt', 1, 'reminder', '2027-03-05T09:00:00.000Z', 'sent', null],
  ['malepunkt', 2, 'invitation', '2027-04-09T08:00:00.000Z', 'sent', null],
  ['malepunkt', 2, 'reminder', '2027-04-12T08:00:00.000Z', 'sent', null],
  ['malepunkt', 2, 'reminder', '2027-04-16T08:00:00.000Z', 'sent', null],
  ['malepunkt', 3, 'invitation', '2027-05-21T08:00:00.000Z', 'sent', null],
  ['malepunkt', 3, 'reminder', '2027-05-24T08:00:00.000Z', 'sent', null],
  ['malepunkt', 3, 'reminder', '2027-05-28T08:00:00.000Z', 'sent', null],
  ['malepunkt', 4, 'invitation', '2027-07-02T08:00:00.000Z', 'sent', null],
  ['malepunkt', 4, 'reminder', '2027-07-05T08:00:00.000Z', 'sent', null],
  ['malepunkt', 4, 'reminder', '2027-07-09T08:00:00.000Z', 'sent', null],
  // Ordered on the run after discharge was recorded (its window opened a week before): invited then;
  // the reminder of 11 July has passed and the one of 15 July is the same day as the invitation.
  ['avslutning', 1, 'invitation', '2027-07-15T05:00:00.000Z', 'sent', null],
  ['oppfolging-12m', 1, 'invitation', '2028-07-01T08:00:00.000Z', 'sent', null],
  ['oppfolging-12m', 1, 'reminder', '2028-07-08T08:00:00.000Z', 'sent', null],
  ['oppfolging-12m', 1, 'reminder', '2028-07-15T08:00:00.000Z', 'sent', null],
  ['oppfolging-12m', 1, 'reminder', '2028-07-29T08:00:00.000Z', 'sent', null],
];

describe('invitations and reminders over a whole course', () => {
  it("KVARUS (18 months): an invitation when each window opens and the plan's reminders, by e-mail and SMS; none after the answer", async () => {
    const { id } = await enrolWith({
      patientRef: 'kv-1',
      plan: 'kvarus',
      enrolledAt: '2027-01-15T09:00:00Z',
      email: 'ola@example.org',
      mobile: '912 34 567',
    });
    const totals = await runDays('2027-01-15', '2028-08-31', async (day) => {
      if (day === '2027-07-15') await recordEventAt(id, 'discharged', '2027-07-15T08:00:00Z');
      // The basis answered on a tablet the day after the invitation: its reminders are not sent.
      if (day === '2027-01-16') await answerOnTablet((await detailOf(id)).windows[0]?.order?.id ?? '', 'unit-a');
    });
    const rows = messageRows(await detailOf(id));
    expect(onChannel(rows, 'email')).toEqual(kvarusMessages);
    expect(onChannel(rows, 'sms')).toEqual(kvarusMessages);
    expect(totals).toMatchObject({ ordered: 7, missed: 0, queued: 40, sent: 36, retrying: 0, failed: 0 });
    // What the servers received: one e-mail and one SMS per message sent, to the patient, with no code and no telling word.
    expect(world.smtp.received).toHaveLength(18);
    expect(world.gateway.received).toHaveLength(18);
    expect(new Set(world.smtp.received.flatMap((m) => m.to))).toEqual(new Set(['ola@example.org']));
    for (const request of world.gateway.received) expect(request.body).toMatchObject({ to: '+4791234567' });
    for (const mail of world.smtp.received) {
      expect(mail.raw).toContain('https://svar.example/');
      expect(mail.raw).not.toContain('/#/claim/');
      expect(forbiddenIn(mail.raw.split('\r\n\r\n').slice(1).join('\n'))).toEqual([]);
    }
    // Running the last day again queues and sends nothing more.
    expect((await world.register.runScheduler(world.clock.now)).queued).toBe(0);
    expect((await world.register.deliverMessages(world.clock.now)).sent).toBe(0);
  }, 300_000);

  it('ECT on the days daylight saving begins and ends: reminders at 10:00 Oslo either side of the change', async () => {
    // Saturday 27 March 2027: summer time begins at 02:00 on Sunday 28 March.
    const spring = await enrolWith({
      patientRef: 'ect-s',
      plan: 'ect',
      unit: 'ect',
      enrolledAt: '2027-03-27T08:00:00Z',
      email: 'kari@example.org',
      language: 'nn',
    });
    // Saturday 30 October 2027: winter time comes back at 03:00 on Sunday 31 October.
    const autumn = await enrolWith({
      patientRef: 'ect-a',
      plan: 'ect',
      unit: 'ect',
      enrolledAt: '2027-10-30T07:00:00Z',
      mobile: '+47 987 65 432',
    });
    await runDays('2027-03-27', '2027-03-30');
    await runDays('2027-10-30', '2027-11-02');
    expect(messageRows(await detailOf(spring.id))).toEqual([
      ['for-serie', 1, 'invitation', 'email', '2027-03-27T09:00:00.000Z', 'sent', null],
      ['for-serie', 1, 'reminder', 'email', '2027-03-28T08:00:00.000Z', 'sent', null],
    ]);
    expect(messageRows(await detailOf(autumn.id))).toEqual([
      ['for-serie', 1, 'invitation', 'sms', '2027-10-30T08:00:00.000Z', 'sent', null],
      ['for-serie', 1, 'reminder', 'sms', '2027-10-31T09:00:00.000Z', 'sent', null],
    ]);
    // In the patient's language (nynorsk here), and neutral.
    expect(world.smtp.received).toHaveLength(2);
    expect(world.smtp.received[0]?.raw).toContain('Content-Language: nn');
    expect(world.gateway.received.map((r) => (r.body as { to: string }).to)).toEqual(['+4798765432', '+4798765432']);
  }, 120_000);
});

describe('when sending fails, and when messages stop', () => {
  it('a gateway answering 500 and an SMTP server refusing are tried again with backoff, and the messages go out when they accept', async () => {
    const { id } = await enrolWith({
      patientRef: 'f-1',
      plan: 'ect',
      enrolledAt: '2027-02-01T07:00:00Z',
      email: 'ola@example.org',
      mobile: '91234567',
    });
    world.gateway.behave('fail');
    world.smtp.refuse(true);
    await runDays('2027-02-01', '2027-02-01');
    const failing = (await detailOf(id)).messages.filter((m) => m.kind === 'invitation');
    expect(failing.map((m) => [m.channel, m.status, m.lastError])).toEqual([
      ['email', 'pending', 'SMTP 550 5.1.1 (EENVELOPE)'],
      ['sms', 'pending', 'SMS gateway answered 500'],
    ]);
    // Due at 09:00 UTC: tried then and at the 12:00 delivery (the retry after 5 minutes was due by then).
    expect(failing.map((m) => m.attempts)).toEqual([2, 2]);
    world.gateway.behave('accept');
    world.smtp.refuse(false);
    await runDays('2027-02-02', '2027-02-02');
    const detail = await detailOf(id);
    expect(detail.messages.map((m) => [m.kind, m.channel, m.status])).toEqual([
      ['invitation', 'email', 'sent'],
      ['invitation', 'sms', 'sent'],
      ['reminder', 'email', 'sent'],
      ['reminder', 'sms', 'sent'],
    ]);
    expect(world.smtp.received).toHaveLength(2);
  }, 120_000);

  it('staff stop the messages: nothing more is sent; ending the enrolment forgets the contact', async () => {
    const { id } = await enrolWith({ patientRef: 's-1', plan: 'ect', enrolledAt: '2027-02-01T07:00:00Z', email: 'ola@example.org' });
    await runDays('2027-02-01', '2027-02-01');
    const stopped = await world.register.staff('POST', `/api/plan-enrolments/${id}/stop-messages`);
    expect(stopped.status).toBe(200);
    await runDays('2027-02-02', '2027-02-03');
    const detail = await detailOf(id);
    expect(detail.contact).toMatchObject({ email: 'o•••@example.org', mobile: null, stoppedBy: 'staff' });
    expect(detail.messages.map((m) => [m.kind, m.status, m.reason])).toEqual([
      ['invitation', 'sent', null],
      ['reminder', 'stopped', 'stoppedByStaff'],
    ]);
    expect(world.smtp.received).toHaveLength(1);
    expect((await world.register.staff('POST', `/api/plan-enrolments/${id}/end`)).status).toBe(200);
    expect((await detailOf(id)).contact).toBeNull();
    expect(await world.register.store.messages.listEnrolmentMessages(id)).toHaveLength(2);
  }, 120_000);
});

describe('coverage with messages', () => {
  it('counts invitations sent and orders completed after a reminder, in JSON and CSV', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++)
      ids.push((await enrolWith({ patientRef: `c-${n}`, plan: 'ect', enrolledAt: '2027-02-01T07:00:00Z', email: `p${n}@example.org` })).id);
    await runDays('2027-02-01', '2027-02-01');
    const orderOf = async (id: string) => (await detailOf(id)).windows[0]?.order?.id ?? '';
    // One answers after the invitation, before the reminder (10:00 Oslo the next day); one after the reminder.
    world.clock.now = new Date('2027-02-01T13:00:00Z');
    await answerOnTablet(await orderOf(ids[0] ?? ''), 'unit-a');
    await runDays('2027-02-02', '2027-02-02');
    world.clock.now = new Date('2027-02-02T13:00:00Z');
    await answerOnTablet(await orderOf(ids[1] ?? ''), 'unit-a');
    const json = await world.register.staff('GET', '/api/coverage.json');
    expect(coverageResponse.parse(json.json).groups).toEqual([
      expect.objectContaining({ patients: 5, created: 5, invitationsSent: 5, completed: 2, completedAfterReminder: 1 }),
    ]);
    const csv = await world.register.staff('GET', '/api/coverage.csv');
    expect(csv.body.split('\r\n')[1]).toMatch(/,5,1\r?$/);
  }, 120_000);
});
