// The scheduler: for every active plan enrolment, the orders whose windows have opened, made once.
// Each window has one row (plan_orders, keyed by enrolment, time point and occurrence), written in
// the transaction that makes its order: of several instances running at once over one PostgreSQL,
// one writes the row and the order, the others find the row and make nothing. A window that closed
// while no scheduler ran is recorded as missed, not ordered after the fact. Days are Oslo days (planSchedule).
import { z } from 'zod/mini';
import { duration, planSchedule, type ParsedPlan, type ScheduledTimePoint } from '../core/plans/index.js';
import { ApiFailure } from './errors.js';
import type { RegisterContext } from './register.js';
import { newOrder } from './register-orders.js';
import { orderRefusal, writeOrderIn } from './register-writes.js';
import { queueWindowMessages } from './scheduler-messages.js';
import type { OrderRecord, PlanEnrolmentRecord, PlanOrderRecord } from './store/store.js';

/** What a run made, for the log: counts and ids only (never patient references or codes). */
export interface SchedulerRun {
  ordered: number;
  missed: number;
  /** Invitations and reminders queued for the open windows of enrolments with a contact (scheduler-messages.ts). */
  queued: number;
  /** Enrolments whose pinned plan version the register does not have loaded (the file changed or was removed). */
  withoutPlan: string[];
  /** Windows no order could be made for, with why (a questionnaire missing or changed); tried again on the next run. */
  failed: { enrolmentId: string; timePoint: string; occurrence: number; reason: string }[];
}

/** An order made for a window: where messages queue the invitation and the reminders (see scheduler seam in docs/architecture.md). */
export interface OpenedOrder {
  enrolment: PlanEnrolmentRecord;
  window: ScheduledTimePoint;
  order: OrderRecord;
  /** The patient's link with the access code: shown nowhere else, since only its hash is stored. */
  link: string;
}

/** The register's context (its plans among it) and what messages hook in. */
export interface SchedulerContext extends RegisterContext {
  /** Called after each order is made and committed; messages will queue the invitation and reminders here. */
  onOrderOpened?: (opened: OpenedOrder) => Promise<void>;
}

const storedSettings = z.record(z.string(), duration);

/**
 * The plan an enrolment follows: the version it was made under (the current one or one kept beside it),
 * with the hash pinned at enrolment.
 */
export function pinnedPlan(
  { planVersions }: Pick<RegisterContext, 'planVersions'>,
  enrolment: Pick<PlanEnrolmentRecord, 'planKey' | 'planHash'>,
): ParsedPlan | undefined {
  const parsed = planVersions.get(enrolment.planKey);
  return parsed?.hash === enrolment.planHash ? parsed : undefined;
}

/** The events as the schedule takes them: the latest recorded for each name wins (a correction). */
export function eventTimes(events: readonly { name: string; at: string }[]): Record<string, Date> {
  return Object.fromEntries(events.map((event) => [event.name, new Date(event.at)]));
}

/** The enrolment's windows that open before `until`. */
export async function scheduleUntil(context: RegisterContext, plan: ParsedPlan, enrolment: PlanEnrolmentRecord, until: Date) {
  const events = eventTimes(await context.store.listPlanEvents(enrolment.id));
  return planSchedule(plan.plan, {
    enrolledAt: new Date(enrolment.enrolledAt),
    events,
    settings: storedSettings.parse(enrolment.settings),
    until,
  });
}

/** The enrolment's windows that have opened by `now`. */
export const windowsOf = (context: RegisterContext, plan: ParsedPlan, enrolment: PlanEnrolmentRecord, now: Date) =>
  scheduleUntil(context, plan, enrolment, new Date(now.getTime() + 1));

const linkOf = (
  enrolment: PlanEnrolmentRecord,
  window: ScheduledTimePoint,
  outcome: PlanOrderRecord['outcome'],
  orderId: string | null,
  now: Date,
) => ({
  enrolmentId: enrolment.id,
  timePoint: window.timePoint,
  occurrence: window.occurrence,
  orderId,
  outcome,
  opensAt: window.opensAt.toISOString(),
  closesAt: window.closesAt.toISOString(),
  recordedAt: now.toISOString(),
});

