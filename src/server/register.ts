// The register's work, apart from HTTP: orders, claims and tablets; receiving is in receive.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import {
  accessCodeFromBytes,
  ApiError,
  contentHash,
  isWellFormedAccessCode,
  looksLikeNationalId,
  normaliseAccessCode,
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
} from '../core/index.js';
import { clientAddressKey } from './client-address.js';
import { snapshotReader } from './definitions.js';
import { ApiFailure } from './errors.js';
import type { RegisterKeys } from './keys.js';
import { createReceiver, type Received } from './receive.js';
import type { DefinitionSnapshot, OrderRecord, OrderWithProgress, RegisterStore } from './store/store.js';

export const claimLimits = {
  windowMinutes: 10,
  /** Failed claims one address (an IPv6 /64) may make per window. */
  perAddress: 10,
  /** Failed claims all addresses together may make per window. */
  overall: 300,
} as const;

/** createOrder with a chosen id that another order has: the database refused a second one. */
export class OrderIdTaken extends ApiFailure {
  constructor(id: string) {
    super(ApiError.orderIdTaken, `An order with the id ${id} exists already`);
  }
}

export interface Register {
  /** `id`: a chosen id instead of a random one (the demo order's), so that it is made once however many instances start. */
  createOrder(request: CreateOrderRequest, options?: { id?: string }): Promise<CreateOrderResponse>;
  listOrders(patientRef?: string): Promise<OrderSummary[]>;
  releaseOrder(id: string): Promise<void>;
  claim(request: ClaimRequest, address: string): Promise<ClaimResponse>;
  receive(token: string): Promise<Received>;
  /** The exact definition orders pinned under this key (their snapshot), if any order used it. */
  definitionFor(key: string): Promise<ParsedDefinition | undefined>;
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
  /** The questionnaires new orders may use, from the questionnaires folder. */
  definitions: ReadonlyMap<string, ParsedDefinition>;
  publicUrl: string;
  registerName: string;
  now?: () => Date;
}

/** Tablet tokens are stored hashed; this form is kept so tablets already enrolled stay enrolled. */
const tabletTokenHash = (token: string) => contentHash({ text: token });

const isComplete = (order: OrderWithProgress) => order.answeredCount >= order.questionnaires.length;

function summary(order: OrderWithProgress): OrderSummary {
  return {
    id: order.id,
    patientRef: order.patientRef,
    measurementPoint: order.measurementPoint,
    questionnaires: order.questionnaires,
    validFrom: order.validFrom,
    validUntil: order.validUntil,
    createdAt: order.createdAt,
    claimedAt: order.claimedAt,
    state: isComplete(order) ? 'completed' : order.claimedAt ? 'claimed' : 'open',
    submissionCount: order.submissionCount,
  };
}

function newAccessCode(): string {
  for (;;) {
    const code = accessCodeFromBytes(randomBytes(32));
    if (code) return code;
  }
}

