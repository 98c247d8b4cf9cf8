// The message layer's reads and writes (notify/), over the same Kysely database as the rest of the
// register. Taking due messages is the one place where instances race: each message is taken by one
// deliverer under a lease (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer), and its
// outcome is written only while that lease is still the one recorded.
import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';
import {
  messageStatus,
  toContact,
  toMessage,
  type ClaimedMessage,
  type ContactRecord,
  type MessageOutcome,
  type MessageRecord,
  type StoppedBy,
} from './message-records.js';
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

export interface MessageStore {
  insertContact(contact: NewContact): Promise<void>;
  getContact(id: string): Promise<ContactRecord | undefined>;
  /** Deletes the contact's row (its details with it); messages not yet sent are stopped. Whether it existed. */
  deleteContact(id: string): Promise<boolean>;
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
      return { status: outcome.status };
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
  const stopPending = (trx: Kysely<Database>, contactId: string) =>
    trx
      .updateTable('messages')
      .set({ status: messageStatus.stopped })
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
    deleteContact: (id: string) =>
      dialect.retry(() =>
        db.transaction().execute(async (trx) => {
          await stopPending(trx, id);
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
          await stopPending(trx, id);
          return (await trx.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
        }),
      ),
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
  };
}
