// The register's work, apart from HTTP: orders, claims, and receiving sealed submissions exactly once.
import { randomBytes, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, compactDecrypt, compactVerify, decodeProtectedHeader, importJWK, type CryptoKey as JoseKey } from 'jose';
import {
  accessCodeFromBytes,
  ApiError,
  canonicalJson,
  computeScores,
  contentHash,
  isAnswerable,
  isWellFormedAccessCode,
  leafItems,
  looksLikeNationalId,
  normaliseAccessCode,
  parseDefinition,
  reviewProblems,
  submissionPayload,
  visibility,
  type ClaimRequest,
  type ClaimResponse,
  type CreateOrderRequest,
  type CreateOrderResponse,
  type EnrolmentResponse,
  type EnrolTabletResponse,
  type PublicP256Jwk,
  type UnitOrder,
  type OrderSummary,
  type ParsedDefinition,
  type SubmissionPayload,
  type SubmitResponse,
} from '../core/index.js';
import { ApiFailure } from './errors.js';
import type { RegisterKeys } from './keys.js';
import type { OrderRecord, RegisterStore, SubmissionRecord } from './store/store.js';

export const claimLimits = {
  windowMinutes: 10,
  /** Failed claims one address may make per window. */
  perAddress: 10,
  /** Failed claims all addresses together may make per window. */
  overall: 300,
} as const;

export interface Register {
  createOrder(request: CreateOrderRequest): Promise<CreateOrderResponse>;
  listOrders(patientRef?: string): Promise<OrderSummary[]>;
  releaseOrder(id: string): Promise<void>;
  claim(request: ClaimRequest, address: string): Promise<ClaimResponse>;
  receive(token: string): Promise<{ isNew: boolean; response: SubmitResponse; submission: SubmissionRecord; scoresDiffer: boolean }>;
  createEnrolment(unit: string): Promise<EnrolmentResponse>;
  enrolTablet(code: string, address: string): Promise<EnrolTabletResponse>;
  /** The unit's orders a clinician may pick on the tablet: valid now and not yet completed. */
  listUnitOrders(tabletToken: string): Promise<UnitOrder[]>;
  claimForTablet(tabletToken: string, orderId: string, deviceKey: PublicP256Jwk): Promise<ClaimResponse>;
}

/** Enrolment codes for tablets are valid this long. */
const enrolmentHours = 24;

export interface RegisterOptions {
  store: RegisterStore;
  keys: RegisterKeys;
  definitions: ReadonlyMap<string, ParsedDefinition>;
  publicUrl: string;
  registerName: string;
  now?: () => Date;
}

const sha256 = (text: string) => contentHash({ text });

function summary(order: OrderRecord, submissionCount: number): OrderSummary {
  const isComplete = submissionCount >= order.questionnaires.length;
  return {
    id: order.id,
    patientRef: order.patientRef,
    measurementPoint: order.measurementPoint,
    questionnaires: order.questionnaires,
    validFrom: order.validFrom,
    validUntil: order.validUntil,
    createdAt: order.createdAt,
    claimedAt: order.claimedAt,
    state: isComplete ? 'completed' : order.claimedAt ? 'claimed' : 'open',
    submissionCount,
  };
}

