// Claims: a device claims an order with its access code (within the limits on guessing) or on a
// clinic's enrolled tablet (register-tablets.ts enrols tablets and checks their tokens).
import { calculateJwkThumbprint } from 'jose';
import {
  ApiError,
  isWellFormedAccessCode,
  normaliseAccessCode,
  type ClaimRequest,
  type ClaimResponse,
  type PublicP256Jwk,
} from '../core/index.js';
import { admitClaimAttempt } from './claim-admission.js';
import { ApiFailure } from './errors.js';
import type { RegisterContext } from './register.js';
import { tabletFor } from './register-tablets.js';
import { bindDevice } from './register-writes.js';
import type { OrderRecord } from './store/store.js';

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
      const attempt = await admitClaimAttempt(store, address, at, { keys, purpose: 'claim', code: request.code, proof: request.proof });
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
