// The patient's contact details on a plan enrolment: checked, set or replaced (a new contact, the old
// one forgotten), and forgotten when the enrolment ends. The details are sealed by notify/contacts.ts
// and opened here only to carry a kept detail over to the new contact.
import { z } from 'zod';
import { ApiError, type SetPlanContactRequest } from '../core/index.js';
import { ApiFailure } from './errors.js';
import { addContact, forgetContact, normalisePhone, openContact } from './notify/contacts.js';
import type { RegisterContext } from './register.js';
import { messageLanguage, messageReason, type MessageLanguage } from './store/message-records.js';
import type { PlanEnrolmentRecord } from './store/store.js';

const emailAddress = z.email();

/** The fields of a contact request that are not an address or a mobile number (the values are never repeated). */
export function contactProblems(request: Pick<SetPlanContactRequest, 'email' | 'mobile'>): string[] {
  return [
    ...(typeof request.email === 'string' && !emailAddress.safeParse(request.email).success ? ['email'] : []),
    ...(typeof request.mobile === 'string' && normalisePhone(request.mobile) === undefined ? ['mobile'] : []),
  ];
}

/** 400 badRequest naming the fields (details ["email"], ["mobile"]) that are not usable. */
export function refuseUnusable(request: Pick<SetPlanContactRequest, 'email' | 'mobile'>): void {
  const problems = contactProblems(request);
  if (problems.length > 0)
    throw new ApiFailure(
      ApiError.badRequest,
      `Not a usable ${problems.map((p) => (p === 'email' ? 'e-mail address' : 'mobile number')).join(' or ')}`,
      problems,
    );
}

/**
 * Sets the enrolment's contact: a value sets, null removes, left out keeps (carried over from the
 * contact it has). Changed details make a new contact and forget the old one, whose messages not yet
 * sent stop ("contactReplaced"); the scheduler's next run queues the open windows' invitations on the
 * new one. A language only changes the enrolment's and the contact's language.
 */
export async function setContactOf(context: RegisterContext, enrolment: PlanEnrolmentRecord, request: SetPlanContactRequest) {
  refuseUnusable(request);
  const { store, keys } = context;
  const language: MessageLanguage = z.enum(messageLanguage).parse(request.language ?? enrolment.language);
  const old = enrolment.contactId === null ? undefined : await store.messages.getContact(enrolment.contactId);
  if (request.language !== undefined) {
    await store.setPlanEnrolmentLanguage(enrolment.id, language);
    if (old) await store.messages.setContactLanguage(old.id, language);
  }
  if (request.email === undefined && request.mobile === undefined) return;
  const kept = old ? openContact(keys.contactKey, old) : { email: undefined, phone: undefined };
  const email = request.email === undefined ? kept.email : (request.email ?? undefined);
  const phone = request.mobile === undefined ? kept.phone : (request.mobile ?? undefined);
  const contact =
    email === undefined && phone === undefined
      ? null
      : await addContact(store.messages, keys.contactKey, { enrolmentRef: enrolment.id, language, email, phone }, context.now());
  await store.setPlanEnrolmentContact(enrolment.id, contact?.id ?? null);
  if (old) await store.messages.deleteContact(old.id, messageReason.contactReplaced);
}

/** When the enrolment ends: its contact's details are deleted, its messages not yet sent stop ("ended"). */
export async function forgetEnrolmentContact(context: RegisterContext, enrolment: PlanEnrolmentRecord): Promise<void> {
  if (enrolment.contactId === null) return;
  await forgetContact(context.store.messages, enrolment.contactId);
  await context.store.setPlanEnrolmentContact(enrolment.id, null);
}
