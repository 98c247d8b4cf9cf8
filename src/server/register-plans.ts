// Staff's plan enrolments: a patient reference enrolled in a plan at a unit (pinned to the plan's
// version and hash loaded now), the clinical events staff record, pausing, resuming and ending.
// Each function takes the units the caller may see ('all' until staff roles narrow it).
import { randomUUID } from 'node:crypto';
import {
  ApiError,
  looksLikeNationalId,
  type EnrolInPlanRequest,
  type PlanEnrolmentSummary,
  type RecordPlanEventRequest,
} from '../core/index.js';
import { scheduleInputProblems } from '../core/plans/index.js';
import { ApiFailure } from './errors.js';
import { forgetEnrolmentContact, refuseUnusable, setContactOf } from './plan-contact.js';
import type { RegisterContext } from './register.js';
import { pinnedPlan, windowsOf } from './scheduler.js';
import type { PlanEnrolmentRecord, UnitScope } from './store/store.js';

/** Who records events while the register has one staff token; staff accounts will name the person. */
const staffRecorder = 'staff';

async function summaryOf({ store }: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<PlanEnrolmentSummary> {
  const [events, windows] = await Promise.all([store.listPlanEvents(enrolment.id), store.listPlanOrders(enrolment.id)]);
  return {
    id: enrolment.id,
    patientRef: enrolment.patientRef,
    unit: enrolment.unit,
    plan: enrolment.planKey,
    language: enrolment.language,
    settings: enrolment.settings,
    enrolledAt: enrolment.enrolledAt,
    pausedAt: enrolment.pausedAt,
    endedAt: enrolment.endedAt,
    birthMonth: enrolment.birthMonth ?? null,
    sex: enrolment.sex ?? null,
    events: events.map(({ name, at, recordedAt }) => ({ name, at, recordedAt })),
    windows: windows.map(({ timePoint, occurrence, outcome, orderId, opensAt, closesAt }) => ({
      timePoint,
      occurrence,
      outcome,
      orderId,
      opensAt,
      closesAt,
    })),
  };
}

export const notFound = () => new ApiFailure(ApiError.notFound, 'There is no such plan enrolment');
export const isInScope = (units: UnitScope, unit: string) => units === 'all' || units.includes(unit);

/** The enrolment, if the caller may see it (404 otherwise); `isOpen`: refused (409) once it has ended. */
export async function enrolmentIn({ store }: RegisterContext, id: string, units: UnitScope, { isOpen }: { isOpen: boolean }) {
  const enrolment = await store.getPlanEnrolment(id);
  if (!enrolment || !isInScope(units, enrolment.unit)) throw notFound();
  if (isOpen && enrolment.endedAt !== null) throw new ApiFailure(ApiError.planEnrolmentEnded, 'The plan enrolment has ended');
  return enrolment;
}

function loadedPlan(context: RegisterContext, id: string) {
  const parsed = context.plans.get(id);
  if (!parsed) throw new ApiFailure(ApiError.unknownPlan, `The register has no plan ${id}`, [...context.plans.keys()]);
  return parsed;
}

async function enrolInPlan(context: RegisterContext, request: EnrolInPlanRequest, units: UnitScope): Promise<PlanEnrolmentSummary> {
  if (looksLikeNationalId(request.patientRef))
    throw new ApiFailure(
      ApiError.patientRefLooksLikeNationalId,
      "A patient reference must be the register's pseudonym, never a national identity number",
    );
  if (!isInScope(units, request.unit)) throw new ApiFailure(ApiError.notFound, 'There is no such unit');
  const parsed = loadedPlan(context, request.plan);
  const problems = scheduleInputProblems(parsed.plan, { settings: request.settings ?? {} });
  if (problems.length > 0) throw new ApiFailure(ApiError.badRequest, 'The settings do not fit the plan', problems);
  refuseUnusable(request);
  const now = context.now().toISOString();
  const enrolment: PlanEnrolmentRecord = {
    id: randomUUID(),
    patientRef: request.patientRef,
    unit: request.unit,
    planKey: parsed.key,
    planHash: parsed.hash,
    language: request.language,
    settings: request.settings ?? {},
    enrolledAt: request.enrolledAt ? new Date(request.enrolledAt).toISOString() : now,
    createdAt: now,
    pausedAt: null,
    endedAt: null,
    contactId: null,
    birthMonth: request.birthMonth ?? null,
    sex: request.sex ?? null,
  };
  await context.store.insertPlanEnrolment(enrolment);
  if (request.email !== undefined || request.mobile !== undefined) {
    await setContactOf(context, enrolment, { email: request.email, mobile: request.mobile });
    return summaryOf(context, (await context.store.getPlanEnrolment(enrolment.id)) ?? enrolment);
  }
  return summaryOf(context, enrolment);
}

async function recordPlanEvent(context: RegisterContext, id: string, request: RecordPlanEventRequest, units: UnitScope) {
  const enrolment = await enrolmentIn(context, id, units, { isOpen: true });
  const parsed = pinnedPlan(context, enrolment) ?? loadedPlan(context, enrolment.planKey.split('@')[0] ?? '');
  const problems = scheduleInputProblems(parsed.plan, { events: { [request.name]: new Date(request.at) } });
  if (problems.length > 0) throw new ApiFailure(ApiError.badRequest, 'The plan has no such event', problems);
  await context.store.insertPlanEvent({
    id: randomUUID(),
    enrolmentId: id,
    name: request.name,
    at: new Date(request.at).toISOString(),
    recordedAt: context.now().toISOString(),
    recordedBy: staffRecorder,
  });
  return summaryOf(context, enrolment);
}

/**
 * Resumes a paused enrolment: windows that closed while it was paused are recorded as such (not as
 * missed), and the next scheduler run makes the orders of windows still open.
 */
async function resume(context: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<void> {
  const now = context.now();
  const plan = pinnedPlan(context, enrolment);
  if (plan) {
    const done = new Set((await context.store.listPlanOrders(enrolment.id)).map((row) => `${row.timePoint}/${row.occurrence}`));
    for (const window of await windowsOf(context, plan, enrolment, now)) {
      if (done.has(`${window.timePoint}/${window.occurrence}`) || window.closesAt > now) continue;
      await context.store.insertPlanOrder({
        enrolmentId: enrolment.id,
        timePoint: window.timePoint,
        occurrence: window.occurrence,
        orderId: null,
        outcome: 'paused',
        opensAt: window.opensAt.toISOString(),
        closesAt: window.closesAt.toISOString(),
        recordedAt: now.toISOString(),
      });
    }
  }
  await context.store.setPlanEnrolmentPaused(enrolment.id, null);
}

export function planDesk(context: RegisterContext) {
  const { store, now } = context;
  const fresh = async (id: string) => {
    const enrolment = await store.getPlanEnrolment(id);
    if (!enrolment) throw notFound();
    return summaryOf(context, enrolment);
  };
  return {
    enrolInPlan: (request: EnrolInPlanRequest, units: UnitScope) => enrolInPlan(context, request, units),
    async listPlanEnrolments(filter: { patientRef?: string; unit?: string }, units: UnitScope): Promise<PlanEnrolmentSummary[]> {
      const enrolments = await store.listPlanEnrolments({ units, ...filter });
      return Promise.all(enrolments.map((enrolment) => summaryOf(context, enrolment)));
    },
    recordPlanEvent: (id: string, request: RecordPlanEventRequest, units: UnitScope) => recordPlanEvent(context, id, request, units),
    /** Paused: the scheduler makes no new orders for it; orders already made stay. Pausing a paused one changes nothing. */
    async pausePlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentSummary> {
      await enrolmentIn(context, id, units, { isOpen: true });
      await store.setPlanEnrolmentPaused(id, now().toISOString());
      return fresh(id);
    },
    async resumePlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentSummary> {
      const enrolment = await enrolmentIn(context, id, units, { isOpen: true });
      if (enrolment.pausedAt !== null) await resume(context, enrolment);
      return fresh(id);
    },
    /**
     * Ended: the scheduler stops; orders already made stay until their windows close. The contact's
     * details are forgotten and its messages not yet sent stop. Ending again changes nothing.
     */
    async endPlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentSummary> {
      const enrolment = await enrolmentIn(context, id, units, { isOpen: false });
      await store.endPlanEnrolment(id, now().toISOString());
      await forgetEnrolmentContact(context, enrolment);
      return fresh(id);
    },
  };
}
