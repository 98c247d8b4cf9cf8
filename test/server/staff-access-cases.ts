// The table of staff-access.test.ts: for each staff route, a request on unit A's data and the
// status each caller gets. 404 where a clinician of B asks for A's object (as if it did not exist),
// 403 forbidden where a role may not use the route, 403 csrfFailed for a POST without the token.
export const callers = ['none', 'clinicianA', 'clinicianB', 'register', 'admin', 'service', 'noCsrf'] as const;
export type Caller = (typeof callers)[number];

interface Data {
  accountId: string;
  orderId: string;
  submissionId: string;
  tabletId: string;
  planEnrolmentId: string;
  patientRef: string;
}

export interface AccessRow {
  request: (data: Data) => { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  expect: Record<Caller, number>;
}

const statuses = (
  none: number,
  clinicianA: number,
  clinicianB: number,
  register: number,
  admin: number,
  service: number,
  noCsrf: number,
): Record<Caller, number> => ({ none, clinicianA, clinicianB, register, admin, service, noCsrf });

const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

/** Read by clinicians (their units) and register staff; not by administrators. */
const clinicalRead = statuses(401, 200, 200, 200, 403, 200, 200);
/** Any signed-in account; not the service token, which has no session. */
const ownSessionRead = statuses(401, 200, 200, 200, 200, 403, 200);
const ownSessionChange = statuses(401, 200, 200, 200, 200, 403, 403);
/** Administrators only; the service account is not one. */
const adminOnly = (status: number) => statuses(401, 403, 403, 403, status, 403, 403);
let made = 0;

/** A change to A's plan enrolment: clinicians of A and register staff. */
const planChange = statuses(401, 200, 404, 200, 403, 200, 403);

/** Administrators and register staff (the service account is register staff). */
const auditRead = statuses(401, 403, 403, 200, 200, 200, 200);

export const accessCases = {
  createOrder: {
    request: ({ patientRef }) => ({
      body: { patientRef, questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil: inOneDay(), unit: 'A' },
    }),
    expect: statuses(401, 201, 403, 201, 403, 201, 403),
  },
  listOrders: { request: () => ({}), expect: clinicalRead },
  releaseOrder: { request: ({ orderId }) => ({ params: { id: orderId } }), expect: statuses(401, 200, 404, 200, 403, 200, 403) },
  createEnrolment: { request: () => ({ body: { unit: 'A' } }), expect: statuses(401, 201, 403, 201, 403, 201, 403) },
  listTablets: { request: () => ({}), expect: clinicalRead },
  revokeTablet: { request: ({ tabletId }) => ({ params: { id: tabletId } }), expect: statuses(401, 200, 404, 200, 403, 200, 403) },
  listSubmissions: { request: () => ({}), expect: clinicalRead },
  exportJson: { request: () => ({}), expect: clinicalRead },
  exportCsv: { request: () => ({}), expect: clinicalRead },
  fhirQuestionnaire: { request: () => ({ params: { key: 'demo-wellbeing@1' } }), expect: clinicalRead },
  fhirQuestionnaireSearch: { request: () => ({ query: { url: 'urn:eprom:questionnaire:demo-wellbeing' } }), expect: clinicalRead },
  fhirQuestionnaireResponse: {
    request: ({ submissionId }) => ({ params: { submissionId } }),
    expect: statuses(401, 200, 404, 200, 403, 200, 200),
  },
  // The console's data: extending and cancelling change A's order, so they come after the reads of it.
  consoleOrders: { request: ({ patientRef }) => ({ query: { patientRef } }), expect: clinicalRead },
  extendOrder: {
    request: ({ orderId }) => ({ params: { id: orderId }, body: { validUntil: new Date(Date.now() + 2 * 86_400_000).toISOString() } }),
    expect: statuses(401, 200, 404, 200, 403, 200, 403),
  },
  cancelOrder: { request: ({ orderId }) => ({ params: { id: orderId } }), expect: statuses(401, 200, 404, 200, 403, 200, 403) },
  consoleQuestionnaires: { request: () => ({}), expect: clinicalRead },
  submissionDetail: {
    request: ({ submissionId }) => ({ params: { submissionId } }),
    expect: statuses(401, 200, 404, 200, 403, 200, 200),
  },
  // another unit's patient has no course to show: 200 with nothing in it
  patientCourse: { request: ({ patientRef }) => ({ params: { patientRef } }), expect: clinicalRead },
  listAlerts: { request: () => ({}), expect: clinicalRead },
  // no alert in the data: an unknown one is not found for whoever may acknowledge
  acknowledgeAlert: { request: () => ({ params: { id: 'no-such-alert' } }), expect: statuses(401, 404, 404, 404, 403, 404, 403) },
  getSession: { request: () => ({}), expect: ownSessionRead },
  endSession: { request: () => ({}), expect: ownSessionChange },
  endAllSessions: { request: () => ({}), expect: ownSessionChange },
  listAudit: { request: () => ({}), expect: auditRead },
  startTotp: { request: () => ({}), expect: ownSessionChange },
  // No secret started for this session's account: the code cannot match.
  confirmTotp: { request: () => ({ body: { code: '000000' } }), expect: statuses(401, 400, 400, 400, 400, 403, 403) },
  listAccounts: { request: () => ({}), expect: adminOnly(200) },
  createAccount: {
    request: () => ({ body: { username: `new-${(made += 1)}`, displayName: 'New', roles: ['clinician'], units: ['A'] } }),
    expect: adminOnly(201),
  },
  updateAccount: { request: ({ accountId }) => ({ params: { id: accountId }, body: { displayName: 'Changed' } }), expect: adminOnly(200) },
  resetAccount: { request: ({ accountId }) => ({ params: { id: accountId } }), expect: adminOnly(200) },
  exportAudit: { request: () => ({}), expect: auditRead },
  // Measurement plans: A's enrolment (ending it again answers as the first time).
  enrolInPlan: {
    request: () => ({ body: { patientRef: `plan-${(made += 1)}`, plan: 'norspis', unit: 'A', language: 'nb' } }),
    expect: statuses(401, 201, 404, 201, 403, 201, 403),
  },
  listPlanEnrolments: { request: () => ({}), expect: clinicalRead },
  recordPlanEvent: {
    request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId }, body: { name: 'treatmentEnded', at: new Date().toISOString() } }),
    expect: statuses(401, 201, 404, 201, 403, 201, 403),
  },
  pausePlanEnrolment: { request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId } }), expect: planChange },
  resumePlanEnrolment: { request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId } }), expect: planChange },
  endPlanEnrolment: { request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId } }), expect: planChange },
  coverageJson: { request: () => ({}), expect: clinicalRead },
  coverageCsv: { request: () => ({}), expect: clinicalRead },
  // The target account has no second factor: the reset answers it as it is.
  resetAccountTotp: { request: ({ accountId }) => ({ params: { id: accountId } }), expect: adminOnly(200) },
  listPlans: { request: () => ({}), expect: clinicalRead },
  getPlanEnrolment: {
    request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId } }),
    expect: statuses(401, 200, 404, 200, 403, 200, 200),
  },
  // The enrolment has ended by now (endPlanEnrolment runs first): who may set a contact is answered 409 planEnrolmentEnded.
  setPlanContact: {
    request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId }, body: { email: 'ola@example.org' } }),
    expect: statuses(401, 409, 404, 409, 403, 409, 403),
  },
  stopPlanMessages: { request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId } }), expect: planChange },
  exportFhir: { request: () => ({}), expect: clinicalRead },
  indicatorsJson: { request: () => ({}), expect: clinicalRead },
  indicatorsCsv: { request: () => ({}), expect: clinicalRead },
  // Register data may be corrected once the enrolment has ended (it has by now).
  setPlanSubject: {
    request: ({ planEnrolmentId }) => ({ params: { id: planEnrolmentId }, body: { birthMonth: '2011-04', sex: 'female' } }),
    expect: planChange,
  },
} satisfies Record<string, AccessRow>;
