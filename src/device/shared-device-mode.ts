// Setting a tablet up as a shared device for a clinic unit (needs a staff enrolment code), and
// again after staff revoked it; leaving that mode (needs that code again, checked on the tablet so
// it works offline); the unit's orders; and opening a patient's vault on it. Only the tablet's
// screens import this.
import { ApiError, normaliseAccessCode, type ApiErrorBody, type UnitOrder } from '../core/index.js';
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

export interface Enrolment {
  code: string;
  idleSeconds: number;
  /** The label staff give the tablet, for the register's list of tablets. */
  name?: string;
}

/**
 * Sets the tablet up for the unit the code is for; or enrols it again (after staff revoked it) with
 * a new code, keeping its vault salt, so that patients' unfinished answers still open with their codes.
 */
export async function enrolSharedDevice(
  db: DeviceDatabase,
  client: RegisterClient,
  { code, idleSeconds, name }: Enrolment,
  iterations = VAULT_ITERATIONS,
): Promise<EnrolResult> {
  const trimmedName = name?.trim();
  const outcome = await client.enrolTablet(code.trim(), trimmedName ? trimmedName : undefined);
  if (outcome.kind === 'retry') return { kind: 'unreachable' };
  if (outcome.kind === 'refused') return { kind: 'refused', error: outcome.error };
  const vaultSalt = (await getSharedDevice(db))?.vaultSalt ?? newVaultSalt();
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

export type UnitOrdersResult = { kind: 'orders'; orders: UnitOrder[] } | { kind: 'revoked' } | { kind: 'unreachable' };

/** The unit's orders of the day; `revoked` when staff have removed this tablet (it must be enrolled again). */
export async function listTabletOrders(client: RegisterClient, tabletToken: string): Promise<UnitOrdersResult> {
  const outcome = await client.listUnitOrders(tabletToken);
  if (outcome.kind === 'ok') return { kind: 'orders', orders: outcome.value.orders };
  return outcome.kind === 'refused' && isTabletRevoked(outcome.error) ? { kind: 'revoked' } : { kind: 'unreachable' };
}

/** Whether the register refused because staff revoked this tablet; what it sealed before is still delivered. */
export const isTabletRevoked = (error: ApiErrorBody): boolean => error.error === ApiError.tabletRevoked;

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
