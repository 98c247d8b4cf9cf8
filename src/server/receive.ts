// Receiving a sealed submission exactly once: open the JWE with the register key its header names,
// verify the JWS inside with the device key bound to the order, check the content against the
// definition the order pinned, and store it with a signed receipt. A retry of what is already
// stored gets the stored receipt and stores nothing.
import { createHash, KeyObject } from 'node:crypto';
import {
  ApiError,
  canonicalJson,
  computeScores,
  submissionPayload,
  type ParsedDefinition,
  type PublicP256Jwk,
  type ReceiptClaims,
  type SubmissionPayload,
  type SubmitResponse,
} from '../core/index.js';
import { ApiFailure } from './errors.js';
import { createPublicKeyCache, decryptionKey, openJwe, signJws, verifyJws, type DecryptionKey, type PublicKeyCache } from './jose-sync.js';
import type { RegisterKeys } from './keys.js';
import { answerableIds, checkContent } from './receive-checks.js';
import { payloadBoundsProblem, submissionLimits } from './receive-limits.js';
import { timeFlags, type TimeFlag } from './receive-times.js';
import { ruleFlags } from './receive-rules.js';
import { storeSubmissionOnce } from './register-writes.js';
import type { OrderRecord, RegisterStore, SubmissionRecord } from './store/store.js';

export interface Received {
  isNew: boolean;
  response: SubmitResponse;
  submission: SubmissionRecord;
  /** The device's own scores differ from the register's (which are kept). */
  scoresDiffer: boolean;
  /** The times that did not fit the register's clock or the order (kept with the submission). */
  timeFlags: TimeFlag[];
  /** The definition's rules between items that the answers break, as stored flags (receive-rules.ts). */
  ruleFlags: string[];
}

export interface ReceiverOptions {
  store: RegisterStore;
  keys: RegisterKeys;
  definitionFor: (key: string) => Promise<ParsedDefinition | undefined>;
  now: () => Date;
  /** Submissions one device may have stored in a minute (default submissionLimits.perDevicePerMinute). */
  perDevicePerMinute?: number;
}

/** `sha256-<hex>` of a text's UTF-8 bytes. */
export const sha256Hex = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('hex')}`;

const decoder = new TextDecoder();

function decrypt(token: string, keyFor: (kid: string) => DecryptionKey | undefined): string {
  const opened = openJwe(token, keyFor);
  if (opened.ok) return decoder.decode(opened.plaintext);
  switch (opened.refusal) {
    case 'malformed':
      throw new ApiFailure(ApiError.invalidToken, 'The token is not a JWE compact serialisation');
    case 'unexpectedHeader':
      throw new ApiFailure(
        ApiError.invalidToken,
        'The token is not a JWE with alg ECDH-ES+A256KW, enc A256GCM and a key id (and no zip or crit)',
      );
    case 'unknownKey':
      throw new ApiFailure(ApiError.unknownRegisterKey, 'The submission is encrypted to a key this register does not have');
    case 'undecryptable':
      throw new ApiFailure(ApiError.invalidToken, 'The submission could not be decrypted');
  }
}

interface Peeked {
  orderId: unknown;
  submissionId: unknown;
  /** The payload segment's bytes and their JSON, parsed once: used after the signature over exactly these bytes is verified. */
  bytes: Buffer;
  json: unknown;
}

/** The ids in the signed payload, read before its signature is checked only to find the key to check it with. */
function peek(signed: string): Peeked {
  const [, body] = signed.split('.');
  const bytes = Buffer.from(body ?? '', 'base64url');
  // Bounded before parsing: nothing a device can sign may overflow the stack (a 500, retried forever).
  const bounds = payloadBoundsProblem(bytes);
  if (bounds) throw new ApiFailure(ApiError.invalidPayload, 'The submission is larger or nested deeper than any the app sends', [bounds]);
  try {
    const json: unknown = JSON.parse(decoder.decode(bytes));
    if (typeof json !== 'object' || json === null) throw new Error('not an object');
    return {
      orderId: (json as Record<string, unknown>).orderId,
      submissionId: (json as Record<string, unknown>).submissionId,
      bytes,
      json,
    };
  } catch {
    throw new ApiFailure(ApiError.invalidToken, 'The signed submission inside is malformed');
  }
}

/** Whether this device key signed exactly the peeked payload (its key id must be the key's thumbprint). */
function isSignedBy(signed: string, peeked: Peeked, key: PublicP256Jwk, thumbprint: string, deviceKeys: PublicKeyCache): boolean {
  try {
    return verifyJws(signed, deviceKeys.keyFor(key, thumbprint), thumbprint)?.equals(peeked.bytes) ?? false;
  } catch {
    return false;
  }
}

/** The one answer to a submission no device key bound to its order verifies, whatever the order. */
const unverified = () => new ApiFailure(ApiError.badSignature, 'The submission is not signed by the device that claimed the order');

/** The payload and the hash of its canonical JSON; refused when it has no canonical JSON (a number such as 1e999 parses to Infinity). */
function parsePayload(json: unknown): { payload: SubmissionPayload; payloadHash: string } {
  const parsed = submissionPayload.safeParse(json);
  if (!parsed.success)
    throw new ApiFailure(
      ApiError.invalidPayload,
      'The submission does not have the expected shape',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.code}`),
    );
  try {
    return { payload: parsed.data, payloadHash: sha256Hex(canonicalJson(parsed.data)) };
  } catch {
    throw new ApiFailure(ApiError.invalidPayload, 'The submission holds a number JSON cannot represent', ['(payload): notFinite']);
  }
}

