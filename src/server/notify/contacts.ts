// Patients' contact details: checked, sealed before they are stored (contact-crypto.ts), opened only
// to send a message, shown to staff masked, and deleted when the enrolment ends. Stopping messages,
// by the patient's stop link or by staff, keeps the contact and stops what has not been sent.
import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { MessageStore, NewMessage } from '../store/message-operations.js';
import type { ContactRecord, MessageLanguage, StoppedBy } from '../store/message-records.js';
import { openContactDetail, sealContactDetail } from './contact-crypto.js';

/** A contact detail that is not usable; the message names the field, never the value. */
export class ContactRefused extends Error {}

export interface ContactInput {
  enrolmentRef: string;
  language: MessageLanguage;
  email?: string | undefined;
  phone?: string | undefined;
}

const emailAddress = z.email();

/** +4791234567 from "912 34 567", "+47 912 34 567" or "0047 91234567"; undefined when it is not a phone number. */
export function normalisePhone(text: string): string | undefined {
  const compact = text.replace(/[\s\-().]/g, '');
  const international = /^\d{8}$/.test(compact) ? `+47${compact}` : compact.replace(/^00/, '+');
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : undefined;
}

export async function addContact(store: MessageStore, key: KeyObject, input: ContactInput, now: Date): Promise<{ id: string }> {
  const email = input.email?.trim();
  if (email !== undefined && !emailAddress.safeParse(email).success) throw new ContactRefused('The e-mail address is not valid');
  const phone = input.phone === undefined ? undefined : normalisePhone(input.phone);
  if (input.phone !== undefined && phone === undefined) throw new ContactRefused('The mobile number is not valid');
  const id = randomUUID();
  await store.insertContact({
    id,
    enrolmentRef: input.enrolmentRef,
    emailSealed: email === undefined ? null : sealContactDetail(key, id, 'email', email),
    phoneSealed: phone === undefined ? null : sealContactDetail(key, id, 'phone', phone),
    language: input.language,
    createdAt: now.toISOString(),
  });
  return { id };
}

/** The contact's details in the clear, to send a message: nowhere else. */
export function openContact(key: KeyObject, contact: ContactRecord): { email: string | undefined; phone: string | undefined } {
  return {
    email: contact.emailSealed === null ? undefined : openContactDetail(key, contact.id, 'email', contact.emailSealed),
    phone: contact.phoneSealed === null ? undefined : openContactDetail(key, contact.id, 'phone', contact.phoneSealed),
  };
}

/** For staff: enough to recognise, not to use ("o•••@example.org", "•••• ••67": the last two digits). */
export function maskedContact(key: KeyObject, contact: ContactRecord): { email: string | undefined; phone: string | undefined } {
  const { email, phone } = openContact(key, contact);
  const at = email?.lastIndexOf('@') ?? -1;
  return {
    email: email === undefined ? undefined : `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`,
    phone: phone === undefined ? undefined : `•••• ••${phone.slice(-2)}`,
  };
}

/** When the enrolment ends: the contact's details go; what was sent stays as outcomes without them. */
export const forgetContact = (store: MessageStore, contactId: string): Promise<boolean> => store.deleteContact(contactId);

/** The patient (stop link) or staff: no more messages to this contact. Whether the contact exists. */
export const stopMessages = (store: MessageStore, contactId: string, by: StoppedBy, now: Date): Promise<boolean> =>
  store.stopContact(contactId, by, now.toISOString());

export const stopTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

/** The stop link's token: stops the contact's messages and returns its language, or undefined for a token not known. */
export async function stopByToken(store: MessageStore, token: string, now: Date): Promise<{ language: MessageLanguage } | undefined> {
  const contact = await store.findContactByStopToken(stopTokenHash(token));
  if (!contact) return undefined;
  await stopMessages(store, contact.id, 'patient', now);
  return { language: contact.language };
}

/** A message to send at `at` (the scheduler's call); the same id twice schedules it once. */
export async function scheduleMessage(store: MessageStore, message: Omit<NewMessage, 'id'> & { id?: string }): Promise<string> {
  const id = message.id ?? randomUUID();
  await store.insertMessage({ ...message, id });
  return id;
}
