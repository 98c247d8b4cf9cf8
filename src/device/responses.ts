// One person's response to one questionnaire: where they are, and every answer they have given,
// written the moment it is given so that a reload or a closed tab loses nothing.
import {
  answer as answerSchema,
  languageCode,
  reviewProblems,
  type Answer,
  type Answers,
  type ItemProblem,
  type ParsedDefinition,
} from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import { loadDefinition, StoredDefinitionError, storeDefinition } from './definitions.js';
import { writeAnswerRows, type Refusal } from './answer-write.js';
import { decryptAnswer, encryptAnswer, VaultLockedError, type DraftVault } from './vault.js';
import { answerRow, parseStoredRow, readRows, responseRecord, ResponseStatus, type ResponseRecord } from './rows.js';

export { ResponseStatus, type ResponseRecord } from './rows.js';

export const ClosedReason = { missing: 'missing', completed: 'completed' } as const;
export type ClosedReason = (typeof ClosedReason)[keyof typeof ClosedReason];

/** The response does not exist, or is completed and can no longer change. */
export class ResponseClosedError extends Error {
  override name = 'ResponseClosedError';
  constructor(
    readonly responseId: string,
    readonly reason: ClosedReason,
  ) {
    super(
      reason === ClosedReason.missing
        ? `Response ${responseId} does not exist on this device`
        : `Response ${responseId} is completed and can no longer be changed`,
    );
  }
}

/** Completing was refused: some visible items are unanswered or their answers do not fit. */
export class IncompleteResponseError extends Error {
  override name = 'IncompleteResponseError';
  constructor(
    readonly responseId: string,
    readonly problems: ItemProblem[],
  ) {
    // Item ids and problem codes only: the answers themselves are health data.
    const listed = problems.map(({ item, problem }) => `${item.id} (${problem.code})`).join(', ');
    super(`Response ${responseId} cannot be completed: ${problems.length} item(s) need attention: ${listed}`);
  }
}

const now = () => new Date().toISOString();

async function readResponse(db: DeviceDatabase, id: string): Promise<ResponseRecord | undefined> {
  const row = await db.responses.get(id);
  return row === undefined ? undefined : parseStoredRow(responseRecord, row, 'responses', id);
}

/** The response, if it can still change; call inside a transaction that includes `responses`. */
async function openResponse(db: DeviceDatabase, id: string): Promise<ResponseRecord> {
  const response = await readResponse(db, id);
  if (response === undefined) throw new ResponseClosedError(id, ClosedReason.missing);
  if (response.status === ResponseStatus.completed) throw new ResponseClosedError(id, ClosedReason.completed);
  return response;
}

/** A new response, not stored yet (`storeNewResponse` stores it). */
export function newResponse(
  parsed: ParsedDefinition,
  language: string | null,
  orderId: string | null = null,
  vault: DraftVault | null = null,
  pageIndex = 0,
): ResponseRecord {
  const startedAt = now();
  return responseRecord.parse({
    id: crypto.randomUUID(),
    orderId,
    vaultTag: vault?.tag ?? null,
    definitionKey: parsed.key,
    definitionHash: parsed.hash,
    status: ResponseStatus.inProgress,
    pageIndex,
    onReview: false,
    language,
    startedAt,
    updatedAt: startedAt,
    completedAt: null,
    noticesShown: [],
  } satisfies ResponseRecord);
}

/**
 * Stores a new response with its definition, so it can be resumed offline. Its transaction is queued
 * before this returns control to the event loop, so a write made afterwards (an answer to the page
 * drawn meanwhile) waits for it. With `unlessResumable`, a response to the same questionnaire (and
 * order) in progress already, such as one another tab started at the same moment, is looked for in the
 * same transaction: then that one is returned and nothing is stored.
 */
export async function storeNewResponse(
  db: DeviceDatabase,
  parsed: ParsedDefinition,
  response: ResponseRecord,
  { unlessResumable = false } = {},
): Promise<ResponseRecord> {
  return db.transaction('rw', db.definitions, db.responses, async () => {
    const existing = unlessResumable ? await findResumableResponse(db, response.definitionKey, response.orderId) : undefined;
    if (existing) return existing;
    await storeDefinition(db, parsed);
    await db.responses.add(response);
    return response;
  });
}

