// The message layer's reads and writes (notify/), over the same Kysely database as the rest of the
// register. Taking due messages is the one place where instances race: each message is taken by one
// deliverer under a lease (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer), and its
// outcome is written only while that lease is still the one recorded.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { StoreDialect } from './dialect.js';
import {
  messageReason,
  messageStatus,
  toContact,
  toMessage,
  type ClaimedMessage,
  type ContactRecord,
  type MessageLanguage,
  type MessageOutcome,
  type MessageReason,
  type MessageRecord,
  type StoppedBy,
} from './message-records.js';
import { toCount } from './rows.js';
import type { Database } from './schema.js';

export interface NewContact {
  id: string;
  enrolmentRef: string;
  emailSealed: string | null;
  phoneSealed: string | null;
  language: ContactRecord['language'];
  createdAt: string;
}

export type NewMessage = Pick<MessageRecord, 'id' | 'contactId' | 'kind' | 'channel' | 'orderId' | 'scheduledAt'>;

/** What decides whether a message about an order is still wanted when it is due (delivery.ts). */
export interface MessageOrderState {
  validUntil: string;
  cancelledAt: string | null;
  questionnaireCount: number;
  /** Questionnaires of the order with a submission received. */
  answeredCount: number;
  /** The plan enrolment the order was made for, if any. */
  enrolmentPausedAt: string | null;
  enrolmentEndedAt: string | null;
}

/** A message with the window its order was made for (plan_orders), for staff. */
export interface EnrolmentMessage extends MessageRecord {
  timePoint: string | null;
  occurrence: number | null;
}

export interface MessageStore {
  insertContact(contact: NewContact): Promise<void>;
  getContact(id: string): Promise<ContactRecord | undefined>;
  /** Deletes the contact's row (its details with it); messages not yet sent are stopped with the reason. Whether it existed. */
  deleteContact(id: string, reason?: MessageReason): Promise<boolean>;
  setContactLanguage(id: string, language: MessageLanguage): Promise<void>;
  /** Stops the contact's messages not yet sent; the first stop's time and author are kept. Whether the contact exists. */
  stopContact(id: string, by: StoppedBy, at: string): Promise<boolean>;
  /** Unless a message with its id is stored. */
  insertMessage(message: NewMessage): Promise<boolean>;
  /** Up to `limit` pending messages due at `now` that no other deliverer holds, now held until `leaseUntil`. */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]>;
  /** Before sending: the hash of the stop link's token the message will carry. Whether the lease still holds. */
  setStopToken(message: ClaimedMessage, tokenHash: string): Promise<boolean>;
  /** Whether the lease still held, so the outcome was written. */
  recordOutcome(message: ClaimedMessage, outcome: MessageOutcome): Promise<boolean>;
  findContactByStopToken(tokenHash: string): Promise<ContactRecord | undefined>;
  listMessages(filter: { contactId?: string; orderId?: string }): Promise<MessageRecord[]>;
  /** The messages about a plan enrolment's orders (to any contact it had), by scheduled time. */
  listEnrolmentMessages(enrolmentId: string): Promise<EnrolmentMessage[]>;
  /** Cancels the order's messages not yet sent (not those a deliverer holds now); how many. */
  cancelPendingForOrder(orderId: string, reason: MessageReason, now: string): Promise<number>;
  /** The order's state as a message about it needs it; undefined for an order not known. */
  orderStateForMessage(orderId: string): Promise<MessageOrderState | undefined>;
}

const wrote = (result: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint; numDeletedRows?: bigint } | undefined) =>
  (result?.numUpdatedRows ?? result?.numInsertedOrUpdatedRows ?? result?.numDeletedRows ?? 0n) > 0n;

function outcomeColumns(outcome: MessageOutcome) {
  switch (outcome.status) {
    case 'sent':
      return { status: outcome.status, sent_at: outcome.at, last_error: null };
    case 'pending':
      return { status: outcome.status, next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error };
    case 'failed':
      return { status: outcome.status, last_error: outcome.error };
    case 'stopped':
    case 'cancelled':
      return { status: outcome.status, reason: outcome.reason };
  }
}

function claimDue(db: Kysely<Database>, dialect: StoreDialect) {
  return async (now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]> => {
    const rows = await db
      .updateTable('messages')
      .set((eb) => ({ lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) => {
        const due = eb
          .selectFrom('messages as due')
          .select('due.id')
          .where('due.status', '=', messageStatus.pending)
          .where('due.next_attempt_at', '<=', now)
          .where((w) => w.or([w('due.lease_until', 'is', null), w('due.lease_until', '<', now)]))
          .orderBy('due.next_attempt_at')
          .limit(limit);
        // Another instance's deliverer passes by the rows this one is taking, instead of waiting for them.
        return dialect.kind === 'postgres' ? due.forUpdate().skipLocked() : due;
      })
      .returningAll()
      .execute();
    return rows.map((row) => ({ ...toMessage(row), leaseUntil }));
  };
}

function contactOperations(db: Kysely<Database>, dialect: StoreDialect) {
  const stopPending = (trx: Kysely<Database>, contactId: string, reason: MessageReason) =>
    trx
      .updateTable('messages')
      .set({ status: messageStatus.stopped, reason })
      .where('contact_id', '=', contactId)
      .where('status', '=', messageStatus.pending)
      .execute();
  return {
    insertContact: (contact: NewContact) =>
      dialect.retry(async () => {
        await db
          .insertInto('contacts')
          .values({
            id: contact.id,
            enrolment_ref: contact.enrolmentRef,
            email_enc: contact.emailSealed,
            phone_enc: contact.phoneSealed,
            language: contact.language,
            created_at: contact.createdAt,
          })
          .execute();
      }),
    getContact: (id: string) =>
      dialect.retry(async () => {
        const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toContact(row);
      }),
    deleteContact: (id: string, reason: MessageReason = messageReason.ended) =>
      dialect.retry(() =>
        db.transaction().execute(async (trx) => {
          await stopPending(trx, id, reason);
          // The links in messages already sent lead nowhere now: there is nothing left to stop.
          await trx.updateTable('messages').set({ stop_token_hash: null }).where('contact_id', '=', id).execute();
          return wrote(await trx.deleteFrom('contacts').where('id', '=', id).executeTakeFirst());
        }),
      ),
    stopContact: (id: string, by: StoppedBy, at: string) =>
      dialect.retry(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .updateTable('contacts')
            .set({ stopped_at: at, stopped_by: by })
            .where('id', '=', id)
            .where('stopped_at', 'is', null)
            .execute();
          await stopPending(trx, id, by === 'patient' ? messageReason.stoppedByPatient : messageReason.stoppedByStaff);
          return (await trx.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
        }),
      ),
    setContactLanguage: (id: string, language: MessageLanguage) =>
      dialect.retry(async () => {
        await db.updateTable('contacts').set({ language }).where('id', '=', id).execute();
      }),
    findContactByStopToken: (tokenHash: string) =>
      dialect.retry(async () => {
        const row = await db
          .selectFrom('messages')
          .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
          .selectAll('contacts')
          .where('messages.stop_token_hash', '=', tokenHash)
          .executeTakeFirst();
        return row && toContact(row);
      }),
  };
}

