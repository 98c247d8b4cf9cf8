// Staff TOTP secrets at rest: AES-256-GCM under a key derived from the register's keys (keys.ts),
// so a copy of the database alone (a backup, a dump) does not give anyone the second factors.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { RegisterKeys } from './keys.js';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function secretBox(keys: Pick<RegisterKeys, 'deriveKey'>): SecretBox {
  const key = keys.deriveKey('staff-totp-secret');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
    },
    open(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || body === undefined || !tag) throw new Error('A stored secret is not in a known form');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
