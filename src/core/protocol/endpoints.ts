// The register's endpoints, one table for both sides: the server registers each route from its entry
// and parses what arrives with the entry's schemas; the device builds the request from the entry and
// parses the answer with its response schema. A path and its schemas are written here once.
import type { Endpoint } from './endpoint-shape.js';
import {
  claimRequest,
  claimResponse,
  createEnrolmentRequest,
  createOrderRequest,
  createOrderResponse,
  csvText,
  enrolmentResponse,
  enrolTabletRequest,
  enrolTabletResponse,
  exportResponse,
  fhirQuestionnaireParams,
  fhirQuestionnaireSearch,
  fhirResource,
  fhirSubmissionParams,
  healthResponse,
  orderIdParams,
  ordersQuery,
  ordersResponse,
  releaseResponse,
  revokeTabletResponse,
  submissionsQuery,
  submissionsResponse,
  submitRequest,
  submitResponse,
  tabletClaimRequest,
  tabletIdParams,
  tabletsQuery,
  tabletsResponse,
  unitOrdersResponse,
} from './messages.js';
import { staffSessionApi } from './staff-endpoints.js';
import {
  consoleOrderResponse,
  consoleOrdersQuery,
  consoleOrdersResponse,
  extendOrderRequest,
  questionnaireChoicesResponse,
  submissionDetail,
  submissionDetailParams,
  patientCourse,
  patientCourseParams,
  patientCourseQuery,
  alertIdParams,
  alertsQuery,
  alertsResponse,
  consoleAlert,
} from './console-messages.js';
import type { StaffRole } from './staff-messages.js';
import { planApi } from './plan-endpoints.js';
import { exportApi, indicatorApi } from './results-endpoints.js';
import { exportQuery } from './results-messages.js';

export type { Endpoint };
export { planApi, staffSessionApi, exportApi, indicatorApi };

const fhirJson = 'application/fhir+json; charset=utf-8';

const clinicalStaff = ['clinician', 'register'] as const satisfies readonly StaffRole[];

/** What the patient's device and a unit's shared tablet call (apart, so that the patient's bundle holds no staff entries). */
export const deviceApi = {
  // The patient's device
  claim: { method: 'POST', path: '/api/claim', body: claimRequest, response: claimResponse },
  submit: { method: 'POST', path: '/api/submissions', body: submitRequest, response: submitResponse },

  // Shared tablets
  enrolTablet: { method: 'POST', path: '/api/tablets', body: enrolTabletRequest, response: enrolTabletResponse },
  listUnitOrders: { method: 'GET', path: '/api/tablets/orders', hasTabletToken: true, response: unitOrdersResponse },
  claimForTablet: {
    method: 'POST',
    path: '/api/tablets/claim',
    hasTabletToken: true,
    body: tabletClaimRequest,
    response: claimResponse,
  },
} as const satisfies Record<string, Endpoint>;

