// Claims: a device claims an order with its access code (within the limits on guessing) or on a
// clinic's enrolled tablet; staff enrol tablets with a one-day code.
import { randomBytes, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import {
  ApiError,
  contentHash,
  isWellFormedAccessCode,
  normaliseAccessCode,
  type ClaimRequest,
  type ClaimResponse,
  type EnrolmentResponse,
  type EnrolTabletResponse,
  type PublicP256Jwk,
  type UnitOrder,
} from '../core/index.js';
import { admitClaimAttempt } from './claim-admission.js';
import { ApiFailure } from './errors.js';
import type { RegisterContext } from './register.js';
import { isComplete, newAccessCode } from './register-orders.js';
import { bindDevice, createEnrolmentOnce, createTabletOnce } from './register-writes.js';
import type { OrderRecord } from './store/store.js';

/** Enrolment codes for tablets are valid this long. */
const enrolmentHours = 24;

/** Tablet tokens are stored hashed; this form is kept so tablets already enrolled stay enrolled. */
const tabletTokenHash = (token: string) => contentHash({ text: token });

/** Binds the device key to the order; a refusal when another device holds it. */
async function bind({ store }: RegisterContext, order: OrderRecord, deviceKey: PublicP256Jwk, at: Date): Promise<ApiFailure | null> {
  const thumbprint = await calculateJwkThumbprint(deviceKey, 'sha256');
  const bound = await bindDevice(store, order.id, deviceKey, thumbprint, at.toISOString());
  if (bound === 'otherDevice') return new ApiFailure(ApiError.orderClaimed, 'Another device has claimed this order; staff can release it');
  if (bound === 'missing') return new ApiFailure(ApiError.codeUnknown, 'No order has this access code');
  return null;
}

async function claimAnswer({ store, keys, registerName, now }: RegisterContext, order: OrderRecord): Promise<ClaimResponse> {
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

export function claimDesk(context: RegisterContext) {
  const { store, keys, now } = context;
  return {
    async claim(request: ClaimRequest, address: string): Promise<ClaimResponse> {
      const at = now();
      const attempt = await admitClaimAttempt(store, address, at);
      const code = normaliseAccessCode(request.code);
      const order = isWellFormedAccessCode(code) ? await store.findOrderByCodeHash(keys.hashCode(code)) : undefined;
      if (!order) throw new ApiFailure(ApiError.codeUnknown, 'No order has this access code');
      // The patient's app says what it says for an expired code: ask the clinic for a new one.
      if (order.cancelledAt !== null) throw new ApiFailure(ApiError.orderExpired, 'Staff have cancelled this order');
      if (at < new Date(order.validFrom)) throw new ApiFailure(ApiError.orderNotYetValid, `The order is valid from ${order.validFrom}`);
      if (at > new Date(order.validUntil)) throw new ApiFailure(ApiError.orderExpired, `The order expired at ${order.validUntil}`);
      const refused = await bind(context, order, request.deviceKey, at);
      if (refused) throw refused;
      await store.markClaimSucceeded(attempt);
      return claimAnswer(context, order);
    },

    async claimForTablet(tabletToken: string, orderId: string, deviceKey: PublicP256Jwk): Promise<ClaimResponse> {
      const tablet = await tabletFor(context, tabletToken);
      const order = await store.getOrder(orderId);
      if (!order || order.unit !== tablet.unit) throw new ApiFailure(ApiError.notFound, 'This unit has no such order');
      if (order.cancelledAt !== null) throw new ApiFailure(ApiError.orderExpired, 'Staff have cancelled this order');
      const at = now();
      // The same window as a claim with the patient's code: a tablet may not open an order early either.
      if (at < new Date(order.validFrom)) throw new ApiFailure(ApiError.orderNotYetValid, `The order is valid from ${order.validFrom}`);
      if (at > new Date(order.validUntil)) throw new ApiFailure(ApiError.orderExpired, 'The order has expired');
      const refused = await bind(context, order, deviceKey, at);
      if (refused) throw refused;
      // The tablet derives the patient's draft key from this instead of a typed code.
      return { ...(await claimAnswer(context, order)), resumeSecret: keys.hashCode(`resume-${order.id}`) };
    },
  };
}

async function tabletFor({ store }: RegisterContext, token: string) {
  const tablet = await store.findTablet(tabletTokenHash(token));
  if (!tablet) throw new ApiFailure(ApiError.unauthorized, 'This tablet is not enrolled (or was removed)');
  return tablet;
}

export function tabletDesk(context: RegisterContext) {
  const { store, keys, now } = context;
  return {
    async createEnrolment(unit: string): Promise<EnrolmentResponse> {
      const code = newAccessCode();
      const createdAt = now();
      const validUntil = new Date(createdAt.getTime() + enrolmentHours * 3600_000).toISOString();
      await createEnrolmentOnce(store, { codeHash: keys.hashCode(`enrol-${code}`), unit, createdAt: createdAt.toISOString(), validUntil });
      return { code, unit, validUntil };
    },

    async enrolTablet(code: string, address: string): Promise<EnrolTabletResponse> {
      const at = now();
      const attempt = await admitClaimAttempt(store, address, at);
      const enrolment = await store.findEnrolment(keys.hashCode(`enrol-${normaliseAccessCode(code)}`));
      if (!enrolment || at > new Date(enrolment.validUntil)) throw new ApiFailure(ApiError.codeUnknown, 'No valid enrolment has this code');
      const tabletToken = randomBytes(32).toString('base64url');
      await createTabletOnce(store, {
        id: randomUUID(),
        unit: enrolment.unit,
        tokenHash: tabletTokenHash(tabletToken),
        enrolledAt: at.toISOString(),
      });
      await store.markClaimSucceeded(attempt);
      return { tabletToken, unit: enrolment.unit };
    },

    async listUnitOrders(tabletToken: string): Promise<UnitOrder[]> {
      const tablet = await tabletFor(context, tabletToken);
      const at = now();
      const orders = await store.listOrders({ unit: tablet.unit });
      return orders
        .filter(
          (order) =>
            order.cancelledAt === null && new Date(order.validFrom) <= at && at <= new Date(order.validUntil) && !isComplete(order),
        )
        .map((order) => ({
          id: order.id,
          patientRef: order.patientRef,
          measurementPoint: order.measurementPoint,
          questionnaireCount: order.questionnaires.length,
          validUntil: order.validUntil,
        }));
    },
  };
}
