// Contact details at rest: AES-256-GCM under the register's contact key (keys.ts), stored as
// `iv.ciphertext.tag` in base64url. The contact's id and the field are the additional data, so a
// sealed address copied into another row or field does not open there.
import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

export type ContactField = 'email' | 'phone';

const additionalData = (contactId: string, field: ContactField) => Buffer.from(`svar contact ${contactId} ${field}`, 'utf8');

export function sealContactDetail(key: KeyObject, contactId: string, field: ContactField, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(contactId, field));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

/** Throws when the text was not sealed under this key for this contact and field. */
export function openContactDetail(key: KeyObject, contactId: string, field: ContactField, sealed: string): string {
  const parts = sealed.split('.');
  const [iv, ciphertext, tag] = parts.map((part) => Buffer.from(part, 'base64url'));
  if (parts.length !== 3 || !iv || !ciphertext || !tag || iv.length !== 12 || tag.length !== 16)
    throw new Error('A sealed contact detail is not in the iv.ciphertext.tag form');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(additionalData(contactId, field));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
