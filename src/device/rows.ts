// The shape of every row this device keeps in IndexedDB. Rows are read back through these schemas:
// storage can hold anything (an older bundle, a bug, a browser extension), so its shape is never trusted.
import type { Collection, IndexableType } from 'dexie';
import { z } from 'zod/mini';
import { encryptedAnswer } from './vault.js';
import { answer, apiErrorBody, claimedOrder, formatPath, languageCode, publicP256Jwk, registerPublicKey } from '../core/index.js';

const timestamp = z.iso.datetime();

export const definitionRow = z.strictObject({
  /** `id@version`. */
  key: z.string().check(z.minLength(1)),
  id: z.string().check(z.minLength(1)),
  version: z.string().check(z.minLength(1)),
  hash: z.string().check(z.minLength(1)),
  /** The definition as a plain object, checked in full before it was stored; its hash is checked when loaded. */
  json: z.record(z.string(), z.unknown()),
  storedAt: timestamp,
});
export type DefinitionRow = z.infer<typeof definitionRow>;

export const ResponseStatus = { inProgress: 'in-progress', completed: 'completed' } as const;
export type ResponseStatus = (typeof ResponseStatus)[keyof typeof ResponseStatus];

export const responseRecord = z.strictObject({
  id: z.string().check(z.minLength(1)),
  /** The register's order this response answers; null for a questionnaire tried out on the device. */
  orderId: z.nullable(z.string().check(z.minLength(1))),
  definitionKey: z.string().check(z.minLength(1)),
  definitionHash: z.string().check(z.minLength(1)),
  status: z.enum([ResponseStatus.inProgress, ResponseStatus.completed]),
  pageIndex: z.int().check(z.minimum(0)),
  onReview: z.boolean(),
  language: z.nullable(languageCode),
  startedAt: timestamp,
  updatedAt: timestamp,
  completedAt: z.nullable(timestamp),
  /** Ids of the support notices shown while answering; they go with the submission. */
  noticesShown: z.array(z.string()),
  /** On a shared tablet: the lookup tag of the key (from the patient's access code) its answers are encrypted under. */
  vaultTag: z.nullable(z.string()),
});
export type ResponseRecord = z.infer<typeof responseRecord>;

/** An order this device has claimed, with the keys its submissions are sealed to and receipts checked with. */
export const orderRow = z.strictObject({
  ...claimedOrder.shape,
  encryptionKey: registerPublicKey,
  receiptKey: registerPublicKey,
  claimedAt: timestamp,
  /**
   * The register's clock minus this device's (ms) when the order was claimed, so that a device clock
   * that is days off does not end the order early; absent when the register did not say its time.
   */
  registerClockOffsetMs: z.optional(z.number()),
});
export type OrderRow = z.infer<typeof orderRow>;

/** The device's signing key: the private half cannot be exported, not even by this app. */
export const deviceKeyRow = z.strictObject({
  id: z.literal('device'),
  privateKey: z.custom<CryptoKey>((value) => typeof CryptoKey !== 'undefined' && value instanceof CryptoKey, 'a CryptoKey'),
  publicJwk: publicP256Jwk,
  /** RFC 7638 thumbprint of the public key: the key id in every signature. */
  thumbprint: z.string().check(z.minLength(1)),
  createdAt: timestamp,
});
export type DeviceKeyRow = z.infer<typeof deviceKeyRow>;

/** A tablet set up as a shared device for a unit; absent on a patient's own phone. */
export const sharedDeviceRow = z.strictObject({
  id: z.literal('shared-device'),
  /** The clinic unit the register enrolled the tablet for (its name, also what identifies it). */
  unit: z.string().check(z.minLength(1)),
  /** The register's token for this tablet (to list the unit's orders of the day). */
  deviceToken: z.string().check(z.minLength(1)),
  /** Salt for deriving patients' draft keys from their access codes. */
  vaultSalt: z.string().check(z.minLength(16)),
  /** Seconds without interaction before the tablet warns and then locks. */
  idleSeconds: z.int().check(z.minimum(10), z.maximum(3600)),
  /** PBKDF2 of the staff enrolment code: leaving shared-device mode needs that code again. */
  leaveVerifier: z.string().check(z.minLength(16)),
  enrolledAt: timestamp,
});
export type SharedDeviceRow = z.infer<typeof sharedDeviceRow>;

