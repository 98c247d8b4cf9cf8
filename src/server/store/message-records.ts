// Contacts and messages as the message layer uses them, and their rows parsed on the way out of the
// database. The closed sets (kinds, channels, statuses, who stopped) are `as const` objects.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { PlanMessageReason } from '../../core/protocol/plan-messages.js';
import type { ContactsTable, MessagesTable } from './schema.js';

export const messageKind = { invitation: 'invitation', reminder: 'reminder', alert: 'alert' } as const;
export type MessageKind = (typeof messageKind)[keyof typeof messageKind];

export const messageChannel = { email: 'email', sms: 'sms' } as const;
export type MessageChannel = (typeof messageChannel)[keyof typeof messageChannel];

/** stopped: the contact's messages were stopped, or the contact forgotten; cancelled: no longer needed (see messageReason). */
export const messageStatus = { pending: 'pending', sent: 'sent', failed: 'failed', stopped: 'stopped', cancelled: 'cancelled' } as const;
export type MessageStatus = (typeof messageStatus)[keyof typeof messageStatus];

/** Why a message was stopped or cancelled (migration 0008): the same closed set the staff API shows. */
export const messageReason = PlanMessageReason;
export type MessageReason = PlanMessageReason;

export const stoppedBy = { patient: 'patient', staff: 'staff' } as const;
export type StoppedBy = (typeof stoppedBy)[keyof typeof stoppedBy];

export const messageLanguage = { nb: 'nb', nn: 'nn', en: 'en' } as const;
export type MessageLanguage = (typeof messageLanguage)[keyof typeof messageLanguage];

export interface ContactRecord {
  id: string;
  enrolmentRef: string;
  /** Sealed (contact-crypto.ts); null when the patient gave no address of that kind. */
  emailSealed: string | null;
  phoneSealed: string | null;
  language: MessageLanguage;
  stoppedAt: string | null;
  stoppedBy: StoppedBy | null;
  createdAt: string;
}

export interface MessageRecord {
  id: string;
  contactId: string;
  kind: MessageKind;
  channel: MessageChannel;
  orderId: string | null;
  scheduledAt: string;
  /** Attempts begun (counted when a deliverer takes the message). */
  attempts: number;
  nextAttemptAt: string;
  status: MessageStatus;
  lastError: string | null;
  sentAt: string | null;
  /** Stopped or cancelled: why (null on rows stopped before migration 0008). */
  reason: MessageReason | null;
}

/** A message taken by one deliverer until `leaseUntil`; its outcome is recorded only while that lease holds. */
export interface ClaimedMessage extends MessageRecord {
  leaseUntil: string;
}

export type MessageOutcome =
  | { status: 'sent'; at: string }
  | { status: 'pending'; nextAttemptAt: string; error: string }
  | { status: 'failed'; error: string }
  | { status: 'stopped'; reason: MessageReason }
  | { status: 'cancelled'; reason: MessageReason };

const contactRow = z.object({
  id: z.string(),
  enrolment_ref: z.string(),
  email_enc: z.string().nullable(),
  phone_enc: z.string().nullable(),
  language: z.enum(messageLanguage),
  stopped_at: z.string().nullable(),
  stopped_by: z.enum(stoppedBy).nullable(),
  created_at: z.string(),
});

const messageRow = z.object({
  id: z.string(),
  contact_id: z.string(),
  kind: z.enum(messageKind),
  channel: z.enum(messageChannel),
  order_id: z.string().nullable(),
  scheduled_at: z.string(),
  // PostgreSQL's integer arrives as a number; a count kept in a bigint would be a string.
  attempts: z.coerce.number().int(),
  next_attempt_at: z.string(),
  status: z.enum(messageStatus),
  last_error: z.string().nullable(),
  sent_at: z.string().nullable(),
  reason: z.enum(messageReason).nullable(),
});

export function toContact(row: Selectable<ContactsTable>): ContactRecord {
  const r = contactRow.parse(row);
  return {
    id: r.id,
    enrolmentRef: r.enrolment_ref,
    emailSealed: r.email_enc,
    phoneSealed: r.phone_enc,
    language: r.language,
    stoppedAt: r.stopped_at,
    stoppedBy: r.stopped_by,
    createdAt: r.created_at,
  };
}

export function toMessage(row: Selectable<MessagesTable>): MessageRecord {
  const r = messageRow.parse(row);
  return {
    id: r.id,
    contactId: r.contact_id,
    kind: r.kind,
    channel: r.channel,
    orderId: r.order_id,
    scheduledAt: r.scheduled_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    status: r.status,
    lastError: r.last_error,
    sentAt: r.sent_at,
    reason: r.reason,
  };
}
