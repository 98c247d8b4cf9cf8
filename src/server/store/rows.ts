// Rows as the database holds them and records as the register uses them. JSON columns are text on
// both databases; what comes out of them is parsed, not trusted.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { z as zm } from 'zod/mini';
import { orderedQuestionnaire, publicP256Jwk } from '../../core/index.js';
import type { OrdersTable, SubmissionsTable } from './schema.js';
import type { OrderRecord, SubmissionRecord } from './store.js';

const jsonRecord = z.record(z.string(), z.unknown());
const questionnaireRefs = zm.array(orderedQuestionnaire);
const noticeIds = z.array(z.string()); // and time flags
const jsonOrNull = (value: unknown) => (value === null ? null : JSON.stringify(value));
const recordOrNull = (text: string | null) => (text === null ? null : jsonRecord.parse(JSON.parse(text)));
const keyOrNull = (text: string | null) => (text === null ? null : publicP256Jwk.parse(JSON.parse(text)));

export function toOrder(row: Selectable<OrdersTable>): OrderRecord {
  return {
    id: row.id,
    patientRef: row.patient_ref,
    measurementPoint: row.measurement_point,
    questionnaires: questionnaireRefs.parse(JSON.parse(row.questionnaires)),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    createdAt: row.created_at,
    codeHash: row.code_hash,
    encryptionKid: row.encryption_kid,
    unit: row.unit,
    deviceKey: keyOrNull(row.device_key),
    deviceThumbprint: row.device_thumbprint,
    claimedAt: row.claimed_at,
    releasedAt: row.released_at,
  };
}

/** The columns a new order writes; a device and a release come later. */
export function newOrderRow(order: OrderRecord) {
  return {
    id: order.id,
    patient_ref: order.patientRef,
    measurement_point: order.measurementPoint,
    questionnaires: JSON.stringify(order.questionnaires),
    valid_from: order.validFrom,
    valid_until: order.validUntil,
    created_at: order.createdAt,
    code_hash: order.codeHash,
    encryption_kid: order.encryptionKid,
    unit: order.unit,
  };
}

export function toSubmission(row: Selectable<SubmissionsTable>): SubmissionRecord {
  return {
    submissionId: row.submission_id,
    orderId: row.order_id,
    definitionKey: row.questionnaire_key,
    definitionHash: row.definition_hash,
    token: row.token,
    tokenHash: row.token_hash,
    payloadHash: row.payload_hash,
    deviceThumbprint: row.device_thumbprint,
    deviceKey: keyOrNull(row.device_key),
    answers: jsonRecord.parse(JSON.parse(row.answers)),
    scores: recordOrNull(row.scores),
    deviceScores: recordOrNull(row.device_scores),
    noticesShown: noticeIds.parse(JSON.parse(row.notices_shown)),
    language: row.language,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    appVersion: row.app_version,
    receivedAt: row.received_at,
    receipt: row.receipt,
    ...(row.time_flags === null ? {} : { timeFlags: noticeIds.parse(JSON.parse(row.time_flags)) }),
  };
}

export function submissionRow(record: SubmissionRecord): Selectable<SubmissionsTable> {
  return {
    submission_id: record.submissionId,
    order_id: record.orderId,
    questionnaire_key: record.definitionKey,
    definition_hash: record.definitionHash,
    token: record.token,
    token_hash: record.tokenHash,
    payload_hash: record.payloadHash,
    device_thumbprint: record.deviceThumbprint,
    device_key: jsonOrNull(record.deviceKey),
    answers: JSON.stringify(record.answers),
    scores: jsonOrNull(record.scores),
    device_scores: jsonOrNull(record.deviceScores),
    notices_shown: JSON.stringify(record.noticesShown),
    language: record.language,
    started_at: record.startedAt,
    completed_at: record.completedAt,
    app_version: record.appVersion,
    received_at: record.receivedAt,
    receipt: record.receipt,
    duplicate_of: null,
    time_flags: record.timeFlags?.length ? JSON.stringify(record.timeFlags) : null,
  };
}

/** COUNT(*) is a number in SQLite and a bigint (as text) in PostgreSQL. */
export const toCount = (value: string | number | bigint | undefined) => Number(value ?? 0);
