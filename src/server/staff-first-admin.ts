// The first administrator: on a register without accounts, every start makes a one-time link (24
// hours) with which the first administrator sets a password. It is printed to a terminal only (as
// the staff token is) and saved in the data folder, readable by the owner only.
import path from 'node:path';
import { createLink } from './staff-links.js';
import type { RegisterStore } from './store/store.js';

export const firstAdminLinkFile = (dataDir: string) => path.join(dataDir, 'first-admin-link');

/** On a register without accounts: a link for the first administrator; else null. */
export async function firstAdminLink(store: Pick<RegisterStore, 'staff'>, now: Date, publicUrl: string): Promise<string | null> {
  if ((await store.staff.countAccounts()) > 0) return null;
  return createLink(store, null, 'firstAdmin', now, publicUrl);
}
