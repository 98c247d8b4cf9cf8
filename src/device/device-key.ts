// The device's own signing key (ECDSA P-256), made once with WebCrypto and kept in IndexedDB. The
// private key is not extractable: no script, this app's included, can read it out.
import { publicP256Jwk } from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import { deviceKeyRow, parseStoredRow, type DeviceKeyRow } from './rows.js';

const keyId = 'device';

async function createDeviceKey(): Promise<DeviceKeyRow> {
  // jose is loaded here, once per device, rather than with every page.
  const { calculateJwkThumbprint } = await import('jose');
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const exported = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = publicP256Jwk.parse({ kty: exported.kty, crv: exported.crv, x: exported.x, y: exported.y });
  return {
    id: keyId,
    privateKey: pair.privateKey,
    publicJwk,
    thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256'),
    createdAt: new Date().toISOString(),
  };
}

/** The device key, made on first use. Two tabs racing to make it end up with the same one. */
export async function getDeviceKey(db: DeviceDatabase): Promise<DeviceKeyRow> {
  const existing = await db.deviceKeys.get(keyId);
  if (existing) return parseStoredRow(deviceKeyRow, existing, 'deviceKeys', keyId);
  const created = await createDeviceKey();
  return db.transaction('rw', db.deviceKeys, async () => {
    const raced = await db.deviceKeys.get(keyId);
    if (raced) return parseStoredRow(deviceKeyRow, raced, 'deviceKeys', keyId);
    await db.deviceKeys.add(created);
    return created;
  });
}