export function createRegister({ store, keys, definitions, publicUrl, registerName, now = () => new Date() }: RegisterOptions): Register {
  const definitionFor = snapshotReader(store);
  const receive = createReceiver({ store, keys, definitionFor, now });

  /** Counts the attempt before anything is looked up; refuses when the address or everyone has failed too often. */
  async function admit(address: string, at: Date): Promise<number> {
    const windowMs = claimLimits.windowMinutes * 60_000;
    const since = new Date(at.getTime() - windowMs).toISOString();
    const admitted = await store.admitClaimAttempt(clientAddressKey(address), at.toISOString(), {
      since,
      perAddress: claimLimits.perAddress,
      overall: claimLimits.overall,
    });
    if (admitted.isAdmitted) return admitted.attemptId;
    const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(admitted.agesOutAt) + windowMs - at.getTime()) / 1000));
    const who = admitted.scope === 'address' ? 'from this address' : 'from all addresses together';
    throw new ApiFailure(
      ApiError.rateLimited,
      `Too many failed attempts ${who}; try again in ${retryAfterSeconds} seconds`,
      undefined,
      retryAfterSeconds,
    );
  }

  async function tabletFor(token: string) {
    const tablet = await store.findTablet(tabletTokenHash(token));
    if (!tablet) throw new ApiFailure(ApiError.unauthorized, 'This tablet is not enrolled (or was removed)');
    return tablet;
  }

  /** Binds the device key to the order; a refusal when another device holds it. */
  async function bind(order: OrderRecord, deviceKey: PublicP256Jwk, at: Date): Promise<ApiFailure | null> {
    const thumbprint = await calculateJwkThumbprint(deviceKey, 'sha256');
    const bound = await store.bindDevice(order.id, deviceKey, thumbprint, at.toISOString());
    if (bound === 'otherDevice')
      return new ApiFailure(ApiError.orderClaimed, 'Another device has claimed this order; staff can release it');
    if (bound === 'missing') return new ApiFailure(ApiError.codeUnknown, 'No order has this access code');
    return null;
  }

  async function claimAnswer(order: OrderRecord): Promise<ClaimResponse> {
    const encryptionKey = keys.encryptionByKid.get(order.encryptionKid) ?? keys.current;
    const snapshots = await Promise.all(
      order.questionnaires.map(async ({ key }) => {
        const stored = await store.getDefinition(key);
        if (!stored) throw new ApiFailure(ApiError.internal, `The register has lost its copy of ${key}`);
        return stored.json as Record<string, unknown>;
      }),
    );
    return {
      order: {
        id: order.id,
        registerName,
        measurementPoint: order.measurementPoint,
        questionnaires: order.questionnaires,
        validFrom: order.validFrom,
        validUntil: order.validUntil,
      },
      // The snapshots exactly as stored, so the device hashes the very content the order pinned.
      definitions: snapshots,
      encryptionKey: encryptionKey.publicKey,
      receiptKey: keys.receipt.publicKey,
      serverTime: now().toISOString(),
    };
  }

  return {
    async createOrder(request, options = {}) {
      if (looksLikeNationalId(request.patientRef))
        throw new ApiFailure(
          ApiError.patientRefLooksLikeNationalId,
          "A patient reference must be the register's pseudonym, never a national identity number",
        );
      const createdAt = now().toISOString();
      const validFrom = request.validFrom ? new Date(request.validFrom).toISOString() : createdAt;
      const validUntil = new Date(request.validUntil).toISOString();
      if (validUntil <= validFrom)
        throw new ApiFailure(ApiError.badRequest, 'The order must end after it begins', ['validUntil: not after validFrom']);
      const snapshots: DefinitionSnapshot[] = [];
      for (const key of request.questionnaires) {
        const parsed = definitions.get(key);
        if (!parsed)
          throw new ApiFailure(ApiError.unknownQuestionnaire, `The register has no questionnaire ${key}`, [...definitions.keys()]);
        if (!snapshots.some((s) => s.key === key)) snapshots.push({ key, hash: parsed.hash, json: parsed.definition });
      }
      const accessCode = newAccessCode();
      const order: OrderRecord = {
        id: options.id ?? randomUUID(),
        patientRef: request.patientRef,
        measurementPoint: request.measurementPoint,
        questionnaires: request.questionnaires.map((key) => ({ key, hash: definitions.get(key)?.hash ?? '' })),
        validFrom,
        validUntil,
        createdAt,
        codeHash: keys.hashCode(accessCode),
        encryptionKid: keys.current.kid,
        unit: request.unit ?? null,
        deviceKey: null,
        deviceThumbprint: null,
        claimedAt: null,
        releasedAt: null,
      };
      const created = await store.createOrder(order, snapshots);
      if (!created.isCreated && created.reason === 'idTaken') throw new OrderIdTaken(order.id);
      if (!created.isCreated) {
        const { key, storedHash } = created.changedDefinition;
        throw new ApiFailure(
          ApiError.definitionChanged,
          `${key} has changed since orders first used it: a changed definition needs a new version`,
          [`${key}: kept ${storedHash}, file ${definitions.get(key)?.hash ?? '?'}`],
        );
      }
      return { order: summary({ ...order, submissionCount: 0, answeredCount: 0 }), accessCode, link: `${publicUrl}/#/claim/${accessCode}` };
    },

    async listOrders(patientRef) {
      return (await store.listOrders(patientRef !== undefined ? { patientRef } : {})).map(summary);
    },

    async releaseOrder(id) {
      if (!(await store.releaseOrder(id, now().toISOString()))) throw new ApiFailure(ApiError.notFound, 'There is no such order');
    },

    async claim(request, address) {
      const at = now();
      const attempt = await admit(address, at);
      const code = normaliseAccessCode(request.code);
      const order = isWellFormedAccessCode(code) ? await store.findOrderByCodeHash(keys.hashCode(code)) : undefined;
      if (!order) throw new ApiFailure(ApiError.codeUnknown, 'No order has this access code');
      if (at < new Date(order.validFrom)) throw new ApiFailure(ApiError.orderNotYetValid, `The order is valid from ${order.validFrom}`);
      if (at > new Date(order.validUntil)) throw new ApiFailure(ApiError.orderExpired, `The order expired at ${order.validUntil}`);
      const refused = await bind(order, request.deviceKey, at);
      if (refused) throw refused;
      await store.markClaimSucceeded(attempt);
      return claimAnswer(order);
    },

    async createEnrolment(unit) {
      const code = newAccessCode();
      const createdAt = now();
      const validUntil = new Date(createdAt.getTime() + enrolmentHours * 3600_000).toISOString();
      await store.createEnrolment({ codeHash: keys.hashCode(`enrol-${code}`), unit, createdAt: createdAt.toISOString(), validUntil });
      return { code, unit, validUntil };
    },

    async enrolTablet(code, address) {
      const at = now();
      const attempt = await admit(address, at);
      const enrolment = await store.findEnrolment(keys.hashCode(`enrol-${normaliseAccessCode(code)}`));
      if (!enrolment || at > new Date(enrolment.validUntil)) throw new ApiFailure(ApiError.codeUnknown, 'No valid enrolment has this code');
      const tabletToken = randomBytes(32).toString('base64url');
      await store.createTablet({
        id: randomUUID(),
        unit: enrolment.unit,
        tokenHash: tabletTokenHash(tabletToken),
        enrolledAt: at.toISOString(),
      });
      await store.markClaimSucceeded(attempt);
      return { tabletToken, unit: enrolment.unit };
    },

    async listUnitOrders(tabletToken) {
      const tablet = await tabletFor(tabletToken);
      const at = now();
      const orders = await store.listOrders({ unit: tablet.unit });
      return orders
        .filter((order) => new Date(order.validFrom) <= at && at <= new Date(order.validUntil) && !isComplete(order))
        .map((order) => ({
          id: order.id,
          patientRef: order.patientRef,
          measurementPoint: order.measurementPoint,
          questionnaireCount: order.questionnaires.length,
          validUntil: order.validUntil,
        }));
    },

    async claimForTablet(tabletToken, orderId, deviceKey) {
      const tablet = await tabletFor(tabletToken);
      const order = await store.getOrder(orderId);
      if (!order || order.unit !== tablet.unit) throw new ApiFailure(ApiError.notFound, 'This unit has no such order');
      const at = now();
      if (at > new Date(order.validUntil)) throw new ApiFailure(ApiError.orderExpired, 'The order has expired');
      const refused = await bind(order, deviceKey, at);
      if (refused) throw refused;
      // The tablet derives the patient's draft key from this instead of a typed code.
      return { ...(await claimAnswer(order)), resumeSecret: keys.hashCode(`resume-${order.id}`) };
    },

    receive,
    definitionFor,
  };
}
