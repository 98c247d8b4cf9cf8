// What the register keeps, behind an interface the routes use: SQLite today, PostgreSQL later,
// without touching the routes. Every method is async for that reason, and every method that
// writes does all its writing in one transaction.
import type { OrderedQuestionnaireRef, PublicP256Jwk } from './types.js';

export interface OrderRecord {
  id: string;
  patientRef: string;
  measurementPoint: string;
  questionnaires: OrderedQuestionnaireRef[];
  validFrom: string;
  validUntil: string;
  createdAt: string;
  /** HMAC of the access code; the code itself is never stored. */
  codeHash: string;
  /** The register key submissions to this order are encrypted to. */
  encryptionKid: string;
  /** The clinic unit whose tablets may list the order. */
  unit: string | null;
  deviceKey: PublicP256Jwk | null;
  deviceThumbprint: string | null;
  claimedAt: string | null;
  /** When staff last released the order from a device. */
  releasedAt: string | null;
}

export interface SubmissionRecord {
  submissionId: string;
  orderId: string;
  questionnaireKey: string;
  definitionHash: string;
  /** The sealed original, as received. */
  token: string;
  /** `sha256-<hex>` of the token's bytes: what the receipt says was stored. */
  tokenHash: string;
  /** `sha256-<hex>` of the canonical JSON of the verified payload: what makes a retry the same submission. */
  payloadHash: string;
  /** The device that signed it (its key, and that key's RFC 7638 thumbprint). Null for rows stored before this was kept. */
  deviceThumbprint: string | null;
  deviceKey: PublicP256Jwk | null;
  answers: Record<string, unknown>;
  /** The register's own scores, recomputed from the answers. */
  scores: Record<string, unknown> | null;
  /** The scores the device sent, kept for comparison. */
  deviceScores: Record<string, unknown> | null;
  noticesShown: string[];
  language: string;
  startedAt: string;
  completedAt: string;
  appVersion: string;
  receivedAt: string;
  receipt: string;
}

/** The exact definition an order refers to, kept when an order first uses it. */
export interface DefinitionSnapshot {
  key: string;
  hash: string;
  json: unknown;
}

export type BindResult = 'bound' | 'alreadyThisDevice' | 'otherDevice' | 'missing';

export type CreateOrderResult =
  | { isCreated: true }
  | { isCreated: false; reason: 'changedDefinition'; changedDefinition: { key: string; storedHash: string } }
  /** Another order already has this id (only a chosen id can collide, such as the demo order's). */
  | { isCreated: false; reason: 'idTaken' };

/**
 * The database did not answer, even on a fresh connection: the request may succeed later. The
 * register answers 503 with Retry-After rather than 500.
 */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The register's database does not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface ClaimLimits {
  /** Start of the window, ISO time. */
  since: string;
  /** Failed attempts one address may make in the window. */
  perAddress: number;
  /** Failed attempts all addresses together may make in the window. */
  overall: number;
}

/**
 * An attempt is recorded as failed when it is admitted, before any lookup, so parallel guesses
 * cannot slip past the limit; a claim that succeeds marks its attempt afterwards.
 */
export type AdmitResult =
  | { isAdmitted: true; attemptId: number }
  /** `agesOutAt`: the time of the failed attempt that must leave the window before another is admitted. */
  | { isAdmitted: false; scope: 'address' | 'overall'; agesOutAt: string };

export interface OrderWithProgress extends OrderRecord {
  submissionCount: number;
  /** How many of the order's questionnaires have at least one submission. */
  answeredCount: number;
}

export interface RegisterStore {
  getDefinition(key: string): Promise<DefinitionSnapshot | undefined>;

  /**
   * Stores the order and the snapshots of the definitions it uses, together. A snapshot whose key is
   * already stored with another hash stores nothing and names it. An order already stored with the
   * same id and access-code hash is this very order (a retry whose first answer was lost): created.
   */
  createOrder(order: OrderRecord, snapshots: DefinitionSnapshot[]): Promise<CreateOrderResult>;
  getOrder(id: string): Promise<OrderRecord | undefined>;
  findOrderByCodeHash(codeHash: string): Promise<OrderRecord | undefined>;
  listOrders(filter: { patientRef?: string; unit?: string }): Promise<OrderWithProgress[]>;
  /** Binds a device key to an order, atomically: only one device can win an unclaimed order. */
  bindDevice(orderId: string, key: PublicP256Jwk, thumbprint: string, at: string): Promise<BindResult>;
  releaseOrder(orderId: string, at: string): Promise<boolean>;

  /** Counts and records a claim attempt in one step, or refuses it when a limit is reached. */
  admitClaimAttempt(address: string, at: string, limits: ClaimLimits): Promise<AdmitResult>;
  markClaimSucceeded(attemptId: number): Promise<void>;
  /** Failed claim attempts since a time, from one address or from all. */
  countFailedClaims(since: string, address?: string): Promise<number>;

  /** Stores a submission once; a second insert with the same id returns the one already stored. */
  insertSubmission(record: SubmissionRecord): Promise<{ isNew: true } | { isNew: false; existing: SubmissionRecord }>;
  getSubmission(id: string): Promise<SubmissionRecord | undefined>;
  listSubmissions(filter: {
    orderId?: string;
    patientRef?: string;
    questionnaireKey?: string;
  }): Promise<(SubmissionRecord & { patientRef: string; measurementPoint: string })[]>;
  countSubmissions(): Promise<number>;

  createEnrolment(enrolment: { codeHash: string; unit: string; createdAt: string; validUntil: string }): Promise<void>;
  findEnrolment(codeHash: string): Promise<{ unit: string; validUntil: string } | undefined>;
  createTablet(tablet: { id: string; unit: string; tokenHash: string; enrolledAt: string }): Promise<void>;
  findTablet(tokenHash: string): Promise<{ id: string; unit: string } | undefined>;
  /** Whether the database answers now; false rather than an error, for /api/health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
