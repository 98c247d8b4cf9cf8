// The scheduler's message pass: for each open window of an enrolment that has a contact not stopped,
// the invitation and the reminders the plan gives, one per channel the contact has, queued for the
// deliverer (notify/delivery.ts). Each message's id is made of the contact, the order, the kind and
// the channel, and inserting one that is stored already writes nothing, so a window's messages are
// queued once however many runs and instances pass over it; and a run after a crash between an
// order's commit and its messages, or after staff add contact details, queues what is missing.
// Reminders whose time has passed are not queued late (the scheduler was down, or the contact came
// later); a message no longer wanted (the order answered, cancelled or closed) is cancelled.
import { defaultReminderTime, osloDateOf, osloInstant, parseTime, type ParsedPlan, type ScheduledTimePoint } from '../core/plans/index.js';
import { whyNotWanted } from './notify/delivery.js';
import type { RegisterContext } from './register.js';
import type { NewMessage } from './store/message-operations.js';
import { messageChannel, messageKind, type ContactRecord, type MessageChannel } from './store/message-records.js';
import type { PlanEnrolmentRecord } from './store/store.js';

/** One message of a window, as the pass would queue it. */
export const messageId = (contactId: string, orderId: string, kind: string, channel: MessageChannel) =>
  `${contactId}/${orderId}/${kind}/${channel}`;

function channelsOf(contact: ContactRecord): MessageChannel[] {
  return [...(contact.emailSealed !== null ? [messageChannel.email] : []), ...(contact.phoneSealed !== null ? [messageChannel.sms] : [])];
}

/** A reminder on the invitation's own day (a window ordered late) is left out: the invitation has just said it. */
function isSameOsloDay(a: Date, b: Date): boolean {
  const [x, y] = [osloDateOf(a), osloDateOf(b)];
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** The invitation goes at the plan's reminder time on the day the window opens (not at midnight), or now when that has passed. */
function invitationTime(plan: ParsedPlan, window: ScheduledTimePoint, now: Date): Date {
  const time = parseTime(plan.plan.reminderTime ?? defaultReminderTime) ?? { hour: 10, minute: 0 };
  const at = osloInstant(osloDateOf(window.opensAt), time);
  return at > now ? at : now;
}

/** The messages a window's order should have for the contact at `now`: the invitation, and the reminders still ahead. */
export function windowMessages(
  plan: ParsedPlan,
  window: ScheduledTimePoint,
  orderId: string,
  contact: ContactRecord,
  now: Date,
): NewMessage[] {
  const invitedAt = invitationTime(plan, window, now);
  return channelsOf(contact).flatMap((channel) => [
    {
      id: messageId(contact.id, orderId, messageKind.invitation, channel),
      contactId: contact.id,
      kind: messageKind.invitation,
      channel,
      orderId,
      scheduledAt: invitedAt.toISOString(),
    },
    ...window.reminders.flatMap((at, i) =>
      at > now && !isSameOsloDay(at, invitedAt)
        ? [
            {
              id: messageId(contact.id, orderId, `${messageKind.reminder}-${i + 1}`, channel),
              contactId: contact.id,
              kind: messageKind.reminder,
              channel,
              orderId,
              scheduledAt: at.toISOString(),
            },
          ]
        : [],
    ),
  ]);
}

/**
 * Queues what the enrolment's open windows lack for its contact; returns how many messages this call
 * queued. Nothing for an enrolment without a contact, or whose contact has stopped messages.
 */
export async function queueWindowMessages(
  context: RegisterContext,
  plan: ParsedPlan,
  enrolment: PlanEnrolmentRecord,
  windows: readonly ScheduledTimePoint[],
  now: Date,
): Promise<number> {
  if (enrolment.contactId === null) return 0;
  const { store } = context;
  const contact = await store.messages.getContact(enrolment.contactId);
  if (!contact || contact.stoppedAt !== null) return 0;
  let queued = 0;
  for (const row of await store.listPlanOrders(enrolment.id)) {
    if (row.orderId === null || new Date(row.closesAt) <= now) continue;
    const window = windows.find((w) => w.timePoint === row.timePoint && w.occurrence === row.occurrence);
    if (!window) continue;
    const unwanted = whyNotWanted(await store.messages.orderStateForMessage(row.orderId), now);
    if (unwanted) {
      await store.messages.cancelPendingForOrder(row.orderId, unwanted, now.toISOString());
      continue;
    }
    const stored = new Set((await store.messages.listMessages({ orderId: row.orderId })).map((m) => m.id));
    for (const message of windowMessages(plan, window, row.orderId, contact, now)) {
      if (stored.has(message.id)) continue;
      if (await store.messages.insertMessage(message)) queued++;
    }
  }
  return queued;
}
