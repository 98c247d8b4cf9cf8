// The closed set of error codes the register answers with, each with its one HTTP status; the app
// translates the codes for people (apiError.* in its locales).
import { z } from 'zod/mini';
import { proofOfWorkChallenge } from './proof-of-work.js';

export const ApiError = {
  badRequest: 'badRequest',
  unsupportedMediaType: 'unsupportedMediaType',
  payloadTooLarge: 'payloadTooLarge',
  unauthorized: 'unauthorized',
  /** The principal's role may not use this route (another unit's data is notFound instead). */
  forbidden: 'forbidden',
  /** Staff sign-in: one answer for an unknown user, a wrong password and a disabled account. */
  signInFailed: 'signInFailed',
  /** The password was right; the account's second factor (TOTP) is needed, or the code given was wrong. */
  secondFactorRequired: 'secondFactorRequired',
  /** A POST with the session cookie lacked the session's X-CSRF-Token. */
  csrfFailed: 'csrfFailed',
  passwordTooShort: 'passwordTooShort',
  usernameTaken: 'usernameTaken',
  /** A setup or reset link that is unknown, used or expired. */
  linkInvalid: 'linkInvalid',
  /** An OpenID Connect sign-in did not complete: refused or cancelled at the provider, a stale or forged return, a bad token. */
  oidcFailed: 'oidcFailed',
  /** The provider signed the person in, but the register has no (enabled) account or role for them. */
  oidcNoAccount: 'oidcNoAccount',
  /** The OpenID Connect provider does not answer, or OIDC sign-in is not set up. */
  oidcUnavailable: 'oidcUnavailable',
  notFound: 'notFound',
  rateLimited: 'rateLimited',
  /** Many codes are being guessed: the claim must carry a proof of work for the challenge the refusal carries. */
  proofOfWorkRequired: 'proofOfWorkRequired',
  patientRefLooksLikeNationalId: 'patientRefLooksLikeNationalId',
  unknownQuestionnaire: 'unknownQuestionnaire',
  /** A questionnaire file differs from the snapshot orders already use under the same id@version. */
  definitionChanged: 'definitionChanged',
  /** An order with a chosen id (the demo order's) exists already. */
  orderIdTaken: 'orderIdTaken',
  codeUnknown: 'codeUnknown',
  orderNotYetValid: 'orderNotYetValid',
  orderExpired: 'orderExpired',
  orderClaimed: 'orderClaimed',
  orderNotClaimed: 'orderNotClaimed',
  invalidToken: 'invalidToken',
  unknownRegisterKey: 'unknownRegisterKey',
  badSignature: 'badSignature',
  invalidPayload: 'invalidPayload',
  questionnaireNotInOrder: 'questionnaireNotInOrder',
  definitionHashMismatch: 'definitionHashMismatch',
  invalidAnswers: 'invalidAnswers',
  submissionConflict: 'submissionConflict',
  /** Another submission already answers this questionnaire of the order: one answer per questionnaire. */
  questionnaireAlreadyAnswered: 'questionnaireAlreadyAnswered',
  internal: 'internal',
  /** The register's database does not answer; the same request may succeed shortly. */
  unavailable: 'unavailable',
  /** An enrolment code that has enrolled as many tablets as staff allowed. */
  enrolmentUsedUp: 'enrolmentUsedUp',
  /** Staff removed this tablet: its token is refused; it can be enrolled again with a new code. */
  tabletRevoked: 'tabletRevoked',
  /** The register has no measurement plan with this id loaded. */
  unknownPlan: 'unknownPlan',
  /** The plan enrolment has ended: nothing more can be recorded, paused or resumed in it. */
  planEnrolmentEnded: 'planEnrolmentEnded',
} as const;
export type ApiError = (typeof ApiError)[keyof typeof ApiError];

/** The one HTTP status of each code: the server answers with it, and clients may reason by either. */
export const apiErrorStatus: Record<ApiError, number> = {
  badRequest: 400,
  unsupportedMediaType: 415,
  payloadTooLarge: 413,
  unauthorized: 401,
  forbidden: 403,
  signInFailed: 401,
  secondFactorRequired: 401,
  csrfFailed: 403,
  passwordTooShort: 400,
  usernameTaken: 409,
  linkInvalid: 410,
  oidcFailed: 401,
  oidcNoAccount: 403,
  oidcUnavailable: 503,
  notFound: 404,
  rateLimited: 429,
  // Not 429: the device is not asked to wait but to send the request again with a proof (RFC 6585's 428 Precondition Required).
  proofOfWorkRequired: 428,
  patientRefLooksLikeNationalId: 400,
  unknownQuestionnaire: 400,
  definitionChanged: 409,
  orderIdTaken: 409,
  codeUnknown: 404,
  orderNotYetValid: 403,
  orderExpired: 410,
  orderClaimed: 409,
  orderNotClaimed: 409,
  invalidToken: 400,
  unknownRegisterKey: 400,
  badSignature: 401,
  invalidPayload: 400,
  questionnaireNotInOrder: 422,
  definitionHashMismatch: 422,
  invalidAnswers: 422,
  submissionConflict: 409,
  questionnaireAlreadyAnswered: 409,
  internal: 500,
  unavailable: 503,
  enrolmentUsedUp: 410,
  tabletRevoked: 401,
  unknownPlan: 400,
  planEnrolmentEnded: 409,
};

/** Statuses worth retrying: the same request may succeed later without any change. */
export const isTransientStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

const apiErrorCodes = Object.values(ApiError) as [ApiError, ...ApiError[]];

export const apiErrorBody = z.object({
  error: z.enum(apiErrorCodes),
  /** For people reading logs and for staff tools; the app shows its own translated text for the code. */
  message: z.string(),
  /** Where it applies: which fields or items are wrong (never their values). */
  details: z.optional(z.array(z.string())),
  /** For rateLimited: seconds until a new attempt may succeed. */
  retryAfterSeconds: z.optional(z.number()),
  /** For proofOfWorkRequired: the challenge to solve before claiming again. */
  proofOfWork: z.optional(proofOfWorkChallenge),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;
