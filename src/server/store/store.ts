// What the register keeps, behind an interface the register and the routes use; one implementation
// over Kysely (kysely-store.ts) on SQLite or PostgreSQL. The store only reads and writes: what a row
// already there means (a retry, a conflict), and the limits on claim attempts, are the register's
// decisions (register-writes.ts, claim-admission.ts), made inside the store's transactions where
// they must be atomic.
import type { AlertStore } from './alert-store.js';
import type { z } from 'zod/mini';
import type { orderedQuestionnaire, PublicP256Jwk, QuestionnaireState } from '../../core/index.js';
import type { MessageStore } from './message-operations.js';
import type { StaffOperations } from './staff-store.js';
import type { PlanStoreOperations } from './plan-store.js';
import type { ExportStoreOperations } from './export-operations.js';
import type { IndicatorStoreOperations } from './indicator-operations.js';

/** An order's questionnaire: its `id@version` key and the hash it pinned (core's protocol type). */
export type OrderedQuestionnaire = z.infer<typeof orderedQuestionnaire>;

export type { PublicP256Jwk };
export type * from './plan-store.js';

export interface OrderRecord {
  id: string;
  patientRef: string;
  measurementPoint: string;
  questionnaires: OrderedQuestionnaire[];
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
  /** When staff cancelled the order; it can no longer be claimed. */
  cancelledAt: string | null;
}

export interface SubmissionRecord {
  submissionId: string;
  orderId: string;
  /** The `id@version` answered (`questionnaireKey` in the HTTP API and the exports). */
  definitionKey: string;
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
  /** The time checks that did not hold (receive-checks.ts); absent when all held. */
  timeFlags?: string[];
}

export type ListedSubmission = SubmissionRecord & { patientRef: string; measurementPoint: string };

/** The exact definition an order refers to, kept when an order first uses it. */
export interface DefinitionSnapshot {
  key: string;
  hash: string;
  json: unknown;
}

export interface OrderWithProgress extends OrderRecord {
  submissionCount: number;
  /** How many of the order's questionnaires have at least one submission. */
  answeredCount: number;
}

export interface EnrolmentRecord {
  codeHash: string;
  unit: string;
  createdAt: string;
  validUntil: string;
  /** How many more tablets the code may enrol. */
  usesLeft: number;
}

export interface TabletRecord {
  id: string;
  unit: string;
  tokenHash: string;
  enrolledAt: string;
  /** The label staff gave it, if any. */
  name: string | null;
  /** When it last called the register with its token (written at most once a minute). */
  lastSeenAt: string | null;
  /** When staff revoked it; its token is refused from then on. */
  revokedAt: string | null;
}

/** A tablet as it is enrolled: not yet seen calling or revoked, unless said. */
export type NewTablet = Pick<TabletRecord, 'id' | 'unit' | 'tokenHash' | 'enrolledAt'> & Partial<Pick<TabletRecord, 'name' | 'lastSeenAt'>>;

/** The console's list of orders: filtered, newest first, one page after a cursor. */
export interface ConsoleOrderFilter {
  patientRef?: string;
  /** Orders with at least one questionnaire in this state at `now`. */
  state?: QuestionnaireState;
  createdFrom?: string;
  createdBefore?: string;
  /** The units whose orders may be listed; 'all' includes orders without a unit. */
  units: readonly string[] | 'all';
  now: string;
  /** The last order of the previous page. */
  after?: { createdAt: string; id: string };
  limit: number;
}

/** One submission of an order, by questionnaire: what makes a questionnaire "received". */
export interface OrderAnswered {
  orderId: string;
  definitionKey: string;
  submissionId: string;
}

export interface ConsoleStoreOperations {
  listConsoleOrders(filter: ConsoleOrderFilter): Promise<OrderRecord[]>;
  /** The submissions of these orders, oldest first. */
  listOrderAnswered(orderIds: readonly string[]): Promise<OrderAnswered[]>;
  /** Whether it was cancelled now (false: no such order, or cancelled before). */
  cancelOrder(orderId: string, at: string): Promise<boolean>;
  /** Whether the order exists (and now ends then). */
  extendOrder(orderId: string, validUntil: string): Promise<boolean>;
}

/**
 * The database did not answer, even on a fresh connection: the request may succeed later. The
 * register answers 503 with Retry-After rather than 500.
 */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The register's database does not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Reads and writes of one statement each. A write that may meet its row already there says whether it wrote. */