export const OutboxStatus = {
  queued: 'queued',
  sending: 'sending',
  acknowledged: 'acknowledged',
  rejected: 'rejected',
} as const;
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

/** Why a submission waits: for the network, after a request that got no answer in time, or after the register's failure. */
export const WaitReason = { network: 'network', timeout: 'timeout', failure: 'failure' } as const;
export type WaitReason = (typeof WaitReason)[keyof typeof WaitReason];

export const receiptRow = z.strictObject({
  receivedAt: z.string(),
  storedHash: z.string(),
  /** The register's signed receipt (JWS), verified with the order's receipt key before it is kept. */
  receipt: z.string(),
});

/** A sealed submission waiting for (or acknowledged by) the register. The device cannot read its content. */
export const outboxRow = z.strictObject({
  submissionId: z.uuid(),
  orderId: z.string().check(z.minLength(1)),
  responseId: z.string().check(z.minLength(1)),
  definitionKey: z.string().check(z.minLength(1)),
  status: z.enum([OutboxStatus.queued, OutboxStatus.sending, OutboxStatus.acknowledged, OutboxStatus.rejected]),
  /** The JWE; dropped once the register has acknowledged it. */
  token: z.nullable(z.string()),
  attempts: z.int().check(z.minimum(0)),
  /** When the next attempt may start (ISO time); null when no attempt is due. */
  nextAttemptAt: z.nullable(timestamp),
  /** Why it waits: for the network to come back, after a request with no answer in time, or after a failed attempt. */
  waitingFor: z.nullable(z.enum([WaitReason.network, WaitReason.timeout, WaitReason.failure])),
  /** The time the register asked for (Retry-After on a 503 or 429): the network coming back does not make it due sooner. */
  retryAfterAt: z.optional(z.nullable(timestamp)),
  lastError: z.nullable(apiErrorBody),
  receipt: z.nullable(receiptRow),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type OutboxRow = z.infer<typeof outboxRow>;

/** One answer per row, so two tabs answering different items never overwrite each other. */
export const answerRow = z
  .strictObject({
    responseId: z.string().check(z.minLength(1)),
    itemId: z.string().check(z.minLength(1)),
    answer: z.optional(answer),
    /** On a shared tablet, the answer encrypted under the patient's key instead (see vault.ts). */
    encrypted: z.optional(encryptedAnswer),
    answeredAt: timestamp,
  })
  .check(
    z.refine((row) => (row.answer === undefined) !== (row.encrypted === undefined), {
      message: 'a row holds either an answer or an encrypted answer',
      path: ['answer'],
    }),
  );
export type AnswerRow = z.infer<typeof answerRow>;

/** A row read back from IndexedDB does not have the shape this code wrote. */
export class StoredRowError extends Error {
  override name = 'StoredRowError';
  constructor(
    readonly table: string,
    readonly rowKey: string,
    /** Where the row is wrong and how; never the stored values, which may be health data. */
    readonly problems: string[],
  ) {
    super(`The stored ${table} row ${rowKey} is damaged and cannot be read: ${problems.join('; ')}`);
  }
}

/** Parses a stored row, naming only the fields that are wrong, not their contents. */
export function parseStoredRow<T>(schema: z.ZodMiniType<T>, row: unknown, table: string, rowKey: string): T {
  const result = schema.safeParse(row, { reportInput: false });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    return `${formatPath(path)} ${issue.code.replace(/_/g, ' ')}`;
  });
  throw new StoredRowError(table, rowKey, problems);
}

function formatKey(key: IndexableType): string {
  return Array.isArray(key) ? key.map(String).join('/') : String(key);
}

/** Reads and parses every row of a collection; one damaged row fails the read, none is dropped. */
export async function readRows<T>(collection: Collection<unknown>, schema: z.ZodMiniType<T>, table: string): Promise<T[]> {
  const found: { row: unknown; key: IndexableType }[] = [];
  await collection.each((row, cursor) => {
    found.push({ row, key: cursor.primaryKey });
  });
  return found.map(({ row, key }) => parseStoredRow(schema, row, table, formatKey(key)));
}
