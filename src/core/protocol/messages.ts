// The register API's messages as both sides see them: request and answer shapes, the sealed
// submission's payload and the receipt. Patient-facing code uses zod/mini, so that its bundle stays small.
import { z } from 'zod/mini';
import { answers } from '../answers.js';
import { proofOfWork } from './proof-of-work.js';

/** A public EC P-256 key as a JWK; private members are refused. */
export const publicP256Jwk = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  kid: z.optional(z.string().check(z.maxLength(100))),
  alg: z.optional(z.string().check(z.maxLength(20))),
  use: z.optional(z.string().check(z.maxLength(10))),
  key_ops: z.optional(z.array(z.string())),
  ext: z.optional(z.boolean()),
});
export type PublicP256Jwk = z.infer<typeof publicP256Jwk>;

export const registerPublicKey = z.object({ kid: z.string().check(z.minLength(1)), jwk: publicP256Jwk });
export type RegisterPublicKey = z.infer<typeof registerPublicKey>;

/** KVARUS's measurement points, and any other label a register uses. */
export const measurementPoint = z.string().check(z.trim(), z.minLength(1), z.maxLength(60));

/** The questionnaires of an order, answered in this sequence, each pinned to its exact content. */
export const orderedQuestionnaire = z.object({ key: z.string().check(z.minLength(3)), hash: z.string().check(z.minLength(1)) });

/** A questionnaire as orders name it: `id@version`. */
export const questionnaireKey = /* @__PURE__ */ z.string().check(z.regex(/^[A-Za-z][\w-]*@[\d.]+$/, 'use id@version, e.g. "ede-q@6.0"'));

// ---- Orders (staff) ----

export const createOrderRequest = z.strictObject({
  /** The register's pseudonymous patient reference; never a national identity number. */
  patientRef: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  /** `id@version` of each questionnaire, in the order they are answered. */
  questionnaires: /* @__PURE__ */ z.array(questionnaireKey).check(z.minLength(1), z.maxLength(20)),
  measurementPoint,
  validFrom: z.optional(z.iso.datetime({ offset: true })),
  validUntil: z.iso.datetime({ offset: true }),
  /** The clinic unit whose waiting-room tablets may list this order (optional). */
  unit: z.optional(/* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequest>;

/** Expired: its window closed before every questionnaire was answered. */
export const OrderState = { open: 'open', claimed: 'claimed', completed: 'completed', expired: 'expired' } as const;
export type OrderState = (typeof OrderState)[keyof typeof OrderState];

export const orderSummary = z.object({
  id: z.string(),
  patientRef: z.string(),
  measurementPoint,
  questionnaires: z.array(orderedQuestionnaire),
  validFrom: z.string(),
  validUntil: z.string(),
  createdAt: z.string(),
  claimedAt: z.nullable(z.string()),
  state: z.enum(OrderState),
  submissionCount: z.int(),
});
export type OrderSummary = z.infer<typeof orderSummary>;

export const ordersQuery = z.object({ patientRef: z.optional(z.string()) });
export const ordersResponse = z.object({ orders: z.array(orderSummary) });
export const orderIdParams = z.object({ id: z.string() });
export const releaseResponse = z.object({ released: z.string() });

// ---- Shared tablets ----

/** How many tablets one enrolment code may enrol at most. */
export const MAX_ENROLMENT_USES = 50;

export const createEnrolmentRequest = z.strictObject({
  unit: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  /** How many tablets the code enrols; one when not given. */
  uses: z.optional(/* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(MAX_ENROLMENT_USES))),
});
export type CreateEnrolmentRequest = z.infer<typeof createEnrolmentRequest>;
export const enrolmentResponse = z.object({ code: z.string(), unit: z.string(), validUntil: z.string(), uses: z.int() });
export type EnrolmentResponse = z.infer<typeof enrolmentResponse>;

/** A label staff give the tablet when they set it up (for example "Waiting room 2"), shown in the register's list of tablets. */
export const tabletName = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(60));

export const enrolTabletRequest = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  name: z.optional(tabletName),
  /** When the register asked for one (proofOfWorkRequired): solved for this code. */
  proof: z.optional(proofOfWork),
});
export type EnrolTabletRequest = z.infer<typeof enrolTabletRequest>;
export const enrolTabletResponse = z.object({ tabletToken: z.string(), unit: z.string() });
export type EnrolTabletResponse = z.infer<typeof enrolTabletResponse>;

/** A tablet as staff list it: never its token. */
export const tabletSummary = z.object({
  id: z.string(),
  unit: z.string(),
  name: z.nullable(z.string()),
  enrolledAt: z.string(),
  /** When it last called the register with its token (kept to the minute). */
  lastSeenAt: z.nullable(z.string()),
  /** When staff revoked it; its token is refused from then on. */
  revokedAt: z.nullable(z.string()),
});
export type TabletSummary = z.infer<typeof tabletSummary>;
export const tabletsQuery = z.object({ unit: z.optional(z.string()) });
export const tabletsResponse = z.object({ tablets: z.array(tabletSummary) });
export const tabletIdParams = z.object({ id: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(100)) });
export const revokeTabletResponse = z.object({ revoked: z.string(), revokedAt: z.string() });
export type RevokeTabletResponse = z.infer<typeof revokeTabletResponse>;

/** An order as a unit's tablet lists it for the clinician: the register's pseudonym, no more. */
export const unitOrder = z.object({
  id: z.string(),
  patientRef: z.string(),
  measurementPoint,
  questionnaireCount: z.int(),
  validUntil: z.string(),
});
export const unitOrdersResponse = z.object({ orders: z.array(unitOrder) });
export type UnitOrder = z.infer<typeof unitOrder>;

export const tabletClaimRequest = z.strictObject({ orderId: z.string().check(z.minLength(1)), deviceKey: publicP256Jwk });

export const createOrderResponse = z.object({
  order: orderSummary,
  /** Shown once: the server keeps only a hash of it. */
  accessCode: z.string(),
  /** The patient's link; the code travels in the fragment, which never reaches a server. */
  link: z.string(),
});
export type CreateOrderResponse = z.infer<typeof createOrderResponse>;

// ---- Claiming (the device) ----

export const claimRequest = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  deviceKey: publicP256Jwk,
  /** When the register asked for one (proofOfWorkRequired): solved for this code. */
  proof: z.optional(proofOfWork),
});
export type ClaimRequest = z.infer<typeof claimRequest>;

