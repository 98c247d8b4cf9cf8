// Setting a tablet up as a shared device for a clinic unit (needs a staff enrolment code), leaving
// that mode (needs that code again, checked on the tablet so it works offline), and opening a
// patient's vault on it. Only the tablet's screens import this.
import { ApiError, normaliseAccessCode, type ApiErrorBody } from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import type { RegisterClient } from './register-client.js';
import { sharedDeviceRow, type SharedDeviceRow } from './rows.js';
import { getSharedDevice, sharedDeviceRowId as rowId } from './shared-device.js';
import type { DraftVault } from './vault.js';
import { newVaultSalt, openVault, VAULT_ITERATIONS } from './vault-key.js';

async function verifierFor(code: string, salt: string, iterations = VAULT_ITERATIONS): Promise<string> {
  return (await openVault(`leave-${normaliseAccessCode(code)}`, salt, iterations)).tag;
}

export type EnrolResult =
  { kind: 'enrolled'; device: SharedDeviceRow } | { kind: 'refused'; error: ApiErrorBody } | { kind: 'unreachable' };

export async function enrolSharedDevice(
  db: DeviceDatabase,
  client: RegisterClient,
  code: string,
  idleSeconds: number,
  iterations = VAULT_ITERATIONS,
): Promise<EnrolResult> {
  const outcome = await client.enrolTablet(code.trim());
  if (outcome.kind === 'retry') return { kind: 'unreachable' };
  if (outcome.kind === 'refused') return { kind: 'refused', error: outcome.error };
  const vaultSalt = newVaultSalt();
  const device = sharedDeviceRow.parse({
    id: rowId,
    unit: outcome.value.unit,
    deviceToken: outcome.value.tabletToken,
    vaultSalt,
    idleSeconds,
    leaveVerifier: await verifierFor(code, vaultSalt, iterations),
    enrolledAt: new Date().toISOString(),
  } satisfies SharedDeviceRow);
  await db.settings.put(device);
  return { kind: 'enrolled', device };
}

export async function setIdleSeconds(db: DeviceDatabase, idleSeconds: number): Promise<void> {
  const device = await getSharedDevice(db);
  if (device) await db.settings.put(sharedDeviceRow.parse({ ...device, idleSeconds }));
}

/** Leaves shared-device mode when the staff enrolment code matches; sealed submissions stay in the outbox. */
export async function leaveSharedDevice(db: DeviceDatabase, code: string, iterations = VAULT_ITERATIONS): Promise<boolean | ApiErrorBody> {
  const device = await getSharedDevice(db);
  if (!device) return true;
  if ((await verifierFor(code, device.vaultSalt, iterations)) !== device.leaveVerifier)
    return { error: ApiError.unauthorized, message: 'That is not the enrolment code this tablet was set up with' };
  await db.settings.delete(rowId);
  return true;
}

/** The patient's vault on this tablet, from their typed access code or the clinician's pick. */
export function openPatientVault(device: SharedDeviceRow, secret: string, iterations = VAULT_ITERATIONS): Promise<DraftVault> {
  return openVault(secret, device.vaultSalt, iterations);
}

/** The order whose responses the vault opens, if any response on this tablet was started under it. */
export async function findVaultOrder(db: DeviceDatabase, vault: DraftVault): Promise<string | undefined> {
  const response = await db.responses.where('vaultTag').equals(vault.tag).first();
  return response?.orderId ?? undefined;
}