/** Starts a new response, storing its definition with it so it can be resumed offline. */
export async function startResponse(
  db: DeviceDatabase,
  parsed: ParsedDefinition,
  language: string | null,
  orderId: string | null = null,
  vault: DraftVault | null = null,
): Promise<ResponseRecord> {
  return storeNewResponse(db, parsed, newResponse(parsed, language, orderId, vault));
}

function newestFirst(a: ResponseRecord, b: ResponseRecord): number {
  return b.updatedAt.localeCompare(a.updatedAt) || b.startedAt.localeCompare(a.startedAt);
}

/** The in-progress response to this definition (within this order, or outside any) that was touched last. */
export async function findResumableResponse(
  db: DeviceDatabase,
  definitionKey: string,
  orderId: string | null = null,
): Promise<ResponseRecord | undefined> {
  const ofDefinition = db.responses.where('definitionKey').equals(definitionKey);
  const responses = await readRows(ofDefinition, responseRecord, 'responses');
  return responses.filter((r) => r.status === ResponseStatus.inProgress && r.orderId === orderId).sort(newestFirst)[0];
}

export async function getResponse(db: DeviceDatabase, id: string): Promise<ResponseRecord | undefined> {
  return readResponse(db, id);
}

/** Every response on the device, the one touched last first. */
export async function listResponses(db: DeviceDatabase): Promise<ResponseRecord[]> {
  // The whole table, not the updatedAt index: a damaged row missing from the index must still fail loudly.
  const responses = await readRows(db.responses.toCollection(), responseRecord, 'responses');
  return responses.sort(newestFirst);
}

/**
 * Writes (or with null, clears) one answer at once; each answer is its own row. A response on a
 * shared tablet needs the patient's vault, and its answer is stored encrypted.
 */
export function setAnswer(
  db: DeviceDatabase,
  responseId: string,
  itemId: string,
  answer: Answer | null,
  vault: DraftVault | null = null,
): Promise<void> {
  return setAnswers(db, responseId, [[itemId, answer]], vault);
}

/** One answer to write, under its key, or null to delete it. */
export type AnswerChange = readonly [key: string, answer: Answer | null];

function damageOf(row: unknown, responseId: string): Error | null {
  try {
    parseStoredRow(responseRecord, row, 'responses', responseId);
    return null;
  } catch (error) {
    return error as Error;
  }
}

/** Why a tap's write is refused: the response is gone or completed, or its answers need another vault. */
function refusalOf(responseId: string, vault: DraftVault | null): Refusal {
  return (stored) => {
    if (stored === undefined) return new ResponseClosedError(responseId, ClosedReason.missing);
    if (stored.status === ResponseStatus.completed) return new ResponseClosedError(responseId, ClosedReason.completed);
    // The row is read in full where the response is opened, not at every tap; one of a status this
    // code never writes is read in full here, and fails as damaged.
    if (stored.status !== ResponseStatus.inProgress) return damageOf(stored, responseId);
    if (stored.vaultTag !== null && stored.vaultTag !== vault?.tag) return new VaultLockedError(responseId);
    return null;
  };
}

/**
 * Writes several answers in one transaction, all or none: a repeating group's new list of entries
 * with the removed entry's answers deleted, so a crash between them cannot leave one without the other.
 * Without a vault, the transaction is open before this returns (see answer-write.ts).
 */
export function setAnswers(
  db: DeviceDatabase,
  responseId: string,
  changes: readonly AnswerChange[],
  vault: DraftVault | null = null,
): Promise<void> {
  for (const [key, answer] of changes) {
    if (answer !== null && !answerSchema.safeParse(answer).success) {
      return Promise.reject(new TypeError(`The answer to ${key} is neither {value} nor {declined: true}`));
    }
  }
  const refuse = refusalOf(responseId, vault);
  if (vault === null) {
    const rows = changes.map(([key, answer]) => ({ key, row: answer === null ? null : { responseId, itemId: key, answer } }));
    return writeAnswerRows(db, responseId, rows, now(), refuse);
  }
  // WebCrypto cannot run inside an IndexedDB transaction: encrypt first, check the vault inside.
  const encrypting = changes.map(async ([key, answer]) => {
    if (answer === null) return { key, row: null };
    return { key, row: { responseId, itemId: key, encrypted: await encryptAnswer(vault, responseId, key, answer) } };
  });
  return Promise.all(encrypting).then((rows) => writeAnswerRows(db, responseId, rows, now(), refuse));
}

