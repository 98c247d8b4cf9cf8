// The console's places, in the address's fragment: #/orders, #/patients/<ref>, … (the register sends
// staff/index.html for every /staff/ address, and the fragment never reaches it).
import { useEffect, useState } from 'react';
import type { StaffRole } from './contract-shapes.js';

export type StaffRoute =
  | { name: 'orders' }
  | { name: 'newOrder' }
  | { name: 'patient'; patientRef: string }
  | { name: 'submission'; submissionId: string }
  | { name: 'tablets' }
  | { name: 'exports' }
  | { name: 'accounts' }
  | { name: 'audit' }
  | { name: 'setup'; token: string; isReset: boolean }
  | { name: 'signIn' }
  | { name: 'notFound' }
  | { name: 'enrol' }
  | { name: 'enrolments' }
  | { name: 'enrolment'; enrolmentId: string }
  | { name: 'coverage' }
  | { name: 'indicators' };

export function parseStaffRoute(hash: string): StaffRoute {
  const [first = '', second, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const tail = second === undefined ? undefined : decodeURIComponent([second, ...rest].join('/'));
  if (first === '' || (first === 'orders' && tail === undefined)) return { name: 'orders' };
  if (first === 'orders' && tail === 'new') return { name: 'newOrder' };
  if (first === 'patients' && tail) return { name: 'patient', patientRef: tail };
  if (first === 'submissions' && tail) return { name: 'submission', submissionId: tail };
  if ((first === 'setup' || first === 'reset') && tail) return { name: 'setup', token: tail, isReset: first === 'reset' };
  if (first.split('?')[0] === 'signin') return { name: 'signIn' };
  if (tail === undefined && (first === 'tablets' || first === 'exports' || first === 'accounts' || first === 'audit'))
    return { name: first };
  // Measurement plans: enrol, the enrolments and one of them, coverage.
  if (first === 'enrolments' && tail === 'new') return { name: 'enrol' };
  if (first === 'enrolments' && tail) return { name: 'enrolment', enrolmentId: tail };
  if (tail === undefined && (first === 'enrolments' || first === 'coverage')) return { name: first };
  if (tail === undefined && first === 'indicators') return { name: 'indicators' };
  return { name: 'notFound' };
}

/** The code an OpenID Connect sign-in came back refused with (`#/signin?error=<code>`), if any. */
export function signInError(hash: string): string | undefined {
  const match = /^#\/?signin\?(?:.*&)?error=([A-Za-z]+)/.exec(hash);
  return match?.[1];
}

export const hrefFor = {
  orders: '#/orders',
  newOrder: '#/orders/new',
  patient: (patientRef: string) => `#/patients/${encodeURIComponent(patientRef)}`,
  submission: (submissionId: string) => `#/submissions/${encodeURIComponent(submissionId)}`,
  tablets: '#/tablets',
  exports: '#/exports',
  accounts: '#/accounts',
  audit: '#/audit',
  signIn: '#/signin',
  enrol: '#/enrolments/new',
  enrolments: '#/enrolments',
  enrolment: (enrolmentId: string) => `#/enrolments/${encodeURIComponent(enrolmentId)}`,
  coverage: '#/coverage',
  indicators: '#/indicators',
};

/** Where a signed-in account starts: the orders, or the accounts for an administrator only (the register refuses them the orders). */
export const homeFor = (roles: readonly StaffRole[]) =>
  roles.some((role) => role === 'clinician' || role === 'register') ? hrefFor.orders : hrefFor.accounts;

export function useStaffRoute(): StaffRoute {
  const [route, setRoute] = useState(() => parseStaffRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseStaffRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