function acknowledged(stored: SubmissionRecord): Received {
  const { submissionId, orderId, receivedAt, tokenHash, receipt } = stored;
  return {
    isNew: false,
    submission: stored,
    scoresDiffer: false,
    timeFlags: [],
    ruleFlags: [],
    response: { submissionId, orderId, receivedAt, storedHash: tokenHash, receipt },
  };
}

/** The same content again is acknowledged with the stored receipt; other content under the id is refused. */
function again(stored: SubmissionRecord, payloadHash: string): Received {
  if (stored.payloadHash !== payloadHash)
    throw new ApiFailure(ApiError.submissionConflict, 'A submission with this id but different content is already stored');
  return acknowledged(stored);
}

interface NewSubmission {
  payload: SubmissionPayload;
  order: OrderRecord;
  token: string;
  key: string;
  pinnedHash: string;
  payloadHash: string;
  scores: Record<string, unknown> | null;
  claims: ReceiptClaims;
  receipt: string;
  flags: TimeFlag[];
  rules: string[];
}

function newRecord({
  payload,
  order,
  token,
  key,
  pinnedHash,
  payloadHash,
  scores,
  claims,
  receipt,
  flags,
  rules,
}: NewSubmission): SubmissionRecord {
  return {
    submissionId: payload.submissionId,
    orderId: order.id,
    definitionKey: key,
    definitionHash: pinnedHash,
    token,
    tokenHash: claims.storedHash,
    payloadHash,
    deviceThumbprint: order.deviceThumbprint,
    deviceKey: order.deviceKey,
    answers: payload.answers,
    scores,
    deviceScores: payload.scores ?? null,
    noticesShown: payload.noticesShown ?? [],
    language: payload.language,
    startedAt: payload.startedAt,
    completedAt: payload.completedAt,
    appVersion: payload.appVersion,
    receivedAt: claims.receivedAt,
    receipt,
    // the time flags, then the rule flags: one list of what staff should weigh
    ...(flags.length + rules.length ? { timeFlags: [...flags, ...rules] } : {}),
  };
}

export function createReceiver({
  store,
  keys,
  definitionFor,
  now,
  perDevicePerMinute = submissionLimits.perDevicePerMinute,
}: ReceiverOptions): (token: string) => Promise<Received> {
  // The register's keys as KeyObjects for jose-sync.ts; device keys imported once each.
  const encryptionKeys = new Map([...keys.encryptionByKid].map(([kid, key]) => [kid, decryptionKey(KeyObject.from(key.privateKey))]));
  const receiptKey = KeyObject.from(keys.receipt.privateKey);
  const deviceKeys = createPublicKeyCache();
  const answerableIn = answerableIds();

  return async (token) => {
    const signed = decrypt(token, (kid) => encryptionKeys.get(kid));
    const peeked = peek(signed);
    const order = typeof peeked.orderId === 'string' ? await store.getOrder(peeked.orderId) : undefined;
    // Until the signature verifies, every submission gets the same answer: an unknown or unclaimed
    // order must not tell a sender which order ids exist (issue 14, item 6).
    if (!order) throw unverified();

    // A retry of a stored submission is acknowledged by the key that signed it, even when staff have
    // since released the order to another device: the device may only have lost the first answer.
    const stored = typeof peeked.submissionId === 'string' ? await store.getSubmission(peeked.submissionId) : undefined;
    if (
      stored?.deviceKey &&
      stored.deviceThumbprint &&
      stored.orderId === order.id &&
      isSignedBy(signed, peeked, stored.deviceKey, stored.deviceThumbprint, deviceKeys)
    )
      return again(stored, parsePayload(peeked.json).payloadHash);

    if (!order.deviceKey || !order.deviceThumbprint || !isSignedBy(signed, peeked, order.deviceKey, order.deviceThumbprint, deviceKeys))
      throw unverified();
    const { payload, payloadHash } = parsePayload(peeked.json);
    if (payload.orderId !== order.id)
      throw new ApiFailure(ApiError.invalidPayload, 'The payload names another order', ['orderId: invalid']);

    const signedScores = (peeked.json as Record<string, unknown>).scores;
    const { key, pinned, parsed } = await checkContent(order, payload, signedScores, definitionFor, answerableIn);

    if (stored) return again(stored, payloadHash);

    const scores = parsed.definition.scores?.length ? computeScores(parsed.definition, payload.answers) : null;
    const receivedAt = now();
    const claims: ReceiptClaims = {
      submissionId: payload.submissionId,
      orderId: order.id,
      receivedAt: receivedAt.toISOString(),
      storedHash: sha256Hex(token),
    };
    const flags = timeFlags(payload, order, receivedAt);
    const rules = ruleFlags(parsed.definition, payload.answers);
    const receipt = signJws(JSON.stringify(claims), receiptKey, keys.receipt.kid);
    const record = newRecord({ payload, order, token, key, pinnedHash: pinned.hash, payloadHash, scores, claims, receipt, flags, rules });
    const result = await storeSubmissionOnce(store, record, perDevicePerMinute, receivedAt);
    if (result.outcome === 'answered')
      throw new ApiFailure(ApiError.questionnaireAlreadyAnswered, `Another submission already answers ${key} of this order`);
    if (result.outcome === 'rateLimited')
      throw new ApiFailure(
        ApiError.rateLimited,
        `This device sent ${perDevicePerMinute} submissions in the last minute; try again in ${result.retryAfterSeconds} seconds`,
        undefined,
        result.retryAfterSeconds,
      );
    // Two copies raced: the one stored first wins, and this one is its retry.
    if (result.outcome === 'sameId') return again(result.existing, payloadHash);
    const scoresDiffer = scores !== null && payload.scores !== undefined && canonicalJson(scores) !== canonicalJson(payload.scores);
    return { isNew: true, submission: record, scoresDiffer, timeFlags: flags, ruleFlags: rules, response: { ...claims, receipt } };
  };
}
