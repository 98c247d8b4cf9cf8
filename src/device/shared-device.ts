// A tablet set up as a shared device for a clinic unit: whether this device is one. Setting it up,
// leaving that mode and opening a patient's vault are in shared-device-mode.ts, which only the
// tablet's screens import, so the patient's route does not carry them.
import type { DeviceDatabase } from './database.js';
import { parseStoredRow, sharedDeviceRow, type SharedDeviceRow } from './rows.js';

export const sharedDeviceRowId = 'shared-device';

export async function getSharedDevice(db: DeviceDatabase): Promise<SharedDeviceRow | undefined> {
  const row = await db.settings.get(sharedDeviceRowId);
  return row === undefined ? undefined : parseStoredRow(sharedDeviceRow, row, 'settings', sharedDeviceRowId);
}