/** Thrown to roll back an order whose window another run (here or on another instance) has ordered. */
class OrderedElsewhere extends Error {}

/** Makes the window's order and its row together, unless the row exists; whether this call made it. */
async function orderWindow(context: SchedulerContext, enrolment: PlanEnrolmentRecord, window: ScheduledTimePoint, now: Date) {
  const at = now.toISOString();
  const made = newOrder(
    context,
    {
      patientRef: enrolment.patientRef,
      questionnaires: window.questionnaires,
      measurementPoint: window.timePoint,
      validFrom: window.opensAt.toISOString(),
      validUntil: window.closesAt.toISOString(),
      unit: enrolment.unit,
    },
    at,
  );
  let isMade: boolean;
  try {
    isMade = await context.store.transaction(async (tx) => {
      // The order first (the row refers to it); the row decides, and rolls the order back when another made the window's.
      await writeOrderIn(tx, made.order, made.snapshots, at);
      if (!(await tx.insertPlanOrder(linkOf(enrolment, window, 'ordered', made.order.id, now)))) throw new OrderedElsewhere();
      return true;
    });
  } catch (error) {
    if (!(error instanceof OrderedElsewhere)) throw error;
    isMade = false;
  }
  if (isMade)
    await context.onOrderOpened?.({ enrolment, window, order: made.order, link: `${context.publicUrl}/#/claim/${made.accessCode}` });
  return isMade;
}

function failureReason(error: unknown): string | undefined {
  const refusal = orderRefusal(error);
  if (refusal) return refusal.reason;
  if (error instanceof ApiFailure) return error.code;
  return undefined;
}

async function scheduleEnrolment(
  context: SchedulerContext,
  plan: ParsedPlan,
  enrolment: PlanEnrolmentRecord,
  now: Date,
  run: SchedulerRun,
) {
  const done = new Set((await context.store.listPlanOrders(enrolment.id)).map((row) => `${row.timePoint}/${row.occurrence}`));
  const windows = await windowsOf(context, plan, enrolment, now);
  for (const window of windows) {
    if (done.has(`${window.timePoint}/${window.occurrence}`)) continue;
    if (window.closesAt <= now) {
      // Closed while no scheduler ran: an order made now would be expired already.
      if (await context.store.insertPlanOrder(linkOf(enrolment, window, 'missed', null, now))) run.missed++;
      continue;
    }
    try {
      if (await orderWindow(context, enrolment, window, now)) run.ordered++;
    } catch (error) {
      const reason = failureReason(error);
      if (reason === undefined) throw error;
      run.failed.push({ enrolmentId: enrolment.id, timePoint: window.timePoint, occurrence: window.occurrence, reason });
    }
  }
  run.queued += await queueWindowMessages(context, plan, enrolment, windows, now);
}

/**
 * One pass over every active enrolment at `now`: orders for the windows open now and not yet
 * ordered, missed rows for those that closed unordered, and the open windows' invitations and
 * reminders for enrolments with a contact. Paused enrolments make nothing; ended ones
 * are not read. Safe to run again and on several instances at once.
 */
export async function runScheduler(context: SchedulerContext, now: Date): Promise<SchedulerRun> {
  const run: SchedulerRun = { ordered: 0, missed: 0, queued: 0, withoutPlan: [], failed: [] };
  for (const enrolment of await context.store.listPlanEnrolments({ units: 'all', isActive: true })) {
    if (enrolment.pausedAt !== null) continue;
    const plan = pinnedPlan(context, enrolment);
    if (!plan) {
      run.withoutPlan.push(enrolment.id);
      continue;
    }
    await scheduleEnrolment(context, plan, enrolment, now, run);
  }
  return run;
}
