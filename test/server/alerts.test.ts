// Alerts for the patient's unit: a submission whose answers the definition marks as alerting reaches
// the unit's console at once and its address by e-mail (through a real SMTP server), the e-mail
// carrying no health data; acknowledging one records who and when; on both stores.
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ConsoleAlert } from '../../src/core/index.js';
import { alertEmailText } from '../../src/server/alerts.js';
import { forbiddenIn, smtpServer } from './notify-fixture.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';
import { projectRoot } from '../core/fixtures.js';

/** A small questionnaire with an answer alert (thoughts of self-harm: yes) and a score flag that alerts. */
const alerting = {
  id: 'alert-check',
  version: '1',
  languages: ['nb', 'en'],
  title: { nb: 'Varselsjekk', en: 'Alert check' },
  license: 'CC0-1.0',
  source: { citation: 'Written for the tests' },
  items: [
    { id: 'harm', kind: 'yes-no', text: { nb: 'Tanker om å skade deg selv?', en: 'Thoughts of harming yourself?' } },
    {
      id: 'low',
      kind: 'scale',
      min: 0,
      max: 6,
      labels: [{ value: 0, text: { nb: 'Aldri', en: 'Never' } }],
      text: { nb: 'Nedstemt?', en: 'Low?' },
    },
  ],
  scores: [
    {
      id: 'low_score',
      title: { nb: 'Nedstemthet', en: 'Low mood' },
      kind: 'sum',
      items: ['low'],
      flags: [{ id: 'high', atLeast: 5, label: { nb: 'Svært nedstemt', en: 'Very low' }, alert: true }],
    },
  ],
  alerts: [
    {
      id: 'harm_yes',
      when: { op: 'equals', item: 'harm', value: true },
      label: { nb: 'Svarte ja på tanker om selvskading', en: 'Answered yes to thoughts of self-harm' },
    },
  ],
};

let register: TestRegister;
let smtp: Awaited<ReturnType<typeof smtpServer>>;

beforeEach(async () => {
  smtp = await smtpServer();
  const folder = await mkdtemp(path.join(tmpdir(), 'alert-questionnaires-'));
  await cp(path.join(projectRoot, 'questionnaires'), folder, { recursive: true });
  await writeFile(path.join(folder, 'alert-check.json'), JSON.stringify(alerting));
  register = await startTestRegister({
    env: {
      QUESTIONNAIRES_DIR: folder,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Svar <no-reply@svar.example>',
      ALERT_EMAILS: JSON.stringify({ 'Poliklinikk A': 'post-a@klinikk.example' }),
      SCHEDULER_INTERVAL_SECONDS: '0',
    },
  });
});
afterEach(async () => {
  await register.close();
  await smtp.close();
});

async function answer(answers: Record<string, unknown>, unit = 'Poliklinikk A', patientRef = 'pseudo-alert') {
  const device = await newDevice();
  const created = await createOrder(register, ['alert-check@1'], { unit, patientRef });
  const order = await claim(register, created.accessCode, device);
  const payload = payloadFor(order, answers as never);
  expect((await register.post('/api/submissions', { token: await sealFor(device, order, payload) })).status).toBe(201);
  return payload.submissionId;
}

const openAlerts = async () => ((await register.staff('GET', '/api/staff/alerts')).json as { alerts: ConsoleAlert[] }).alerts;

