// What the plan and scheduler tests share: a register with its scheduler loop off (the tests run the
// scheduler on their own clock), enrolling through the staff API, and the orders a patient has.
import { afterEach, beforeEach, expect } from 'vitest';
import { planEnrolmentResponse, type PlanEnrolmentSummary } from '../../src/core/index.js';
import { startTestRegister, type TestRegister } from './setup.js';

export let register: TestRegister;

export function usePlanRegister(): void {
  beforeEach(async () => {
    register = await startTestRegister({ env: { SCHEDULER_INTERVAL_SECONDS: '0' } });
  });
  afterEach(async () => register.close());
}

/** The register stopped and started again on its data (and database): the fixture's `register` becomes the new one. */
export async function restartRegister(): Promise<void> {
  register = await register.restart();
}

export async function enrol(body: Record<string, unknown>): Promise<PlanEnrolmentSummary> {
  const response = await register.staff('POST', '/api/plan-enrolments', { language: 'nb', unit: 'unit-a', ...body });
  expect(response.status, response.body).toBe(201);
  return planEnrolmentResponse.parse(response.json).enrolment;
}

export async function recordEvent(id: string, name: string, at: string): Promise<void> {
  const response = await register.staff('POST', `/api/plan-enrolments/${id}/events`, { name, at });
  expect(response.status, response.body).toBe(201);
}

/** A patient's orders as the scheduler made them, in the order their windows open. */
export async function ordersOf(patientRef: string) {
  const orders = await register.store.listOrders({ patientRef });
  return orders
    .map((order) => ({
      point: order.measurementPoint,
      validFrom: order.validFrom,
      validUntil: order.validUntil,
      createdAt: order.createdAt,
      questionnaires: order.questionnaires.map((q) => q.key),
    }))
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.point.localeCompare(b.point));
}

/** Runs the scheduler once a day at `hourUtc` from one day to another (inclusive), calling `onDay` first each day. */
export async function runDaily(from: string, to: string, onDay: (day: Date) => Promise<void> = async () => {}, hourUtc = 5) {
  const totals = { ordered: 0, missed: 0 };
  for (let day = new Date(`${from}T0${hourUtc}:00:00Z`); day <= new Date(`${to}T23:59:59Z`); day = new Date(day.getTime() + 86_400_000)) {
    await onDay(day);
    const run = await register.runScheduler(day);
    expect(run.failed).toEqual([]);
    expect(run.withoutPlan).toEqual([]);
    totals.ordered += run.ordered;
    totals.missed += run.missed;
  }
  return totals;
}
