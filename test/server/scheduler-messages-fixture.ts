// What the tests of invitations and reminders share: a register on an injected clock with its loop
// off, e-mail through a real SMTP server (smtp-server) and SMS through a local HTTP server in the
// role of the gateway, each keeping what it received; days run as the register runs them (the
// scheduler early in the morning, the deliverer later), and a patient answering an order on a
// unit's tablet through the register's own routes.
import { afterEach, beforeEach, expect } from 'vitest';
import {
  claimResponse,
  buildSubmissionPayload,
  planEnrolmentDetailResponse,
  planEnrolmentResponse,
  type PlanEnrolmentDetail,
  type PlanEnrolmentSummary,
} from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { answerAll } from '../core/instruments/kvarus-ect-forms.js';
import { smsGateway, smtpServer } from './notify-fixture.js';
import { newDevice, sealFor, startTestRegister, type TestRegister } from './setup.js';

export interface MessagesWorld {
  register: TestRegister;
  smtp: Awaited<ReturnType<typeof smtpServer>>;
  gateway: Awaited<ReturnType<typeof smsGateway>>;
  /** The register's clock. */
  clock: { now: Date };
}

export const world = {} as MessagesWorld;

export function useMessagesRegister(): void {
  beforeEach(async () => {
    world.smtp = await smtpServer();
    world.gateway = await smsGateway();
    world.clock = { now: new Date('2027-01-01T00:00:00Z') };
    world.register = await startTestRegister({
      env: {
        SCHEDULER_INTERVAL_SECONDS: '0',
        PUBLIC_URL: 'https://svar.example',
        SMTP_URL: world.smtp.url,
        SMTP_FROM: 'Behandlingsstedet <no-reply@svar.example>',
        SMS_GATEWAY_URL: world.gateway.url,
        SMS_GATEWAY_TOKEN: 'gateway-token-0123',
      },
      now: () => world.clock.now,
    });
  });
  afterEach(async () => {
    await world.register.close();
    await world.smtp.close();
    await world.gateway.close();
  });
}

export async function enrolWith(body: Record<string, unknown>): Promise<PlanEnrolmentSummary> {
  const response = await world.register.staff('POST', '/api/plan-enrolments', { language: 'nb', unit: 'unit-a', ...body });
  expect(response.status, response.body).toBe(201);
  return planEnrolmentResponse.parse(response.json).enrolment;
}

export async function recordEventAt(id: string, name: string, at: string): Promise<void> {
  const response = await world.register.staff('POST', `/api/plan-enrolments/${id}/events`, { name, at });
  expect(response.status, response.body).toBe(201);
}

export async function detailOf(id: string): Promise<PlanEnrolmentDetail> {
  const response = await world.register.staff('GET', `/api/plan-enrolments/${id}`);
  expect(response.status, response.body).toBe(200);
  return planEnrolmentDetailResponse.parse(response.json).enrolment;
}

/** Each day from one to another (inclusive): `onDay` at 04:00 UTC, the scheduler at 05:00, the deliverer at 07:00, 08:00, 09:00 and 12:00 (UTC). */
export async function runDays(from: string, to: string, onDay: (day: string) => Promise<void> = async () => {}) {
  const totals = { ordered: 0, missed: 0, queued: 0, sent: 0, retrying: 0, failed: 0, stopped: 0, cancelled: 0 };
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day = new Date(day.getTime() + 86_400_000)) {
    const date = day.toISOString().slice(0, 10);
    world.clock.now = new Date(`${date}T04:00:00Z`);
    await onDay(date);
    world.clock.now = new Date(`${date}T05:00:00Z`);
    const run = await world.register.runScheduler(world.clock.now);
    expect(run.failed).toEqual([]);
    expect(run.withoutPlan).toEqual([]);
    totals.ordered += run.ordered;
    totals.missed += run.missed;
    totals.queued += run.queued;
    // 10:00 Oslo is 09:00 UTC in winter and 08:00 in summer: a delivery each hour around it sends on time.
    for (const hour of ['07', '08', '09', '12']) {
      world.clock.now = new Date(`${date}T${hour}:00:00Z`);
      const delivered = await world.register.deliverMessages(world.clock.now);
      for (const key of ['sent', 'retrying', 'failed', 'stopped', 'cancelled'] as const) totals[key] += delivered[key];
    }
  }
  return totals;
}

/** The patient answers every questionnaire of the order on a tablet of the order's unit, at the register's clock. */
export async function answerOnTablet(orderId: string, unit: string): Promise<void> {
  const { register } = world;
  const enrolment = await register.staff('POST', '/api/enrolments', { unit });
  const tablet = await register.post('/api/tablets', { code: String(enrolment.json.code) });
  expect(tablet.status).toBe(201);
  const device = await newDevice();
  const headers = { authorization: `Bearer ${String(tablet.json.tabletToken)}`, 'content-type': 'application/json' };
  const claimed = await register.post('/api/tablets/claim', { orderId, deviceKey: device.publicJwk }, { headers });
  expect(claimed.status, JSON.stringify(claimed.json)).toBe(200);
  const claim = claimResponse.parse(claimed.json);
  const at = world.clock.now.toISOString();
  for (const definition of claim.definitions) {
    const parsed = parseDefinition(definition);
    if (!parsed.ok) throw new Error('definition');
    const payload = buildSubmissionPayload({
      submissionId: crypto.randomUUID(),
      orderId,
      parsed,
      answers: answerAll(parsed.definition, false),
      language: 'nb',
      startedAt: at,
      completedAt: at,
      appVersion: 'test',
    });
    const sent = await register.post('/api/submissions', { token: await sealFor(device, claim, payload) });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
  }
}

/** The messages of an enrolment as [time point, occurrence, kind, channel, scheduled, status, reason]. */
export const messageRows = (detail: PlanEnrolmentDetail) =>
  detail.messages.map((m) => [m.timePoint, m.occurrence, m.kind, m.channel, m.scheduledAt, m.status, m.reason]);
