// The register's endpoints for results (staff): the exports' FHIR form, and the registers' quality
// indicators. Apart from endpoints.ts, as the plans' are; joined into registerApi there.
import type { Endpoint } from './endpoint-shape.js';
import { csvText } from './messages.js';
import { exportQuery, indicatorsQuery, indicatorsResponse } from './results-messages.js';
import type { StaffRole } from './staff-messages.js';

/** Clinicians (their own units) and register staff. */
const clinicalStaff = ['clinician', 'register'] as const satisfies readonly StaffRole[];

export const exportApi = {
  /** Every submission as a FHIR R4 QuestionnaireResponse, one a line (FHIR's bulk data NDJSON). */
  exportFhir: {
    method: 'GET',
    path: '/api/export.ndjson',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: exportQuery,
    response: csvText,
    contentType: 'application/fhir+ndjson; charset=utf-8',
  },
} as const satisfies Record<string, Endpoint>;

export const indicatorApi = {
  indicatorsJson: {
    method: 'GET',
    path: '/api/indicators.json',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: indicatorsQuery,
    response: indicatorsResponse,
  },
  indicatorsCsv: {
    method: 'GET',
    path: '/api/indicators.csv',
    isStaff: true,
    staffRoles: clinicalStaff,
    query: indicatorsQuery,
    response: csvText,
    contentType: 'text/csv; charset=utf-8',
  },
} as const satisfies Record<string, Endpoint>;
