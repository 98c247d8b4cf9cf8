// Staff accounts for the browser tests: made in the register's SQLite database as an administrator's
// account screen would make them, and signed in through the console's own sign-in screen.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { StaffRole } from '../../src/core/index.js';
import { hashPassword } from '../../src/server/staff-passwords.js';
import { openSqliteStore } from '../../src/server/store/kysely-store.js';
import type { StaffAccountRecord } from '../../src/server/store/staff-store.js';
import type { RunningServer } from './harness.js';

export const staffPassword = 'a long and private passphrase';

export async function makeStaffAccount(
  server: Pick<RunningServer, 'dataDir'>,
  account: { username: string; roles?: StaffRole[]; units?: string[] } & Partial<StaffAccountRecord>,
): Promise<StaffAccountRecord> {
  const store = await openSqliteStore(path.join(server.dataDir, 'register.sqlite'));
  try {
    const record: StaffAccountRecord = {
      id: randomUUID(),
      displayName: `Clinician ${account.username}`,
      passwordHash: await hashPassword(staffPassword),
      roles: ['clinician'],
      units: ['Poliklinikk A'],
      disabledAt: null,
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      requireTotp: false,
      oidcSubject: null,
      createdAt: new Date().toISOString(),
      passwordChangedAt: null,
      ...account,
    };
    if (!(await store.staff.insertAccount(record))) throw new Error(`the account ${account.username} was not made`);
    return record;
  } finally {
    await store.close();
  }
}

/** An account as the register's database holds it now. */
export async function readStaffAccount(server: Pick<RunningServer, 'dataDir'>, id: string): Promise<StaffAccountRecord | undefined> {
  const store = await openSqliteStore(path.join(server.dataDir, 'register.sqlite'));
  try {
    return await store.staff.getAccount(id);
  } finally {
    await store.close();
  }
}

/** A new account, signed in on the console's sign-in screen in a context of its own; script errors and console errors are collected. */
export async function signInToConsole(
  server: RunningServer,
  browser: Browser,
  { username, viewport, ...account }: { username: string; viewport: { width: number; height: number } } & Partial<StaffAccountRecord>,
): Promise<{ page: Page; problems: string[]; account: StaffAccountRecord }> {
  const made = await makeStaffAccount(server, { username, ...account });
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${server.url}/staff/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(staffPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${made.displayName}`).waitFor();
  // Opened without a session, the console's question for one is answered 401, which the browser
  // reports on its console; that is expected.
  problems.length = 0;
  return { page, problems, account: made };
}