export interface StoreOperations extends ConsoleStoreOperations, PlanStoreOperations, ExportStoreOperations, IndicatorStoreOperations {
  getDefinition(key: string): Promise<DefinitionSnapshot | undefined>;
  /** Unless a snapshot with its key is stored. */
  insertDefinition(snapshot: DefinitionSnapshot, storedAt: string): Promise<boolean>;
  /** Unless an order with its id is stored. */
  insertOrder(order: OrderRecord): Promise<boolean>;
  getOrder(id: string): Promise<OrderRecord | undefined>;
  findOrderByCodeHash(codeHash: string): Promise<OrderRecord | undefined>;
  /** `units`: only orders of these units (none without a unit). */
  listOrders(filter: { patientRef?: string; unit?: string; units?: readonly string[] }): Promise<OrderWithProgress[]>;
  /** Binds a device key to the order if no device holds it. */
  claimOrder(orderId: string, key: PublicP256Jwk, thumbprint: string, at: string): Promise<boolean>;
  /** Whether the order exists (and is now released). */
  releaseOrder(orderId: string, at: string): Promise<boolean>;
  /** Unless a submission with its id, or one answering its questionnaire of its order, is stored. */
  insertSubmission(record: SubmissionRecord): Promise<boolean>;
  getSubmission(id: string): Promise<SubmissionRecord | undefined>;
  /** The submission that answers this questionnaire (`id@version`) of the order, if one does. */
  getAnswerTo(orderId: string, definitionKey: string): Promise<SubmissionRecord | undefined>;
  /** Inside a transaction: this device's submissions take turns with it, across every instance, until it ends. */
  lockDeviceSubmissions(deviceThumbprint: string): Promise<void>;
  /** When the submissions this device signed since a time were received, oldest first. */
  deviceSubmissionTimes(deviceThumbprint: string, since: string): Promise<string[]>;
  /** `units`: only submissions to orders of these units. */
  listSubmissions(filter: {
    orderId?: string;
    patientRef?: string;
    definitionKey?: string;
    units?: readonly string[];
  }): Promise<ListedSubmission[]>;
  countSubmissions(): Promise<number>;
  /** Unless an enrolment with its code hash is stored. */
  insertEnrolment(enrolment: EnrolmentRecord): Promise<boolean>;
  findEnrolment(codeHash: string): Promise<EnrolmentRecord | undefined>;
  /** Takes one use of the enrolment if it is still valid at `at` and has one left; whether it did (one statement, so racing uses cannot both take the last). */
  useEnrolment(codeHash: string, at: string): Promise<boolean>;
  /** Unless a tablet with its id is stored. */
  insertTablet(tablet: NewTablet): Promise<boolean>;
  findTablet(tokenHash: string): Promise<TabletRecord | undefined>;
  getTablet(id: string): Promise<TabletRecord | undefined>;
  /** The tablets of a unit, or all, in the order they were enrolled. */
  listTablets(filter: { unit?: string }): Promise<TabletRecord[]>;
  /** Revokes the tablet unless it is revoked already; whether it did. */
  revokeTablet(id: string, at: string): Promise<boolean>;
  /** Records that the tablet called at `at`, unless it was recorded as seen at `since` or later. */
  markTabletSeen(id: string, at: string, since: string): Promise<void>;
  /** Failed claim attempts since a time, from one address or from all. */
  countFailedClaims(since: string, address?: string): Promise<number>;
  /** Removes the attempt's row: the limits count only failed attempts. */
  markClaimSucceeded(attemptId: number): Promise<void>;
}

/** The claim attempts, inside a transaction in which admissions from every instance take turns. */
export interface ClaimAttempts {
  removeBefore(at: string): Promise<void>;
  countFailed(since: string, address?: string): Promise<number>;
  /** When the failed attempt at this offset (oldest first) since a time was made. */
  failedAt(since: string, offset: number, address?: string): Promise<string | undefined>;
  /** Recorded as failed; a claim that succeeds removes it afterwards. */
  record(address: string, at: string): Promise<number>;
  /** Every row the table holds, failed or not (how far the pruning keeps it). */
  countAll(): Promise<number>;
}

export interface RegisterStore extends StoreOperations {
  /**
   * Runs the work in one transaction, rolled back when it throws (SQLite takes the write lock at its
   * start). On PostgreSQL a lost connection runs it again on a fresh one, so it must be safe to repeat.
   */
  transaction<T>(work: (store: StoreOperations) => Promise<T>): Promise<T>;
  /** Accounts, sessions, setup links, failed sign-ins, the audit trail (staff-store.ts). */
  readonly staff: StaffOperations;
  /**
   * A transaction in which the holders of the same lock take turns across every instance: 'audit'
   * (appending to the hash chain) or 'staff' (sign-in limits, the first administrator).
   */
  staffTransaction<T>(lock: 'audit' | 'staff', work: (staff: StaffOperations) => Promise<T>): Promise<T>;
  /** A transaction in which claim admissions take turns, across every instance. */
  withClaimAttempts<T>(work: (attempts: ClaimAttempts) => Promise<T>): Promise<T>;
  /** Patients' contact details and the messages sent to them (notify/). */
  messages: MessageStore;
  /** The alerts of the patients' units (alert-store.ts). */
  alerts: AlertStore;
  /** Whether the database answers now; false rather than an error, for /api/health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
