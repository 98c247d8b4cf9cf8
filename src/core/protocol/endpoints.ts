// The register's endpoints, one table for both sides: the server registers each route from its entry
// and parses what arrives with the entry's schemas; the device builds the request from the entry and
// parses the answer with its response schema. A path and its schemas are written here once.
import type { z } from 'zod/mini';
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

type Schema = z.ZodMiniType;

export interface Endpoint {
  readonly method: 'GET' | 'POST';
  /** With `:name` for each path parameter (its schema is `params`). */
  readonly path: `/api/${string}`;
  /** Only with the staff token (Authorization: Bearer …), checked before the body is read; absent: not a staff route. */
  readonly isStaff?: boolean;
  /** A shared tablet's own token goes as the bearer; the register finds the tablet by it. */
  readonly hasTabletToken?: boolean;
  readonly body?: Schema;
  readonly params?: Schema;
  readonly query?: Schema;
  /** The answer of a success; for a text answer, the text. */
  readonly response: Schema;
  /** The answer's media type when it is not JSON. */
  readonly contentType?: string;
}

const fhirJson = 'application/fhir+json; charset=utf-8';

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

/** What staff and their tools call, with the staff token. */
export const staffApi = {
  // Orders, enrolment codes and tablets (staff)
  createOrder: { method: 'POST', path: '/api/orders', isStaff: true, body: createOrderRequest, response: createOrderResponse },
  listOrders: { method: 'GET', path: '/api/orders', isStaff: true, query: ordersQuery, response: ordersResponse },
  releaseOrder: { method: 'POST', path: '/api/orders/:id/release', isStaff: true, params: orderIdParams, response: releaseResponse },
  createEnrolment: { method: 'POST', path: '/api/enrolments', isStaff: true, body: createEnrolmentRequest, response: enrolmentResponse },
  listTablets: { method: 'GET', path: '/api/tablets', isStaff: true, query: tabletsQuery, response: tabletsResponse },
  revokeTablet: { method: 'POST', path: '/api/tablets/:id/revoke', isStaff: true, params: tabletIdParams, response: revokeTabletResponse },

  // Measurement plans: enrolments, the events staff record, coverage (staff)
  enrolInPlan: { method: 'POST', path: '/api/plan-enrolments', isStaff: true, body: enrolInPlanRequest, response: planEnrolmentResponse },
  listPlanEnrolments: {
    method: 'GET',
    path: '/api/plan-enrolments',
    isStaff: true,
    query: planEnrolmentsQuery,
    response: planEnrolmentsResponse,
  },
  recordPlanEvent: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/events',
    isStaff: true,
    params: planEnrolmentIdParams,
    body: recordPlanEventRequest,
    response: planEnrolmentResponse,
  },
  pausePlanEnrolment: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/pause',
    isStaff: true,
    params: planEnrolmentIdParams,
    response: planEnrolmentResponse,
  },
  resumePlanEnrolment: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/resume',
    isStaff: true,
    params: planEnrolmentIdParams,
    response: planEnrolmentResponse,
  },
  endPlanEnrolment: {
    method: 'POST',
    path: '/api/plan-enrolments/:id/end',
    isStaff: true,
    params: planEnrolmentIdParams,
    response: planEnrolmentResponse,
  },
  coverageJson: { method: 'GET', path: '/api/coverage.json', isStaff: true, query: coverageQuery, response: coverageResponse },
  coverageCsv: {
    method: 'GET',
    path: '/api/coverage.csv',
    isStaff: true,
    query: coverageQuery,
    response: csvText,
    contentType: 'text/csv; charset=utf-8',
  },

  // What has arrived (staff)
  listSubmissions: { method: 'GET', path: '/api/submissions', isStaff: true, query: submissionsQuery, response: submissionsResponse },
  exportJson: { method: 'GET', path: '/api/export.json', isStaff: true, query: submissionsQuery, response: exportResponse },
  exportCsv: {
    method: 'GET',
    path: '/api/export.csv',
    isStaff: true,
    query: submissionsQuery,
    response: csvText,
    contentType: 'text/csv; charset=utf-8',
  },
  fhirQuestionnaire: {
    method: 'GET',
    path: '/api/fhir/Questionnaire/:key',
    isStaff: true,
    params: fhirQuestionnaireParams,
    response: fhirResource,
    contentType: fhirJson,
  },
  fhirQuestionnaireResponse: {
    method: 'GET',
    path: '/api/fhir/QuestionnaireResponse/:submissionId',
    isStaff: true,
    params: fhirSubmissionParams,
    response: fhirResource,
    contentType: fhirJson,
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
export const registerApi = /* @__PURE__ */ Object.assign({}, deviceApi, staffApi, healthApi);

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
