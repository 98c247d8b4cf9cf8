// What the register keeps, behind an interface the routes use: SQLite today, PostgreSQL later,
// without touching the routes. Every method is async for that reason.
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
}

export interface SubmissionRecord {
  submissionId: string;
  orderId: string;
  questionnaireKey: string;
  definitionHash: string;
  /** The sealed original, as received. */
  token: string;
  tokenHash: string;
  payloadHash: string;
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

export type BindResult = 'bound' | 'alreadyThisDevice' | 'otherDevice' | 'missing';
export type SnapshotResult = 'stored' | 'same' | 'conflict';

export interface RegisterStore {
  /** Keeps the exact definition an order refers to; the same key with other content is a conflict. */
  snapshotDefinition(key: string, hash: string, json: unknown): Promise<SnapshotResult>;
  getDefinition(key: string): Promise<{ hash: string; json: unknown } | undefined>;

  createOrder(order: OrderRecord): Promise<void>;
  getOrder(id: string): Promise<OrderRecord | undefined>;
  findOrderByCodeHash(codeHash: string): Promise<OrderRecord | undefined>;
  listOrders(filter: { patientRef?: string; unit?: string }): Promise<(OrderRecord & { submissionCount: number })[]>;
  /** Binds a device key to an order, atomically: only one device can win an unclaimed order. */
  bindDevice(orderId: string, key: PublicP256Jwk, thumbprint: string, at: string): Promise<BindResult>;
  releaseOrder(orderId: string): Promise<boolean>;

  recordClaimAttempt(address: string, at: string, isSuccess: boolean): Promise<void>;
  /** Failed claim attempts since a time, from one address or from all. */
  countFailedClaims(since: string, address?: string): Promise<number>;

  /** Stores a submission once; a second insert with the same id returns the one already stored. */
  insertSubmission(record: SubmissionRecord): Promise<{ isNew: true } | { isNew: false; existing: SubmissionRecord }>;
  getSubmission(id: string): Promise<SubmissionRecord | undefined>;
  listSubmissions(filter: { orderId?: string; patientRef?: string; questionnaireKey?: string }): Promise<
    (SubmissionRecord & { patientRef: string; measurementPoint: string })[]
  >;
  countSubmissions(): Promise<number>;

  createEnrolment(enrolment: { codeHash: string; unit: string; createdAt: string; validUntil: string }): Promise<void>;
  findEnrolment(codeHash: string): Promise<{ unit: string; validUntil: string } | undefined>;
  createTablet(tablet: { id: string; unit: string; tokenHash: string; enrolledAt: string }): Promise<void>;
  findTablet(tokenHash: string): Promise<{ id: string; unit: string } | undefined>;
  close(): Promise<void>;
}
