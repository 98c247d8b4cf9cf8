// What a row already there means, decided by the register and not by the store: an order with the
// same id and the same access-code hash is this very order (a retry whose answer was lost), another
// is refused; a definition snapshot already kept with another hash refuses the order; one device
// wins an unclaimed order; a tablet or an enrolment written again is the same one. Where it must be
// atomic, the decision is made inside one store transaction.
import type {
  DefinitionSnapshot,
  EnrolmentRecord,
  NewTablet,
  OrderRecord,
  PublicP256Jwk,
  RegisterStore,
  StoreOperations,
  SubmissionRecord,
} from './store/store.js';

export type CreateOrderResult =
  | { isCreated: true }
  | { isCreated: false; reason: 'changedDefinition'; changedDefinition: { key: string; storedHash: string } }
  /** Another order already has this id (only a chosen id can collide, such as the demo order's). */
  | { isCreated: false; reason: 'idTaken' };

/** Thrown inside the transaction so that it rolls back whatever it wrote before the refusal. */
class Refused extends Error {
  constructor(readonly result: Exclude<CreateOrderResult, { isCreated: true }>) {
    super(result.reason);
  }
}

/**
 * Inside a transaction: stores the definition snapshots the order uses (refusing one that changed)
 * and the order. Throws to roll back; createOrderOnce turns the refusal into its result.
 */
export async function writeOrderIn(
  tx: StoreOperations,
  order: OrderRecord,
  snapshots: DefinitionSnapshot[],
  storedAt: string,
): Promise<void> {
  for (const snapshot of snapshots) {
    // Inserted if absent (a concurrent insert of the same key is waited for), then compared.
    await tx.insertDefinition(snapshot, storedAt);
    const stored = await tx.getDefinition(snapshot.key);
    if (stored && stored.hash !== snapshot.hash)
      throw new Refused({
        isCreated: false,
        reason: 'changedDefinition',
        changedDefinition: { key: snapshot.key, storedHash: stored.hash },
      });
  }
  if (await tx.insertOrder(order)) return;
  // Stored already: by this very call when a COMMIT's answer was lost, or by a retry of the request.
  if ((await tx.getOrder(order.id))?.codeHash !== order.codeHash) throw new Refused({ isCreated: false, reason: 'idTaken' });
}

/** The refusal writeOrderIn threw, if it was one. */
export const orderRefusal = (error: unknown): Exclude<CreateOrderResult, { isCreated: true }> | undefined =>
  error instanceof Refused ? error.result : undefined;

/** Stores the order and the snapshots of the definitions it uses, together, or nothing. */
export async function createOrderOnce(
  store: RegisterStore,
  order: OrderRecord,
  snapshots: DefinitionSnapshot[],
): Promise<CreateOrderResult> {
  const storedAt = new Date().toISOString();
  try {
    await store.transaction((tx) => writeOrderIn(tx, order, snapshots, storedAt));
    return { isCreated: true };
  } catch (error) {
    const refusal = orderRefusal(error);
    if (refusal) return refusal;
    throw error;
  }
}

export type BindResult = 'bound' | 'alreadyThisDevice' | 'otherDevice' | 'missing';

/** Binds a device key to an order, atomically: only one device can win an unclaimed order. */
export function bindDevice(store: RegisterStore, orderId: string, key: PublicP256Jwk, thumbprint: string, at: string): Promise<BindResult> {
  return store.transaction(async (tx): Promise<BindResult> => {
    if (await tx.claimOrder(orderId, key, thumbprint, at)) return 'bound';
    const order = await tx.getOrder(orderId);
    if (!order) return 'missing';
    return order.deviceThumbprint === thumbprint ? 'alreadyThisDevice' : 'otherDevice';
  });
}

