// Migration 0006-messages: the patients' contact details (encrypted at rest, see notify/contact-crypto.ts)
// and the invitations and reminders sent to them, with each message's outcome. messages.contact_id has
// no foreign key on purpose: a contact's row is deleted when the enrolment ends, and the outcomes of
// the messages sent to it stay for staff and for coverage (they hold no address).
import type { Kysely } from 'kysely';

export async function createMessages(db: Kysely<unknown>): Promise<void> {
  let contacts = db.schema.createTable('contacts').addColumn('id', 'text', (c) => c.primaryKey());
  contacts = contacts.addColumn('enrolment_ref', 'text', (c) => c.notNull());
  for (const column of ['email_enc', 'phone_enc']) contacts = contacts.addColumn(column, 'text');
  contacts = contacts.addColumn('language', 'text', (c) => c.notNull());
  for (const column of ['stopped_at', 'stopped_by']) contacts = contacts.addColumn(column, 'text');
  await contacts.addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await db.schema.createIndex('contacts_enrolment_ref').on('contacts').column('enrolment_ref').execute();

  let messages = db.schema.createTable('messages').addColumn('id', 'text', (c) => c.primaryKey());
  for (const column of ['contact_id', 'kind', 'channel']) messages = messages.addColumn(column, 'text', (c) => c.notNull());
  messages = messages
    .addColumn('order_id', 'text')
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull());
  for (const column of ['last_error', 'sent_at']) messages = messages.addColumn(column, 'text');
  await messages.addColumn('stop_token_hash', 'text', (c) => c.unique()).execute();
  await db.schema.createIndex('messages_due').on('messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('messages_contact').on('messages').column('contact_id').execute();
  await db.schema.createIndex('messages_order').on('messages').column('order_id').execute();
}

/**
 * Migration 0008-notify16-message-reasons: why a message was stopped or cancelled (the order was
 * answered, its window closed, the enrolment paused or ended, the contact stopped or replaced), for
 * staff. Rows stopped before it keep a null reason.
 */
export async function addMessageReasons(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('reason', 'text').execute();
}