export function messageOperationsOn(db: Kysely<Database>, dialect: StoreDialect): MessageStore {
  const held = (message: ClaimedMessage) =>
    db.updateTable('messages').where('id', '=', message.id).where('lease_until', '=', message.leaseUntil);
  return {
    ...contactOperations(db, dialect),
    insertMessage: (message) =>
      dialect.retry(async () => {
        const result = await db
          .insertInto('messages')
          .values({
            id: message.id,
            contact_id: message.contactId,
            kind: message.kind,
            channel: message.channel,
            order_id: message.orderId,
            scheduled_at: message.scheduledAt,
            next_attempt_at: message.scheduledAt,
            status: messageStatus.pending,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        return wrote(result);
      }),
    // Not retried on a lost connection: a claim that committed and was then taken again would send twice.
    claimDue: claimDue(db, dialect),
    setStopToken: (message, tokenHash) =>
      dialect.retry(async () => wrote(await held(message).set({ stop_token_hash: tokenHash }).executeTakeFirst())),
    recordOutcome: (message, outcome) =>
      dialect.retry(async () =>
        wrote(
          await held(message)
            .set({ ...outcomeColumns(outcome), lease_until: null })
            .executeTakeFirst(),
        ),
      ),
    listMessages: ({ contactId, orderId }) =>
      dialect.retry(async () => {
        let query = db.selectFrom('messages').selectAll();
        if (contactId !== undefined) query = query.where('contact_id', '=', contactId);
        if (orderId !== undefined) query = query.where('order_id', '=', orderId);
        return (await query.orderBy('scheduled_at').orderBy('id').execute()).map(toMessage);
      }),
    ...orderMessageOperations(db, dialect),
  };
}

function orderMessageOperations(
  db: Kysely<Database>,
  dialect: StoreDialect,
): Pick<MessageStore, 'listEnrolmentMessages' | 'cancelPendingForOrder' | 'orderStateForMessage'> {
  return {
    listEnrolmentMessages: (enrolmentId) =>
      dialect.retry(async () => {
        const rows = await db
          .selectFrom('messages')
          .innerJoin('plan_orders', 'plan_orders.order_id', 'messages.order_id')
          .selectAll('messages')
          .select(['plan_orders.time_point', 'plan_orders.occurrence'])
          .where('plan_orders.enrolment_id', '=', enrolmentId)
          .orderBy('messages.scheduled_at')
          .orderBy('messages.id')
          .execute();
        return rows.map((row) => ({ ...toMessage(row), timePoint: row.time_point, occurrence: Number(row.occurrence) }));
      }),
    cancelPendingForOrder: (orderId, reason, now) =>
      dialect.retry(async () => {
        const result = await db
          .updateTable('messages')
          .set({ status: messageStatus.cancelled, reason })
          .where('order_id', '=', orderId)
          .where('status', '=', messageStatus.pending)
          .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)]))
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      }),
    orderStateForMessage: (orderId) =>
      dialect.retry(async () => {
        const row = await db
          .selectFrom('orders')
          .leftJoin('plan_orders', 'plan_orders.order_id', 'orders.id')
          .leftJoin('plan_enrolments', 'plan_enrolments.id', 'plan_orders.enrolment_id')
          .select(['orders.valid_until', 'orders.cancelled_at', 'orders.questionnaires'])
          .select(['plan_enrolments.paused_at', 'plan_enrolments.ended_at'])
          .select((eb) =>
            eb
              .selectFrom('submissions')
              .whereRef('submissions.order_id', '=', 'orders.id')
              .where('submissions.duplicate_of', 'is', null)
              .select(sql<number>`count(distinct questionnaire_key)`.as('n'))
              .as('answered_count'),
          )
          .where('orders.id', '=', orderId)
          .executeTakeFirst();
        if (!row) return undefined;
        return {
          validUntil: row.valid_until,
          cancelledAt: row.cancelled_at,
          questionnaireCount: z.array(z.unknown()).parse(JSON.parse(row.questionnaires)).length,
          answeredCount: toCount(row.answered_count ?? 0),
          enrolmentPausedAt: row.paused_at,
          enrolmentEndedAt: row.ended_at,
        };
      }),
  };
}