describe('an alerting answer', () => {
  test("reaches the unit's console as soon as the submission arrives, with what raised it", async () => {
    const submissionId = await answer({ harm: { value: true }, low: { value: 6 } });
    expect(await openAlerts()).toEqual([
      {
        id: expect.any(String),
        submissionId,
        patientRef: 'pseudo-alert',
        unit: 'Poliklinikk A',
        questionnaireKey: 'alert-check@1',
        raised: [
          { kind: 'answer', id: 'harm_yes', label: alerting.alerts[0]?.label },
          { kind: 'flag', id: 'low_score.high', label: { nb: 'Svært nedstemt', en: 'Very low' } },
        ],
        createdAt: expect.any(String),
        acknowledgedAt: null,
        acknowledgedBy: null,
        emailStatus: 'pending',
      },
    ]);
  });

  test('raises nothing when no alerting answer was given, and once only for a submission sent again', async () => {
    await answer({ harm: { value: false }, low: { value: 2 } });
    expect(await openAlerts()).toEqual([]);
    const device = await newDevice();
    const created = await createOrder(register, ['alert-check@1'], { unit: 'Poliklinikk A' });
    const order = await claim(register, created.accessCode, device);
    const token = await sealFor(device, order, payloadFor(order, { harm: { value: true }, low: { value: 0 } } as never));
    expect((await register.post('/api/submissions', { token })).status).toBe(201);
    expect((await register.post('/api/submissions', { token })).status).toBe(200);
    expect(await openAlerts()).toHaveLength(1);
  });

  test("e-mails the unit's address, saying only that there is an alert in the console", async () => {
    await answer({ harm: { value: true }, low: { value: 0 } });
    await answer({ harm: { value: true }, low: { value: 0 } }, 'Sengepost B');
    expect(await register.deliverAlertEmails(new Date())).toBe(1);
    expect(smtp.received.map((mail) => mail.to)).toEqual([['post-a@klinikk.example']]);
    const raw = smtp.received[0]?.raw ?? '';
    expect(raw).toContain('https://register.example/staff/');
    expect(raw).not.toContain('pseudo-alert');
    expect(forbiddenIn(alertEmailText('https://svar.example/staff/').text)).toEqual([]);
    // sent once: nothing is due any more
    expect(await register.deliverAlertEmails(new Date(Date.now() + 3_600_000))).toBe(0);
    const alerts = await openAlerts();
    expect(alerts.map((a) => [a.unit, a.emailStatus]).sort()).toEqual([
      ['Poliklinikk A', 'sent'],
      ['Sengepost B', 'none'],
    ]);
  });

  test('an e-mail the server refuses is tried again later, then given up', async () => {
    smtp.refuse(true);
    await answer({ harm: { value: true }, low: { value: 0 } });
    const start = Date.now();
    expect(await register.deliverAlertEmails(new Date(start))).toBe(0);
    expect((await openAlerts())[0]?.emailStatus).toBe('pending');
    for (const minutes of [6, 40, 170]) await register.deliverAlertEmails(new Date(start + minutes * 60_000));
    expect((await openAlerts())[0]?.emailStatus).toBe('failed');
  });
});

describe('the audit trail of the list', () => {
  test('records a list when it shows an alert not recorded before, not each time the console asks again', async () => {
    const listed = async () => {
      const audit = await register.staff('GET', '/api/staff/audit');
      return (audit.json as { entries: { action: string; objects: { alertIds?: string[] } }[] }).entries.filter(
        (entry) => entry.action === 'alerts.list',
      );
    };
    await answer({ harm: { value: true }, low: { value: 0 } });
    for (let i = 0; i < 3; i++) await openAlerts();
    const [first] = await openAlerts();
    expect((await listed()).map((entry) => entry.objects.alertIds)).toEqual([[first?.id]]);
    await answer({ harm: { value: true }, low: { value: 0 } }, 'Poliklinikk A', 'pseudo-other');
    const both = (await openAlerts()).map((alert) => alert.id);
    await openAlerts();
    expect((await listed()).map((entry) => entry.objects.alertIds)).toEqual([both, [first?.id]]);
  });
});

describe('acknowledging', () => {
  test('records who and when, in the alert and in the audit trail; the first acknowledgement stands', async () => {
    await answer({ harm: { value: true }, low: { value: 0 } });
    const [alert] = await openAlerts();
    const acknowledged = await register.staff('POST', `/api/staff/alerts/${alert?.id ?? ''}/acknowledge`);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.json).toMatchObject({ id: alert?.id, acknowledgedAt: expect.any(String), acknowledgedBy: expect.any(String) });
    expect(await openAlerts()).toEqual([]);
    const again = await register.staff('POST', `/api/staff/alerts/${alert?.id ?? ''}/acknowledge`);
    expect(again.json).toMatchObject({ acknowledgedAt: (acknowledged.json as ConsoleAlert).acknowledgedAt });
    const all = (await register.staff('GET', '/api/staff/alerts?state=all')).json as { alerts: ConsoleAlert[] };
    expect(all.alerts).toHaveLength(1);
    const audit = await register.staff('GET', '/api/staff/audit?patientRef=pseudo-alert');
    expect(JSON.stringify(audit.json)).toContain('alerts.acknowledge');
    expect(await register.staff('POST', '/api/staff/alerts/no-such-alert/acknowledge')).toMatchObject({ status: 404 });
  });

  test("another unit's alerts are not listed, and cannot be acknowledged", async () => {
    await answer({ harm: { value: true }, low: { value: 0 } }, 'Sengepost B');
    expect(await register.store.alerts.listAlerts({ units: ['Poliklinikk A'], isOpenOnly: true, limit: 10 })).toEqual([]);
    expect(await register.store.alerts.listAlerts({ units: ['Sengepost B'], isOpenOnly: true, limit: 10 })).toHaveLength(1);
  });
});