/** What the device learns about its order; the patient reference stays with the register. */
export const claimedOrder = z.object({
  id: z.string(),
  /** The register that asks, as the patient should read its name. */
  registerName: z.string().check(z.minLength(1), z.maxLength(120)),
  measurementPoint,
  questionnaires: z.array(orderedQuestionnaire).check(z.minLength(1)),
  validFrom: z.string(),
  validUntil: z.string(),
});
export type ClaimedOrder = z.infer<typeof claimedOrder>;

export const claimResponse = z.object({
  /** Only for a unit's tablet picking an order: the secret its draft key is derived from instead of a typed code. */
  resumeSecret: z.optional(z.string()),
  order: claimedOrder,
  /** The exact definitions the order refers to, as published (parse them with parseDefinition). */
  definitions: z.array(z.record(z.string(), z.unknown())).check(z.minLength(1)),
  /** The key submissions are encrypted to (ECDH-ES+A256KW). */
  encryptionKey: registerPublicKey,
  /** The key the register signs receipts with (ES256). */
  receiptKey: registerPublicKey,
  /** The register's time when it answered: the device judges the order's validity by it, not by its own clock. */
  serverTime: z.optional(z.iso.datetime({ offset: true })),
});
export type ClaimResponse = z.infer<typeof claimResponse>;

// ---- Submissions ----

export const SUBMISSION_FORMAT = 1;