export function createRegister({ store, keys, definitions, publicUrl, registerName, now = () => new Date() }: RegisterOptions): Register {
  async function definitionFor(key: string): Promise<ParsedDefinition> {
    const stored = await store.getDefinition(key);
    if (!stored) throw new ApiFailure(500, ApiError.internal, `The definition ${key} is missing`);
    const parsed = parseDefinition(stored.json);
    if (!parsed.ok || parsed.hash !== stored.hash) throw new ApiFailure(500, ApiError.internal, `The stored definition ${key} does not parse`);
    return parsed;
  }

  async function openToken(token: string): Promise<{ payload: SubmissionPayload; order: OrderRecord }> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new ApiFailure(400, ApiError.invalidToken, 'The token is not a JWE');
    }
    const key = kid === undefined ? undefined : keys.encryptionByKid.get(kid);
    if (!key) throw new ApiFailure(400, ApiError.unknownRegisterKey, 'The submission is encrypted to a key this register does not have');
    let signed: string;
    try {
      const { plaintext } = await compactDecrypt(token, key.privateKey, { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] });
      signed = new TextDecoder().decode(plaintext);
    } catch {
      throw new ApiFailure(400, ApiError.invalidToken, 'The submission could not be decrypted');
    }
    // The order is read from the payload before the signature is checked only to find the key to check it with.
    let claimedOrderId: unknown;
    try {
      const [, body] = signed.split('.');
      claimedOrderId = (JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as { orderId?: unknown }).orderId;
    } catch {
      throw new ApiFailure(400, ApiError.invalidToken, 'The signed submission inside is malformed');
    }
    const order = typeof claimedOrderId === 'string' ? await store.getOrder(claimedOrderId) : undefined;
    if (!order) throw new ApiFailure(404, ApiError.notFound, 'The submission names an order this register does not have');
    if (!order.deviceKey || !order.deviceThumbprint) throw new ApiFailure(409, ApiError.orderNotClaimed, 'The order has not been claimed by a device');
    let verified: Uint8Array;
    try {
      const { payload, protectedHeader } = await compactVerify(signed, (await importJWK(order.deviceKey, 'ES256')) as JoseKey, { algorithms: ['ES256'] });
      if (protectedHeader.kid !== order.deviceThumbprint) throw new Error('wrong key id');
      verified = payload;
    } catch {
      throw new ApiFailure(401, ApiError.badSignature, 'The submission is not signed by the device that claimed the order');
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(verified));
    } catch {
      throw new ApiFailure(400, ApiError.invalidPayload, 'The signed payload is not JSON');
    }
    const parsed = submissionPayload.safeParse(json);
    if (!parsed.success)
      throw new ApiFailure(400, ApiError.invalidPayload, 'The submission does not have the expected shape', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`));
    if (parsed.data.orderId !== order.id) throw new ApiFailure(400, ApiError.invalidPayload, 'The order changed between reading and verifying');
    return { payload: parsed.data, order };
  }

  async function checkRateLimits(address: string, at: Date) {
    const since = new Date(at.getTime() - claimLimits.windowMinutes * 60_000).toISOString();
    const retryAfterSeconds = claimLimits.windowMinutes * 60;
    if ((await store.countFailedClaims(since, address)) >= claimLimits.perAddress)
      throw new ApiFailure(429, ApiError.rateLimited, 'Too many failed attempts from this address; wait and try again', undefined, retryAfterSeconds);
    if ((await store.countFailedClaims(since)) >= claimLimits.overall)
      throw new ApiFailure(429, ApiError.rateLimited, 'Too many failed attempts; wait and try again', undefined, retryAfterSeconds);
  }

  async function tabletFor(token: string) {
    const tablet = await store.findTablet(sha256(token));
    if (!tablet) throw new ApiFailure(401, ApiError.unauthorized, 'This tablet is not enrolled (or was removed)');
    return tablet;
  }

  /** Binds the device key to the order; a refusal when another device holds it. */
  async function bind(order: OrderRecord, deviceKey: PublicP256Jwk, at: Date): Promise<ApiFailure | null> {
    const thumbprint = await calculateJwkThumbprint(deviceKey, 'sha256');
    const bound = await store.bindDevice(order.id, deviceKey, thumbprint, at.toISOString());
    if (bound === 'otherDevice') return new ApiFailure(409, ApiError.orderClaimed, 'Another device has claimed this order; staff can release it');
    if (bound === 'missing') return new ApiFailure(404, ApiError.codeUnknown, 'No order has this access code');
    return null;
  }

  async function claimAnswer(order: OrderRecord): Promise<ClaimResponse> {
    const encryptionKey = keys.encryptionByKid.get(order.encryptionKid) ?? keys.current;
    return {
      order: {
        id: order.id,
        registerName,
        measurementPoint: order.measurementPoint,
        questionnaires: order.questionnaires,
        validFrom: order.validFrom,
        validUntil: order.validUntil,
      },
      definitions: await Promise.all(order.questionnaires.map(async ({ key }) => (await definitionFor(key)).definition as unknown as Record<string, unknown>)),
      encryptionKey: encryptionKey.publicKey,
      receiptKey: keys.receipt.publicKey,
    };
  }

  return {
    async createOrder(request) {
      if (looksLikeNationalId(request.patientRef))
        throw new ApiFailure(400, ApiError.patientRefLooksLikeNationalId, 'A patient reference must be the register\'s pseudonym, never a national identity number');
      const refs = [];
      for (const key of request.questionnaires) {
        const parsed = definitions.get(key);
        if (!parsed) throw new ApiFailure(400, ApiError.unknownQuestionnaire, `The register has no questionnaire ${key}`, [...definitions.keys()]);
        const snapshot = await store.snapshotDefinition(key, parsed.hash, parsed.definition);
        if (snapshot === 'conflict')
          throw new ApiFailure(409, ApiError.unknownQuestionnaire, `${key} has changed since orders first used it: publish the change as a new version`);
        refs.push({ key, hash: parsed.hash });
      }
      let accessCode: string | null = null;
      while (!accessCode) accessCode = accessCodeFromBytes(randomBytes(32));
      const createdAt = now().toISOString();
      const order: OrderRecord = {
        id: randomUUID(),
        patientRef: request.patientRef,
        measurementPoint: request.measurementPoint,
        questionnaires: refs,
        validFrom: request.validFrom ? new Date(request.validFrom).toISOString() : createdAt,
        validUntil: new Date(request.validUntil).toISOString(),
        createdAt,
        codeHash: keys.hashCode(accessCode),
        encryptionKid: keys.current.kid,
        unit: request.unit ?? null,
        deviceKey: null,
        deviceThumbprint: null,
        claimedAt: null,
      };
      await store.createOrder(order);
      return { order: summary(order, 0), accessCode, link: `${publicUrl}/#/claim/${accessCode}` };
    },

    async listOrders(patientRef) {
      const orders = await store.listOrders({ ...(patientRef !== undefined ? { patientRef } : {}) });
      return orders.map((order) => summary(order, order.submissionCount));
    },

    async releaseOrder(id) {
      if (!(await store.releaseOrder(id))) throw new ApiFailure(404, ApiError.notFound, 'There is no such order');
    },

    async claim(request, address) {
      const at = now();
      await checkRateLimits(address, at);

      const code = normaliseAccessCode(request.code);
      const order = isWellFormedAccessCode(code) ? await store.findOrderByCodeHash(keys.hashCode(code)) : undefined;
      const fail = async (failure: ApiFailure): Promise<never> => {
        await store.recordClaimAttempt(address, at.toISOString(), false);
        throw failure;
      };
      if (!order) return fail(new ApiFailure(404, ApiError.codeUnknown, 'No order has this access code'));
      if (at < new Date(order.validFrom)) return fail(new ApiFailure(403, ApiError.orderNotYetValid, 'The order is not valid yet'));
      if (at > new Date(order.validUntil)) return fail(new ApiFailure(410, ApiError.orderExpired, 'The order has expired'));
      const bound = await bind(order, request.deviceKey, at);
      if (bound) return fail(bound);
      await store.recordClaimAttempt(address, at.toISOString(), true);
      return claimAnswer(order);
    },

    async createEnrolment(unit) {
      let code: string | null = null;
      while (!code) code = accessCodeFromBytes(randomBytes(32));
      const createdAt = now();
      const validUntil = new Date(createdAt.getTime() + enrolmentHours * 3600_000).toISOString();
      await store.createEnrolment({ codeHash: keys.hashCode(`enrol-${code}`), unit, createdAt: createdAt.toISOString(), validUntil });
      return { code, unit, validUntil };
    },

    async enrolTablet(code, address) {
      const at = now();
      await checkRateLimits(address, at);
      const enrolment = await store.findEnrolment(keys.hashCode(`enrol-${normaliseAccessCode(code)}`));
      if (!enrolment || at > new Date(enrolment.validUntil)) {
        await store.recordClaimAttempt(address, at.toISOString(), false);
        throw new ApiFailure(404, ApiError.codeUnknown, 'No valid enrolment has this code');
      }
      const tabletToken = randomBytes(32).toString('base64url');
      await store.createTablet({ id: randomUUID(), unit: enrolment.unit, tokenHash: sha256(tabletToken), enrolledAt: at.toISOString() });
      return { tabletToken, unit: enrolment.unit };
    },

    async listUnitOrders(tabletToken) {
      const tablet = await tabletFor(tabletToken);
      const at = now();
      const orders = await store.listOrders({ unit: tablet.unit });
      return orders
        .filter((order) => new Date(order.validFrom) <= at && at <= new Date(order.validUntil) && order.submissionCount < order.questionnaires.length)
        .map((order) => ({ id: order.id, patientRef: order.patientRef, measurementPoint: order.measurementPoint, questionnaireCount: order.questionnaires.length, validUntil: order.validUntil }));
    },

    async claimForTablet(tabletToken, orderId, deviceKey) {
      const tablet = await tabletFor(tabletToken);
      const order = await store.getOrder(orderId);
      if (!order || order.unit !== tablet.unit) throw new ApiFailure(404, ApiError.notFound, 'This unit has no such order');
      const at = now();
      if (at > new Date(order.validUntil)) throw new ApiFailure(410, ApiError.orderExpired, 'The order has expired');
      const bound = await bind(order, deviceKey, at);
      if (bound) throw bound;
      // The tablet derives the patient's draft key from this instead of a typed code.
      return { ...(await claimAnswer(order)), resumeSecret: keys.hashCode(`resume-${order.id}`) };
    },

    async receive(token) {
      const { payload, order } = await openToken(token);
      const key = `${payload.questionnaire.id}@${payload.questionnaire.version}`;
      const ref = order.questionnaires.find((q) => q.key === key);
      if (!ref) throw new ApiFailure(422, ApiError.questionnaireNotInOrder, `${key} is not part of this order`);
      if (ref.hash !== payload.questionnaire.hash)
        throw new ApiFailure(422, ApiError.definitionHashMismatch, `The submission was answered on other content than the ${key} this order issued`);
      const { definition } = await definitionFor(key);
      const answerable = new Set(leafItems(definition).filter(isAnswerable).map((item) => item.id));
      const { effective } = visibility(definition, payload.answers);
      const stray = Object.keys(payload.answers).filter((id) => !answerable.has(id) || !(id in effective));
      const problems = reviewProblems(definition, payload.answers).map(({ item, problem }) => `${item.id}: ${problem.code}`);
      if (stray.length > 0 || problems.length > 0)
        throw new ApiFailure(422, ApiError.invalidAnswers, 'Some answers do not fit the questionnaire', [...stray.map((id) => `${id}: notShown`), ...problems]);

      const payloadHash = contentHash(payload);
      const existing = await store.getSubmission(payload.submissionId);
      const already = (found: SubmissionRecord) => {
        if (found.payloadHash !== payloadHash)
          throw new ApiFailure(409, ApiError.submissionConflict, 'Another submission with this id, but different content, is already stored');
        return { isNew: false, submission: found, scoresDiffer: false, response: { submissionId: found.submissionId, orderId: found.orderId, receivedAt: found.receivedAt, storedHash: found.tokenHash, receipt: found.receipt } };
      };
      if (existing) return already(existing);

      const scores = definition.scores?.length ? computeScores(definition, payload.answers) : null;
      const receivedAt = now().toISOString();
      const tokenHash = sha256(token);
      const claims = { submissionId: payload.submissionId, orderId: order.id, receivedAt, storedHash: tokenHash };
      const receipt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'ES256', kid: keys.receipt.kid })
        .sign(keys.receipt.privateKey);
      const record: SubmissionRecord = {
        submissionId: payload.submissionId,
        orderId: order.id,
        questionnaireKey: key,
        definitionHash: ref.hash,
        token,
        tokenHash,
        payloadHash,
        answers: payload.answers,
        scores,
        deviceScores: payload.scores ?? null,
        noticesShown: payload.noticesShown ?? [],
        language: payload.language,
        startedAt: payload.startedAt,
        completedAt: payload.completedAt,
        appVersion: payload.appVersion,
        receivedAt,
        receipt,
      };
      const inserted = await store.insertSubmission(record);
      if (!inserted.isNew) return already(inserted.existing);
      const scoresDiffer = scores !== null && payload.scores !== undefined && canonicalJson(scores) !== canonicalJson(payload.scores);
      return { isNew: true, submission: record, scoresDiffer, response: { ...claims, receipt } };
    },
  };
}
