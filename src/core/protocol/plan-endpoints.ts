// The register's endpoints for measurement plans (staff): enrolling a patient reference in a plan,
// the clinical events staff record, pausing and ending, and coverage. Apart from endpoints.ts, as the
// staff session's are; joined into registerApi there. The plans, one enrolment in full, its contact
// and stopping its messages are the staff console's contract (issue 16).
import type { Endpoint } from './endpoint-shape.js';
import { csvText } from './messages.js';
import {
  coverageQuery,
  coverageResponse,
  enrolInPlanRequest,
  planEnrolmentDetailResponse,
  planEnrolmentIdParams,
  planEnrolmentResponse,
  planEnrolmentsQuery,
  planEnrolmentsResponse,
  plansResponse,
  recordPlanEventRequest,
  setPlanContactRequest,
} from './plan-messages.js';
import { setPlanSubjectRequest } from './subject-messages.js';
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
  // The staff console's contract (issue 16): additive changes only from here on.
  /** The plans the register has loaded, for picking one at enrolment. */
  listPlans: {
    method: 'GET',
    path: '/api/plans',
    isStaff: true,
    staffRoles: clinicalStaff,
    response: plansResponse,
  },
  /** One enrolment: its windows with their orders, the next windows, its contact (masked) and its messages. */
  getPlanEnrolment: {
    method: 'GET',
    path: '/api/plan-enrolments/:id',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    response: planEnrolmentDetailResponse,
  },
  /** Sets or replaces the patient's e-mail address and mobile number, and the language; 409 once the enrolment has ended. */
  setPlanContact: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/contact',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    body: setPlanContactRequest,
    response: planEnrolmentDetailResponse,
  },
  /** Staff stop every message to the patient's contact (as the patient's stop link does); stopping again changes nothing. */
  stopPlanMessages: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/stop-messages',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    response: planEnrolmentDetailResponse,
  },
  /** Sets or corrects the patient's birth month and sex (register data, for iso-BMI), also once the enrolment has ended. */
  setPlanSubject: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/subject',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: planEnrolmentIdParams,
    body: setPlanSubjectRequest,
    response: planEnrolmentDetailResponse,
  },
} as const satisfies Record<string, Endpoint>;