export type StoreSubmissionResult =
  | { outcome: 'stored' }
  /** A submission with this id is stored already (receive.ts compares their payloads). */
  | { outcome: 'sameId'; existing: SubmissionRecord }
  /** Another submission answers this questionnaire of the order: one answer per questionnaire. */
  | { outcome: 'answered' }
  /** The device signed as many submissions as it may in the last minute; the next fits in this many seconds. */
  | { outcome: 'rateLimited'; retryAfterSeconds: number };

/**
 * Stores a submission once, in one transaction: a second one with the same id gets the one already
 * stored; another id for a questionnaire of the order already answered is refused, and the database
 * decides when two race (migration 0002's unique index); a device over its per-minute limit waits.
 * The limit counts the stored rows, so every instance counts the same; a device's submissions take
 * turns (an advisory lock on PostgreSQL, SQLite's one write lock), so two cannot both take the last place.
 */
export function storeSubmissionOnce(
  store: RegisterStore,
  record: SubmissionRecord,
  perMinute: number,
  now: Date,
): Promise<StoreSubmissionResult> {
  return store.transaction(async (tx): Promise<StoreSubmissionResult> => {
    const answer = await tx.getAnswerTo(record.orderId, record.definitionKey);
    if (answer) return answer.submissionId === record.submissionId ? { outcome: 'sameId', existing: answer } : { outcome: 'answered' };
    if (record.deviceThumbprint !== null) {
      await tx.lockDeviceSubmissions(record.deviceThumbprint);
      const since = new Date(now.getTime() - 60_000);
      const times = await tx.deviceSubmissionTimes(record.deviceThumbprint, since.toISOString());
      const leaving = times[times.length - perMinute];
      if (leaving !== undefined)
        return { outcome: 'rateLimited', retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(leaving) - since.getTime()) / 1000)) };
    }
    if (await tx.insertSubmission(record)) return { outcome: 'stored' };
    // Another instance stored one first: this very submission, or another answer to the questionnaire.
    const existing = await tx.getSubmission(record.submissionId);
    if (existing) return { outcome: 'sameId', existing };
    if (await tx.getAnswerTo(record.orderId, record.definitionKey)) return { outcome: 'answered' };
    throw new Error(`The submission ${record.submissionId} was neither stored nor found`);
  });
}

// Written again (a retry, or the store repeating a write on a fresh connection), the same row is no error; another one is.

export async function createEnrolmentOnce(store: RegisterStore, enrolment: EnrolmentRecord): Promise<void> {
  if (await store.insertEnrolment(enrolment)) return;
  const stored = await store.findEnrolment(enrolment.codeHash);
  if (stored?.unit !== enrolment.unit || stored.validUntil !== enrolment.validUntil)
    throw new Error('An enrolment with this code is already stored');
}

export type EnrolResult = 'enrolled' | 'codeUnknown' | 'usedUp';

/**
 * Enrols the tablet with one use of its enrolment code, in one transaction: of tablets racing for the
 * last use, one is enrolled and the others are told the code is used up. Run again with the same
 * tablet (the store repeating it on a fresh connection after a COMMIT whose answer was lost), it
 * finds the tablet stored and takes no second use.
 */
export function createTabletOnce(
  store: RegisterStore,
  tablet: NewTablet,
  enrolment: { codeHash: string; at: string },
): Promise<EnrolResult> {
  return store.transaction(async (tx): Promise<EnrolResult> => {
    const stored = await tx.getTablet(tablet.id);
    if (stored) {
      if (stored.tokenHash !== tablet.tokenHash) throw new Error('A tablet with this id is already stored');
      return 'enrolled';
    }
    if (!(await tx.useEnrolment(enrolment.codeHash, enrolment.at))) {
      const found = await tx.findEnrolment(enrolment.codeHash);
      return found && found.validUntil >= enrolment.at ? 'usedUp' : 'codeUnknown';
    }
    if (!(await tx.insertTablet(tablet))) throw new Error('A tablet with this id is already stored');
    return 'enrolled';
  });
}
