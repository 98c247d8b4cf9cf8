// The staff console's view of measurement plans (issue 16's contract): the plans the register has
// loaded, one enrolment in full (its windows with their orders, the next windows, its contact masked,
// the messages about it), setting or replacing the patient's contact details, and staff stopping the
// messages. Contact details are opened here only to mask them or to carry them over to a new contact.
import {
  type PlanEnrolmentDetail,
  type PlanMessageSummary,
  type PlanSummary,
  type PlanWindowDetail,
  type SetPlanContactRequest,
  type SetPlanSubjectRequest,
} from '../core/index.js';
import { defaultReminderTime, type ParsedPlan } from '../core/plans/index.js';
import { maskedContact, stopMessages } from './notify/contacts.js';
import { setContactOf } from './plan-contact.js';
import { questionnaireState } from './register-console.js';
import { enrolmentIn, notFound } from './register-plans.js';
import type { RegisterContext } from './register.js';
import { pinnedPlan, scheduleUntil } from './scheduler.js';
import type { PlanEnrolmentRecord, UnitScope } from './store/store.js';

/** How far ahead the detail lists windows not yet open, and how many at most. */
const upcomingDays = 366;
const upcomingCount = 12;

export function planSummaryOf({ plan, key }: ParsedPlan): PlanSummary {
  return {
    id: plan.id,
    version: plan.version,
    key,
    title: plan.title,
    reminderTime: plan.reminderTime ?? defaultReminderTime,
    events: (plan.events ?? []).map(({ id, name }) => ({ id, name })),
    settings: (plan.settings ?? []).map(({ id, name, default: value, min, max }) => ({ id, name, default: value, min, max })),
    timePoints: plan.timePoints.map((t) => ({
      id: t.id,
      name: t.name,
      questionnaires: [...t.questionnaires],
      anchor: t.anchor,
      offset: t.offset,
      window: t.window,
      ...(t.repeat ? { repeat: t.repeat } : {}),
      reminders: t.reminders ?? [],
    })),
  };
}

async function windowDetails({ store, now }: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<PlanWindowDetail[]> {
  const rows = await store.listPlanOrders(enrolment.id);
  const orderIds = rows.flatMap((row) => (row.orderId === null ? [] : [row.orderId]));
  const [orders, answered] = await Promise.all([Promise.all(orderIds.map((id) => store.getOrder(id))), store.listOrderAnswered(orderIds)]);
  const at = now();
  return rows.map(({ timePoint, occurrence, outcome, opensAt, closesAt, orderId }) => {
    const order = orders.find((o) => o?.id === orderId);
    return {
      timePoint,
      occurrence,
      outcome,
      opensAt,
      closesAt,
      order: order
        ? {
            id: order.id,
            validFrom: order.validFrom,
            validUntil: order.validUntil,
            createdAt: order.createdAt,
            claimedAt: order.claimedAt,
            cancelledAt: order.cancelledAt,
            questionnaires: order.questionnaires.map(({ key, hash }) => {
              const submissionIds = answered.filter((a) => a.orderId === order.id && a.definitionKey === key).map((a) => a.submissionId);
              return { key, hash, state: questionnaireState(order, submissionIds, at), submissionIds };
            }),
          }
        : null,
    };
  });
}

async function upcomingOf(context: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<PlanEnrolmentDetail['upcoming']> {
  const plan = pinnedPlan(context, enrolment);
  if (!plan || enrolment.endedAt !== null) return [];
  const now = context.now();
  const windows = await scheduleUntil(context, plan, enrolment, new Date(now.getTime() + upcomingDays * 86_400_000));
  return windows
    .filter((w) => w.opensAt > now)
    .slice(0, upcomingCount)
    .map((w) => ({
      timePoint: w.timePoint,
      occurrence: w.occurrence,
      opensAt: w.opensAt.toISOString(),
      closesAt: w.closesAt.toISOString(),
      reminders: w.reminders.map((r) => r.toISOString()),
    }));
}

async function contactOf({ store, keys }: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<PlanEnrolmentDetail['contact']> {
  if (enrolment.contactId === null) return null;
  const contact = await store.messages.getContact(enrolment.contactId);
  if (!contact) return null;
  let masked: { email: string | undefined; phone: string | undefined };
  try {
    masked = maskedContact(keys.contactKey, contact);
  } catch {
    // Sealed under other keys than this register's: staff see that there is a detail, not what it is.
    masked = { email: contact.emailSealed === null ? undefined : '•••', phone: contact.phoneSealed === null ? undefined : '•••' };
  }
  return {
    email: masked.email ?? null,
    mobile: masked.phone ?? null,
    language: contact.language,
    stoppedAt: contact.stoppedAt,
    stoppedBy: contact.stoppedBy,
  };
}

async function messagesOf({ store }: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<PlanMessageSummary[]> {
  return (await store.messages.listEnrolmentMessages(enrolment.id)).map((m) => ({
    id: m.id,
    kind: m.kind,
    channel: m.channel,
    orderId: m.orderId,
    timePoint: m.timePoint,
    occurrence: m.occurrence,
    scheduledAt: m.scheduledAt,
    status: m.status,
    attempts: m.attempts,
    nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt : null,
    sentAt: m.sentAt,
    lastError: m.lastError,
    reason: m.reason,
  }));
}

export async function planEnrolmentDetail(context: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<PlanEnrolmentDetail> {
  const [events, windows, upcoming, contact, messages] = await Promise.all([
    context.store.listPlanEvents(enrolment.id),
    windowDetails(context, enrolment),
    upcomingOf(context, enrolment),
    contactOf(context, enrolment),
    messagesOf(context, enrolment),
  ]);
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
    windows,
    upcoming,
    contact,
    messages,
  };
}

export function planDetailDesk(context: RegisterContext) {
  const fresh = async (id: string) => {
    const enrolment = await context.store.getPlanEnrolment(id);
    if (!enrolment) throw notFound();
    return planEnrolmentDetail(context, enrolment);
  };
  return {
    listPlans: (): PlanSummary[] => [...context.plans.values()].sort((a, b) => a.plan.id.localeCompare(b.plan.id)).map(planSummaryOf),
    async getPlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentDetail> {
      return planEnrolmentDetail(context, await enrolmentIn(context, id, units, { isOpen: false }));
    },
    async setPlanContact(id: string, request: SetPlanContactRequest, units: UnitScope): Promise<PlanEnrolmentDetail> {
      await setContactOf(context, await enrolmentIn(context, id, units, { isOpen: true }), request);
      return fresh(id);
    },
    /** Register data: a value sets, null removes, left out keeps; also once the enrolment has ended (a correction still counts). */
    async setPlanSubject(id: string, request: SetPlanSubjectRequest, units: UnitScope): Promise<PlanEnrolmentDetail> {
      const enrolment = await enrolmentIn(context, id, units, { isOpen: false });
      await context.store.setPlanEnrolmentSubject(id, {
        birthMonth: request.birthMonth === undefined ? (enrolment.birthMonth ?? null) : request.birthMonth,
        sex: request.sex === undefined ? (enrolment.sex ?? null) : request.sex,
      });
      return fresh(id);
    },
    /** Staff: no more messages to the enrolment's contact; messages not yet sent stop. Stopping again changes nothing. */
    async stopPlanMessages(id: string, units: UnitScope): Promise<PlanEnrolmentDetail> {
      const enrolment = await enrolmentIn(context, id, units, { isOpen: false });
      if (enrolment.contactId !== null) await stopMessages(context.store.messages, enrolment.contactId, 'staff', context.now());
      return fresh(id);
    },
  };
}
