// Completing a response to an order: the answers are validated, sealed, and put in the outbox; the
// readable draft is deleted in the same transaction, so from then on the device cannot read them.
import { progressOf } from './progress.js';
import { getSharedDevice } from './shared-device.js';
import { activeNotices, buildSubmissionPayload, computeScores, reviewProblems } from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import { loadDefinition, StoredDefinitionError } from './definitions.js';
import { getDeviceKey } from './device-key.js';
import { getOrder } from './orders.js';
import { ClosedReason, getAnswers, getResponse, IncompleteResponseError, ResponseClosedError, ResponseStatus } from './responses.js';
import { OutboxStatus, type OutboxRow, type ResponseRecord } from './rows.js';
import { inRegisterTime } from './register-time.js';
import { seal } from './seal.js';
import type { DraftVault } from './vault.js';

export interface SealOptions {
  appVersion: string;
  /** On a shared tablet, the patient's vault: the draft is encrypted under it. */
  vault?: DraftVault | null;
}

/** Another tab changed the response while it was being sealed; sealing starts again from the new answers. */
const maxSealAttempts = 3;

/**
 * The language the questions were shown in: the interface language where the definition has it,
 * otherwise its first language, which the texts fall back to (the register refuses any other).
 */
function shownLanguage(languages: readonly string[], answeredIn: string | null | undefined): string {
  if (answeredIn && languages.includes(answeredIn)) return answeredIn;
  return languages[0] ?? answeredIn ?? 'nb';
}

export async function completeAndSeal(db: DeviceDatabase, responseId: string, options: SealOptions): Promise<OutboxRow> {
  for (let attempt = 1; ; attempt++) {
    const response = await getResponse(db, responseId);
    if (!response) throw new ResponseClosedError(responseId, ClosedReason.missing);
    if (response.status === ResponseStatus.completed) {
      const sealed = await db.outbox.where('responseId').equals(responseId).first();
      if (sealed) return sealed;
      throw new ResponseClosedError(responseId, ClosedReason.completed);
    }
    if (!response.orderId) throw new Error(`Response ${responseId} belongs to no order and cannot be sent`);
    const [order, parsed, answers, deviceKey] = await Promise.all([
      getOrder(db, response.orderId),
      loadDefinition(db, response.definitionKey),
      getAnswers(db, responseId, options.vault ?? null),
      getDeviceKey(db),
    ]);
    if (!order) throw new Error(`The order ${response.orderId} is not on this device`);
    if (!parsed || parsed.hash !== response.definitionHash)
      throw new StoredDefinitionError(response.definitionKey, ['the definition the response was started on is not stored']);
    const problems = reviewProblems(parsed.definition, answers);
    if (problems.length > 0) {
      // Another tab may have completed it between the two reads (its answers are then gone): start again.
      if ((await getResponse(db, responseId))?.updatedAt !== response.updatedAt && attempt < maxSealAttempts) continue;
      throw new IncompleteResponseError(responseId, problems);
    }

    const completedAt = new Date().toISOString();
    const submissionId = crypto.randomUUID();
    const payload = buildSubmissionPayload({
      submissionId,
      orderId: order.id,
      parsed,
      answers,
      // The device's own scores travel with the answers; the register recomputes and compares.
      scores: parsed.definition.scores?.length ? computeScores(parsed.definition, answers) : undefined,
      noticesShown: [...new Set([...response.noticesShown, ...activeNotices(parsed.definition, answers).map((n) => n.id)])],
      language: shownLanguage(parsed.definition.languages, response.language),
      // In the register's time; the device's own stays on its rows, where its clock schedules the sending.
      startedAt: inRegisterTime(order, response.startedAt),
      completedAt: inRegisterTime(order, completedAt),
      appVersion: options.appVersion,
    });
    // WebCrypto cannot run inside an IndexedDB transaction, so sealing happens between two.
    const token = await seal(payload, deviceKey, order.encryptionKey);

    const row: OutboxRow = {
      submissionId,
      orderId: order.id,
      responseId,
      definitionKey: response.definitionKey,
      status: OutboxStatus.queued,
      token,
      attempts: 0,
      nextAttemptAt: completedAt,
      waitingFor: null,
      lastError: null,
      receipt: null,
      createdAt: completedAt,
      updatedAt: completedAt,
    };
    // "My answers over time": the scores the patient may see, kept on their own phone, never on a shared tablet.
    const progress = (await getSharedDevice(db))
      ? null
      : progressOf(parsed.definition, response.definitionKey, responseId, answers, completedAt);
    const isStored = await db.transaction('rw', [db.responses, db.answers, db.outbox, db.progress], async () => {
      const current = await getResponse(db, responseId);
      if (!current || current.status !== ResponseStatus.inProgress || current.updatedAt !== response.updatedAt) return false;
      const completed: ResponseRecord = { ...current, status: ResponseStatus.completed, completedAt, updatedAt: completedAt };
      await db.responses.put(completed);
      await db.answers.where('responseId').equals(responseId).delete();
      await db.outbox.add(row);
      if (progress) await db.progress.put(progress);
      return true;
    });
    if (isStored) return row;
    if (attempt >= maxSealAttempts) throw new Error(`Response ${responseId} kept changing while it was being sealed`);
  }
}