/** What the device signs (JWS, ES256) and then encrypts to the register (JWE). */
export const submissionPayload = z.strictObject({
  format: z.literal(SUBMISSION_FORMAT),
  submissionId: z.uuid(),
  orderId: z.string().check(z.minLength(1), z.maxLength(100)),
  // Bounded here; the register checks each against the order (the answers, scores and notices against its definition).
  questionnaire: z.strictObject({
    id: z.string().check(z.maxLength(64)),
    version: z.string().check(z.maxLength(40)),
    hash: z.string().check(z.maxLength(100)),
  }),
  /** The answers of the items that were shown, by item id; option codes, never option texts. */
  answers,
  /** Scores as the device computed them; the register recomputes its own. */
  scores: z.optional(z.record(z.string(), z.unknown())),
  /** The support notices the person was shown while answering, by notice id. */
  noticesShown: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(100))),
  language: z.string().check(z.minLength(2), z.maxLength(3)),
  startedAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }),
  appVersion: z.string().check(z.minLength(1), z.maxLength(40)),
});
export type SubmissionPayload = z.infer<typeof submissionPayload>;

export const submitRequest = z.strictObject({
  /** JWE compact serialisation (ECDH-ES+A256KW, A256GCM) of a JWS compact serialisation (ES256). */
  token: z.string().check(z.minLength(1), z.maxLength(1_000_000)),
});
export type SubmitRequest = z.infer<typeof submitRequest>;

/** The receipt's claims, signed by the register (ES256, the receipt key). */
export const receiptClaims = z.object({
  submissionId: z.string(),
  orderId: z.string(),
  receivedAt: z.string(),
  /** sha256-<hex> of the sealed token as stored. */
  storedHash: z.string(),
});
export type ReceiptClaims = z.infer<typeof receiptClaims>;

export const submitResponse = z.extend(receiptClaims, {
  /** JWS compact serialisation of the receipt claims. */
  receipt: z.string(),
});
export type SubmitResponse = z.infer<typeof submitResponse>;

// ---- What has arrived (staff) ----

export const submissionsQuery = z.object({
  patientRef: z.optional(z.string()),
  orderId: z.optional(z.string()),
  /** `id@version`: only submissions to this questionnaire (and, in CSV, only its items as columns). */
  questionnaire: z.optional(z.string()),
});
export type SubmissionsQuery = z.infer<typeof submissionsQuery>;

/** A stored submission as staff list it: the verified payload's content and where it belongs; more fields may come. */
export const storedSubmission = z.looseObject({
  submissionId: z.string(),
  orderId: z.string(),
  patientRef: z.string(),
  measurementPoint: z.string(),
  questionnaireKey: z.string(),
  definitionHash: z.string(),
  answers: z.record(z.string(), z.unknown()),
  scores: z.nullable(z.record(z.string(), z.unknown())),
  language: z.string(),
  startedAt: z.string(),
  completedAt: z.string(),
  receivedAt: z.string(),
});
export const submissionsResponse = z.object({ submissions: z.array(storedSubmission) });
/** The JSON export: the same rows with the sealed original (token) each was stored as. */
export const exportResponse = z.object({ submissions: z.array(z.extend(storedSubmission, { token: z.string() })) });
/** The CSV export: one row per submission (src/server/export.ts). */
export const csvText = z.string();

// ---- FHIR R4 (staff) ----

/** A Questionnaire by its resource id ("ede-q-6.0", as the export writes it) or by id@version. */
export const fhirQuestionnaireParams = z.object({
  key: /* @__PURE__ */ z
    .string()
    .check(
      z.regex(/^(?:[A-Za-z][\w-]*@[\d.]+|[A-Za-z0-9.-]{1,64})$/, 'use the resource id (e.g. "ede-q-6.0") or id@version (e.g. "ede-q@6.0")'),
    ),
});
/** FHIR's search by canonical URL and business version: GET /api/fhir/Questionnaire?url=…&version=… */
export const fhirQuestionnaireSearch = z.object({
  url: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  version: z.optional(z.string().check(z.minLength(1), z.maxLength(50))),
});
export const fhirSubmissionParams = z.object({ submissionId: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(100)) });
/** A FHIR resource; its shape is FHIR's (src/core/fhir builds it). */
export const fhirResource = z.record(z.string(), z.unknown());

export const healthResponse = z.object({ status: z.enum(['ok', 'unavailable']) });

/** Norwegian national identity numbers (fødselsnummer, D-number) are 11 digits; a reference must not be one. */
export function looksLikeNationalId(reference: string): boolean {
  return /\d{11}/.test(reference.replace(/[\s.-]/g, ''));
}
