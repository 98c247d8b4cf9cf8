// The staff console rendered against a real register (SQLite in a temporary folder), reached through
// Fastify's inject instead of the network, as the service account (the staff token as the bearer,
// which needs no CSRF token), or as a staff account with a real session (its cookie, and the CSRF
// token the console reads from the register). The interface is in English.
import { randomUUID } from 'node:crypto';
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { httpStaffApi } from '../../../src/app/staff/api.js';
import type { SessionInfo } from '../../../src/app/staff/contract-shapes.js';
import { StaffConsole } from '../../../src/app/staff/StaffConsole.js';
import { createStaffI18n } from '../../../src/app/staff/staff-i18n.js';
import { sessionCookieName, startSession } from '../../../src/server/staff-sessions.js';
import type { StaffAccountRecord } from '../../../src/server/store/staff-store.js';
import { computeScores, type Answers } from '../../../src/core/index.js';
import { createOrder, demoAnswers, staffToken, startTestRegister, type TestRegister } from '../../server/setup.js';

export const registerStaff: SessionInfo = {
  account: {
    id: 'service',
    username: 'service',
    displayName: 'Register staff',
    roles: ['register', 'clinician', 'admin'],
    units: 'all',
    hasTotp: false,
    mustEnrolTotp: false,
  },
  csrfToken: 'not-used-with-the-bearer',
  idleExpiresAt: new Date(Date.now() + 1_800_000).toISOString(),
  absoluteExpiresAt: new Date(Date.now() + 43_200_000).toISOString(),
};

/** fetch, answered by the register in this process. */
export function injectFetch(register: TestRegister, options: { withToken: boolean; cookie?: string }): typeof fetch {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (options.withToken) headers.set('authorization', `Bearer ${staffToken}`);
    if (options.cookie) headers.set('cookie', options.cookie);
    const response = await register.app.inject({
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      url: String(input),
      headers: Object.fromEntries(headers.entries()),
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    return new Response(response.statusCode === 204 ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: Object.entries(response.headers).flatMap(([name, value]): [string, string][] =>
        typeof value === 'string' ? [[name, value]] : [],
      ),
    });
  };
}

export interface RenderedConsole extends RenderResult {
  user: UserEvent;
}

export function renderConsole(register: TestRegister, hash: string, session: SessionInfo | null = registerStaff): RenderedConsole {
  window.location.hash = hash;
  const api = httpStaffApi(injectFetch(register, { withToken: session !== null }));
  const user = userEvent.setup();
  return { user, ...render(<StaffConsole api={api} i18n={createStaffI18n('en')} initialSession={session} />) };
}

/** The console as a staff account signed in: a session in the register's store, which the console asks for. */
export async function renderConsoleAs(register: TestRegister, hash: string, account: StaffAccountRecord): Promise<RenderedConsole> {
  const { token } = await startSession(register.store, account, '127.0.0.1', new Date());
  window.location.hash = hash;
  const api = httpStaffApi(injectFetch(register, { withToken: false, cookie: `${sessionCookieName}=${token}` }));
  const user = userEvent.setup();
  return { user, ...render(<StaffConsole api={api} i18n={createStaffI18n('en')} />) };
}

export const startRegister = () => startTestRegister();

interface StoredSubmission {
  patientRef: string;
  unit?: string;
  questionnaire?: string;
  answers?: Answers;
  noticesShown?: string[];
  language?: string;
}

/**
 * An order and its submission, stored as the receive path stores it, with the register's own scores
 * (the receive path seals with jose, which is not at home in jsdom; it is tested in test/server).
 */
export async function storeSubmission(
  register: TestRegister,
  { patientRef, unit, questionnaire = 'demo-wellbeing@1', answers = demoAnswers, noticesShown = [], language = 'en' }: StoredSubmission,
): Promise<{ submissionId: string; orderId: string }> {
  const created = await createOrder(register, [questionnaire], { patientRef, ...(unit !== undefined ? { unit } : {}) });
  const parsed = await register.register.definitionFor(questionnaire);
  if (!parsed) throw new Error(`no definition ${questionnaire}`);
  const submissionId = randomUUID();
  const started = new Date(Date.now() - 600_000).toISOString();
  const completed = new Date(Date.now() - 60_000).toISOString();
  const isStored = await register.store.insertSubmission({
    ...{ submissionId, orderId: created.order.id, definitionKey: questionnaire, definitionHash: parsed.hash },
    ...{ token: 'sealed', tokenHash: `sha256-t${submissionId}`, payloadHash: `sha256-p${submissionId}` },
    ...{ deviceThumbprint: null, deviceKey: null, answers, scores: computeScores(parsed.definition, answers), deviceScores: null },
    ...{ noticesShown, language, startedAt: started, completedAt: completed, appVersion: 'test' },
    ...{ receivedAt: new Date().toISOString(), receipt: 'receipt' },
  });
  if (!isStored) throw new Error('submission not stored');
  return { submissionId, orderId: created.order.id };
}