/** What staff and their tools call: with the service token or a session; clinicians see their units' data only. */
export const staffApi = {
  // Orders, enrolment codes and tablets (staff)
  createOrder: {
    method: 'POST',
    path: '/api/orders',
    isStaff: true,
    staffRoles: clinicalStaff,
    body: createOrderRequest,
    response: createOrderResponse,
  },
  listOrders: {
    method: 'GET',
    path: '/api/orders',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: ordersQuery,
    response: ordersResponse,
  },
  releaseOrder: {
    method: 'POST',
    path: '/api/orders/:id/release',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: orderIdParams,
    response: releaseResponse,
  },
  createEnrolment: {
    method: 'POST',
    path: '/api/enrolments',
    isStaff: true,
    staffRoles: clinicalStaff,
    body: createEnrolmentRequest,
    response: enrolmentResponse,
  },
  listTablets: {
    method: 'GET',
    path: '/api/tablets',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: tabletsQuery,
    response: tabletsResponse,
  },
  revokeTablet: {
    method: 'POST',
    path: '/api/tablets/:id/revoke',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: tabletIdParams,
    response: revokeTabletResponse,
  },

  // What has arrived (staff)
  listSubmissions: {
    method: 'GET',
    path: '/api/submissions',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: submissionsQuery,
    response: submissionsResponse,
  },
  exportJson: {
    method: 'GET',
    path: '/api/export.json',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: exportQuery,
    response: exportResponse,
  },
  exportCsv: {
    method: 'GET',
    path: '/api/export.csv',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: exportQuery,
    response: csvText,
    contentType: 'text/csv; charset=utf-8',
  },
  fhirQuestionnaire: {
    method: 'GET',
    path: '/api/fhir/Questionnaire/:key',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: fhirQuestionnaireParams,
    response: fhirResource,
    contentType: fhirJson,
  },
  fhirQuestionnaireSearch: {
    method: 'GET',
    path: '/api/fhir/Questionnaire',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: fhirQuestionnaireSearch,
    response: fhirResource,
    contentType: fhirJson,
  },
  fhirQuestionnaireResponse: {
    method: 'GET',
    path: '/api/fhir/QuestionnaireResponse/:submissionId',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: fhirSubmissionParams,
    response: fhirResource,
    contentType: fhirJson,
  },

  // The staff console's data
  consoleOrders: {
    method: 'GET',
    path: '/api/staff/orders',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: consoleOrdersQuery,
    response: consoleOrdersResponse,
  },
  extendOrder: {
    method: 'POST',
    path: '/api/staff/orders/:id/extend',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: orderIdParams,
    body: extendOrderRequest,
    response: consoleOrderResponse,
  },
  cancelOrder: {
    method: 'POST',
    path: '/api/staff/orders/:id/cancel',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: orderIdParams,
    response: consoleOrderResponse,
  },
  consoleQuestionnaires: {
    method: 'GET',
    path: '/api/staff/questionnaires',
    isStaff: true,
    staffRoles: clinicalStaff,
    response: questionnaireChoicesResponse,
  },
  submissionDetail: {
    method: 'GET',
    path: '/api/staff/submissions/:submissionId',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: submissionDetailParams,
    response: submissionDetail,
  },
  patientCourse: {
    method: 'GET',
    path: '/api/staff/patients/:patientRef/course',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: patientCourseParams,
    query: patientCourseQuery,
    response: patientCourse,
  },
  listAlerts: {
    method: 'GET',
    path: '/api/staff/alerts',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: alertsQuery,
    response: alertsResponse,
  },
  acknowledgeAlert: {
    method: 'POST',
    path: '/api/staff/alerts/:id/acknowledge',
    isStaff: true,
    staffRoles: clinicalStaff,
    params: alertIdParams,
    response: consoleAlert,
  },
} as const satisfies Record<string, Endpoint>;

/** 200 with ok, or 503 with unavailable when the database does not answer. */
const healthApi = {
  health: { method: 'GET', path: '/api/health', response: healthResponse },
} as const satisfies Record<string, Endpoint>;

/**
 * Every endpoint of the register: the server registers its routes from this table. Joined by a call
 * marked pure, so that a bundle that uses only deviceApi (the patient's) leaves the rest out.
 */
export const registerApi = /* @__PURE__ */ Object.assign(
  {},
  deviceApi,
  // Object.assign is typed for at most three sources: more are nested.
  /* @__PURE__ */ Object.assign({}, staffApi, staffSessionApi, /* @__PURE__ */ Object.assign({}, planApi, exportApi, indicatorApi)),
  healthApi,
);

export type RegisterApi = typeof registerApi;

/** The address of an endpoint: each `:name` in its path filled in (encoded), then the query, if any. */
export function endpointUrl(
  endpoint: Pick<Endpoint, 'path'>,
  params: Record<string, string> = {},
  query: Record<string, string> = {},
): string {
  const path = endpoint.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${endpoint.path} needs ${name}`);
    return encodeURIComponent(value);
  });
  // Core has no URLSearchParams (no DOM, no Node types); encodeURIComponent on each name and value does the same work.
  const search = Object.entries(query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return search ? `${path}?${search}` : path;
}
