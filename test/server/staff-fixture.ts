// Staff accounts and sessions for the server tests: accounts made in the store (as an admin's
// would be), signing in over HTTP, and calls with the session cookie and its CSRF token.
import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../../src/core/index.js';
import { hashPassword } from '../../src/server/staff-passwords.js';
import type { StaffAccountRecord } from '../../src/server/store/staff-store.js';
import type { TestRegister } from './setup.js';

export const password = 'correct horse battery staple';

/** A clock the test moves on: real time plus what the test has added. */
export function testClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => {
      offsetMs += ms;
    },
  };
}

export async function makeAccount(
  register: TestRegister,
  { username, roles, units = [], ...rest }: { username: string; roles: StaffRole[]; units?: string[] } & Partial<StaffAccountRecord>,
): Promise<StaffAccountRecord> {
  const account: StaffAccountRecord = {
    id: randomUUID(),
    username,
    displayName: username,
    passwordHash: await hashPassword(password),
    roles,
    units,
    disabledAt: null,
    totpSecret: null,
    totpPendingSecret: null,
    totpLastStep: null,
    requireTotp: false,
    oidcSubject: null,
    createdAt: new Date().toISOString(),
    passwordChangedAt: null,
    ...rest,
  };
  if (!(await register.store.staff.insertAccount(account))) throw new Error(`account ${username} not made`);
  return account;
}

export interface TestSession {
  cookie: string;
  csrfToken: string;
  setCookie: string;
}

export async function signInRaw(register: TestRegister, body: Record<string, unknown>, address = '10.1.1.1') {
  const response = await register.app.inject({
    method: 'POST',
    url: '/api/staff/session',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
    remoteAddress: address,
  });
  let json: Record<string, unknown> = {};
  try {
    json = response.json();
  } catch {
    // no JSON
  }
  return { status: response.statusCode, json, setCookie: String(response.headers['set-cookie'] ?? '') };
}

export async function signIn(register: TestRegister, username: string, extra: Record<string, unknown> = {}): Promise<TestSession> {
  const response = await signInRaw(register, { username, password, ...extra });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${JSON.stringify(response.json)}`);
  const cookie = response.setCookie.split(';')[0] ?? '';
  return { cookie, csrfToken: String(response.json.csrfToken), setCookie: response.setCookie };
}

/** A call with the session's cookie; with its CSRF token on a POST unless `withCsrf` is false. */
export async function asSession(
  register: TestRegister,
  session: TestSession,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  { withCsrf = true }: { withCsrf?: boolean } = {},
) {
  const response = await register.app.inject({
    method,
    url,
    headers: {
      cookie: session.cookie,
      ...(method === 'POST' && withCsrf ? { 'x-csrf-token': session.csrfToken } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { payload: JSON.stringify(body ?? {}) } : {}),
  });
  let json: Record<string, unknown> = {};
  try {
    json = response.json();
  } catch {
    // CSV
  }
  return { status: response.statusCode, json, body: response.body, setCookie: String(response.headers['set-cookie'] ?? '') };
}
