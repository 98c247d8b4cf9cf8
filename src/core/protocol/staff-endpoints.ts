// The staff console's own routes: sign-in and sessions, the second factor, setup links, accounts
// and the audit trail (the staffSessionApi table; registerApi in endpoints.ts joins it to the rest).
import type { Endpoint } from './endpoint-shape.js';
import { csvText } from './messages.js';
import {
  auditQuery,
  auditResponse,
  sessionConfig,
  sessionEndedResponse,
  sessionInfo,
  signInRequest,
  type StaffRole,
} from './staff-messages.js';

const everyRole = ['clinician', 'register', 'admin'] as const satisfies readonly StaffRole[];

/** Sign-in, sessions, the second factor, accounts and the audit trail (the staff console's own routes). */
export const staffSessionApi = {
  signIn: { method: 'POST', path: '/api/staff/session', body: signInRequest, response: sessionInfo },
  /** Public: which ways of signing in the console offers. The OIDC redirects (oidc-routes.ts) are pages, not in this table. */
  sessionConfig: { method: 'GET', path: '/api/staff/session-config', response: sessionConfig },
  getSession: {
    method: 'GET',
    path: '/api/staff/session',
    isStaff: true,
    staffRoles: everyRole,
    isAccountOnly: true,
    isBeforeTotp: true,
    response: sessionInfo,
  },
  endSession: {
    method: 'POST',
    path: '/api/staff/session/end',
    isStaff: true,
    staffRoles: everyRole,
    isAccountOnly: true,
    isBeforeTotp: true,
    response: sessionEndedResponse,
  },
  endAllSessions: {
    method: 'POST',
    path: '/api/staff/session/end-all',
    isStaff: true,
    staffRoles: everyRole,
    isAccountOnly: true,
    isBeforeTotp: true,
    response: sessionEndedResponse,
  },
  listAudit: {
    method: 'GET',
    path: '/api/staff/audit',
    isStaff: true,
    staffRoles: ['admin', 'register'],
    query: auditQuery,
    response: auditResponse,
  },
  exportAudit: {
    method: 'GET',
    path: '/api/staff/audit.csv',
    isStaff: true,
    staffRoles: ['admin', 'register'],
    query: auditQuery,
    response: csvText,
    contentType: 'text/csv; charset=utf-8',
  },
} as const satisfies Record<string, Endpoint>;
