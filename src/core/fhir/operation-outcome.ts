// The register's refusals as FHIR R4 OperationOutcome, for the FHIR routes: a FHIR client reads an
// error as a resource, not as the register's own JSON. The register's code stays in the issue's
// details, under its own code system, so nothing the JSON said is lost.
import { ApiError, type ApiErrorBody } from '../protocol/api-errors.js';

/** The register's error codes as a code system. */
export const apiErrorSystem = 'urn:eprom:api-error';

/** R4's IssueType (http://hl7.org/fhir/issue-type) for each of the register's codes; "processing" for the rest. */
const issueTypeOf: Partial<Record<ApiError, string>> = {
  [ApiError.badRequest]: 'invalid',
  [ApiError.unsupportedMediaType]: 'structure',
  [ApiError.payloadTooLarge]: 'too-costly',
  [ApiError.unauthorized]: 'login',
  [ApiError.forbidden]: 'forbidden',
  [ApiError.csrfFailed]: 'security',
  [ApiError.notFound]: 'not-found',
  [ApiError.rateLimited]: 'throttled',
  [ApiError.internal]: 'exception',
  [ApiError.unavailable]: 'transient',
};

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: {
    severity: 'error' | 'fatal';
    code: string;
    details: { coding: { system: string; code: string }[]; text: string };
    diagnostics?: string;
  }[];
}

export function toOperationOutcome(body: ApiErrorBody): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: body.error === ApiError.internal ? 'fatal' : 'error',
        code: issueTypeOf[body.error] ?? 'processing',
        details: { coding: [{ system: apiErrorSystem, code: body.error }], text: body.message },
        ...(body.details && body.details.length > 0 ? { diagnostics: body.details.join('; ') } : {}),
      },
    ],
  };
}