/** Every answer of a response; encrypted ones need the vault they were written under. */
export async function getAnswers(db: DeviceDatabase, responseId: string, vault: DraftVault | null = null): Promise<Answers> {
  const rows = await readRows(db.answers.where('responseId').equals(responseId), answerRow, 'answers');
  const entries = await Promise.all(
    rows.map(async (row): Promise<[string, Answer]> => {
      if (row.answer !== undefined) return [row.itemId, row.answer];
      if (!vault || !row.encrypted) throw new VaultLockedError(responseId);
      return [row.itemId, await decryptAnswer(vault, responseId, row.itemId, row.encrypted)];
    }),
  );
  return Object.fromEntries(entries);
}

/** The in-progress response on this tablet whose answers the typed code's vault opens. */
export async function findVaultedResponse(db: DeviceDatabase, vault: DraftVault): Promise<ResponseRecord | undefined> {
  const responses = await readRows(db.responses.where('vaultTag').equals(vault.tag), responseRecord, 'responses');
  return responses.filter((r) => r.status === ResponseStatus.inProgress).sort(newestFirst)[0];
}

/** Where the person is: the page they see, or the review before completing. */
export async function setPosition(db: DeviceDatabase, responseId: string, pageIndex: number, onReview: boolean): Promise<void> {
  if (!Number.isInteger(pageIndex) || pageIndex < 0) {
    throw new RangeError(`A page index is a whole number from 0, not ${pageIndex}`);
  }
  await db.transaction('rw', db.responses, async () => {
    await openResponse(db, responseId);
    await db.responses.update(responseId, { pageIndex, onReview, updatedAt: now() });
  });
}

/** Records that these support notices were shown; each id is kept once. */
export async function recordNoticesShown(db: DeviceDatabase, responseId: string, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', db.responses, async () => {
    const response = await openResponse(db, responseId);
    const shown = [...new Set([...response.noticesShown, ...ids])];
    if (shown.length !== response.noticesShown.length) await db.responses.update(responseId, { noticesShown: shown });
  });
}

export async function setResponseLanguage(db: DeviceDatabase, responseId: string, language: string): Promise<void> {
  if (!languageCode.safeParse(language).success) {
    throw new RangeError(`"${language}" is not a language code such as "nb", "nn" or "en"`);
  }
  await db.transaction('rw', db.responses, async () => {
    await openResponse(db, responseId);
    await db.responses.update(responseId, { language, updatedAt: now() });
  });
}

/**
 * Marks the response completed when every visible item is answered acceptably. Validation and the
 * status change share one transaction, so an answer from another tab cannot slip in between. The
 * definition is read before it: its hash is taken with WebCrypto, whose promise would end an IndexedDB
 * transaction, and a stored definition and a response's definition key never change.
 */
export async function completeResponse(db: DeviceDatabase, responseId: string): Promise<ResponseRecord> {
  const key = (await readResponse(db, responseId))?.definitionKey;
  const parsed = key === undefined ? undefined : await loadDefinition(db, key);
  const result = await db.transaction('rw', db.responses, db.answers, async () => {
    const response = await readResponse(db, responseId);
    if (response === undefined) throw new ResponseClosedError(responseId, ClosedReason.missing);
    if (response.status === ResponseStatus.completed) return response;
    // Stored after the first read: read again, now that it is there.
    if (response.definitionKey !== key) return null;
    if (parsed === undefined) throw new StoredDefinitionError(response.definitionKey, ['it is not stored on this device']);
    if (parsed.hash !== response.definitionHash) {
      throw new StoredDefinitionError(response.definitionKey, [
        `the response was started on content ${response.definitionHash}, the device holds ${parsed.hash}`,
      ]);
    }
    const problems = reviewProblems(parsed.definition, await getAnswers(db, responseId));
    if (problems.length > 0) throw new IncompleteResponseError(responseId, problems);
    const completedAt = now();
    const completed: ResponseRecord = { ...response, status: ResponseStatus.completed, completedAt, updatedAt: completedAt };
    await db.responses.put(completed);
    return completed;
  });
  return result ?? completeResponse(db, responseId);
}
