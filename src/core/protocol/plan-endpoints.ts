// The register's endpoints for measurement plans (staff): enrolling a patient reference in a plan,
// the clinical events staff record, pausing and ending, and coverage. Apart from endpoints.ts, as the
// staff session's are; joined into registerApi there.
import type { Endpoint } from './endpoint-shape.js';
import { csvText } from './messages.js';
import {
  coverageQuery,
  coverageResponse,
  enrolInPlanRequest,
  planEnrolmentIdParams,
  planEnrolmentResponse,
  planEnrolmentsQuery,
  planEnrolmentsResponse,
  recordPlanEventRequest,
} from './plan-messages.js';
import type { StaffRole } from './staff-messages.js';

/** Clinicians (their own units) and register staff. */
const clinicalStaff = ['clinician', 'register'] as const satisfies readonly StaffRole[];

export const planApi = {
  enrolInPlan: {
    method: 'POST',
    path: '/api/plan-enrolments',
    isStaff: true,
    staffRoles: clinicalStaff,
    body: enrolInPlanRequest,
    response: planEnrolmentResponse,
  },
  listPlanEnrolments: {
    method: 'GET',
    path: '/api/plan-enrolments',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: planEnrolmentsQuery,
    response: planEnrolmentsResponse,
  },
  recordPlanEvent: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/events',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    body: recordPlanEventRequest,
    response: planEnrolmentResponse,
  },
  pausePlanEnrolment: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/pause',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    response: planEnrolmentResponse,
  },
  resumePlanEnrolment: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/resume',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    response: planEnrolmentResponse,
  },
  endPlanEnrolment: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/end',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    response: planEnrolmentResponse,
  },
  coverageJson: {
    method: 'GET',
    path: '/api/coverage.json',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: coverageQuery,
    response: coverageResponse,
  },
  coverageCsv: {
    method: 'GET',
    path: '/api/coverage.csv',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: coverageQuery,
    response: csvText,
    contentType: 'text/csv; charset=utf-8',
  },
} as const satisfies Record<string, Endpoint>;
