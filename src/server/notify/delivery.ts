// Sends the messages that are due, each at most once across instances: a deliverer takes a few at a
// time under a lease, sends them, and records each outcome while its lease holds. A failed attempt is
// tried again after 5 minutes, 30 minutes, 2 hours and 12 hours, then the message is failed with its
// reason. Contacts that have stopped, or are gone, get nothing; a message about an order that is
// answered, cancelled or closed, or whose enrolment is paused or ended, is cancelled with why. Time comes from `now`, so the tests
// run a day of retries in an instant.
import { randomBytes, type KeyObject } from 'node:crypto';
import type { MessageOrderState, MessageStore } from '../store/message-operations.js';
import {
  messageReason,
  type ClaimedMessage,
  type ContactRecord,
  type MessageOutcome,
  type MessageReason,
} from '../store/message-records.js';
import { DeliveryFailure, type Channels } from './channels.js';
import { openContact, stopTokenHash } from './contacts.js';
import { composeMessage } from './texts.js';

/** The wait after each failed attempt; after the last, the message has failed. */
export const retryDelaysMinutes = [5, 30, 120, 720] as const;

/** Ids and outcomes only: never an address, a token or a text. */
export interface DeliveryLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface DeliveryContext {
  contactKey: KeyObject;
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  log: DeliveryLog;
  /** How long a deliverer holds the messages it took; longer than the slowest send (the channels time out sooner). */
  leaseMs?: number;
  /** Messages taken and sent together. */
  batchSize?: number;
}

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
  stopped: number;
  cancelled: number;
}

function afterFailure(message: ClaimedMessage, reason: string, now: Date): MessageOutcome {
  const delay = retryDelaysMinutes[message.attempts - 1];
  if (delay === undefined) return { status: 'failed', error: reason };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + delay * 60_000).toISOString(), error: reason };
}

async function send(channels: Channels, context: DeliveryContext, message: ClaimedMessage, contact: ContactRecord, token: string) {
  const links = { app: `${context.publicUrl}/`, stop: `${context.publicUrl}/api/messages/stop/${token}` };
  const { subject, text } = composeMessage(message.kind, message.channel, contact.language, links);
  let opened: ReturnType<typeof openContact>;
  try {
    opened = openContact(context.contactKey, contact);
  } catch {
    throw new DeliveryFailure("the contact details do not open with this register's keys");
  }
  const { email, phone } = opened;
  if (message.channel === 'email') {
    if (!channels.email) throw new DeliveryFailure('e-mail is not configured (SMTP_URL)');
    if (email === undefined) throw new DeliveryFailure('the contact has no e-mail address');
    await channels.email.send({ to: email, subject, text, language: contact.language, stopUrl: links.stop });
  } else {
    if (!channels.sms) throw new DeliveryFailure('SMS is not configured (SMS_GATEWAY_URL)');
    if (phone === undefined) throw new DeliveryFailure('the contact has no mobile number');
    await channels.sms.send({ to: phone, text });
  }
}

/** Why a message about this order is no longer wanted at `now`, if it is not: checked as it is due, whatever was cancelled before. */
export function whyNotWanted(order: MessageOrderState | undefined, now: Date): MessageReason | undefined {
  if (!order) return undefined;
  if (order.answeredCount >= order.questionnaireCount) return messageReason.answered;
  if (order.cancelledAt !== null) return messageReason.orderCancelled;
  if (now >= new Date(order.validUntil)) return messageReason.windowClosed;
  if (order.enrolmentEndedAt !== null) return messageReason.ended;
  if (order.enrolmentPausedAt !== null) return messageReason.paused;
  return undefined;
}

/** One message, start to outcome; returns the outcome recorded, or undefined when another deliverer took it over. */
async function deliverOne(
  store: MessageStore,
  channels: Channels,
  context: DeliveryContext,
  message: ClaimedMessage,
  now: Date,
): Promise<MessageOutcome | undefined> {
  const contact = await store.getContact(message.contactId);
  const unwanted = message.orderId === null ? undefined : whyNotWanted(await store.orderStateForMessage(message.orderId), now);
  let outcome: MessageOutcome;
  if (!contact) outcome = { status: 'stopped', reason: messageReason.ended };
  else if (contact.stoppedAt !== null)
    outcome = {
      status: 'stopped',
      reason: contact.stoppedBy === 'patient' ? messageReason.stoppedByPatient : messageReason.stoppedByStaff,
    };
  else if (unwanted) outcome = { status: 'cancelled', reason: unwanted };
  else {
    // A new token for each attempt, stored (hashed) before the message that carries it leaves.
    const token = randomBytes(32).toString('base64url');
    if (!(await store.setStopToken(message, stopTokenHash(token)))) return undefined;
    try {
      await send(channels, context, message, contact, token);
      outcome = { status: 'sent', at: now.toISOString() };
    } catch (error) {
      // Anything else is a fault here, not the channel's: its text is not a reason to store.
      outcome = afterFailure(message, error instanceof DeliveryFailure ? error.reason : 'unexpected error while sending', now);
    }
  }
  return (await store.recordOutcome(message, outcome)) ? outcome : undefined;
}

function logOutcome(log: DeliveryLog, message: ClaimedMessage, outcome: MessageOutcome | undefined): void {
  const fields = { messageId: message.id, kind: message.kind, channel: message.channel, attempts: message.attempts };
  if (!outcome) log.warn(fields, 'message lease lost; another deliverer has it');
  else if (outcome.status === 'sent') log.info({ ...fields, outcome: outcome.status }, 'message delivered');
  else if (outcome.status === 'stopped' || outcome.status === 'cancelled')
    log.info({ ...fields, outcome: outcome.status, reason: outcome.reason }, 'message not sent: no longer wanted');
  else log.warn({ ...fields, outcome: outcome.status, reason: outcome.error }, 'message not delivered');
}

export async function deliverDue(store: MessageStore, channels: Channels, now: Date, context: DeliveryContext): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, stopped: 0, cancelled: 0 };
  const leaseUntil = new Date(now.getTime() + (context.leaseMs ?? 10 * 60_000)).toISOString();
  for (;;) {
    const batch = await store.claimDue(now.toISOString(), leaseUntil, context.batchSize ?? 10);
    if (batch.length === 0) return summary;
    const outcomes = await Promise.all(batch.map((message) => deliverOne(store, channels, context, message, now)));
    batch.forEach((message, i) => {
      const outcome = outcomes[i];
      logOutcome(context.log, message, outcome);
      if (outcome) summary[outcome.status === 'pending' ? 'retrying' : outcome.status]++;
    });
  }
}
