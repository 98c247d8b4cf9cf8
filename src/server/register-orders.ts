// Staff's orders: created with the snapshots of the definitions they pin, listed with their
// progress, released from a device.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  accessCodeFromBytes,
  ApiError,
  looksLikeNationalId,
  type CreateOrderRequest,
  type CreateOrderResponse,
  type OrderSummary,
  type StaffUnits,
} from '../core/index.js';
import { ApiFailure } from './errors.js';
import type { RegisterContext } from './register.js';
import { createOrderOnce } from './register-writes.js';
import { isUnitVisible } from './staff-access.js';
import type { DefinitionSnapshot, OrderRecord, OrderWithProgress } from './store/store.js';

/** createOrder with a chosen id that another order has: the database refused a second one. */
export class OrderIdTaken extends ApiFailure {
  constructor(id: string) {
    super(ApiError.orderIdTaken, `An order with the id ${id} exists already`);
  }
}

export const isComplete = (order: OrderWithProgress) => order.answeredCount >= order.questionnaires.length;

/** An order's state at `now`: one whose window closed unanswered is expired (expiry is by validity; nothing is written). */
export function orderState(order: OrderWithProgress, now: Date): OrderSummary['state'] {
  if (isComplete(order)) return 'completed';
  if (order.validUntil <= now.toISOString()) return 'expired';
  return order.claimedAt ? 'claimed' : 'open';
}

function summary(order: OrderWithProgress, now: Date): OrderSummary {
  return {
    id: order.id,
    patientRef: order.patientRef,
    measurementPoint: order.measurementPoint,
    questionnaires: order.questionnaires,
    validFrom: order.validFrom,
    validUntil: order.validUntil,
    createdAt: order.createdAt,
    claimedAt: order.claimedAt,
    state: orderState(order, now),
    submissionCount: order.submissionCount,
  };
}

export function newAccessCode(): string {
  for (;;) {
    const code = accessCodeFromBytes(randomBytes(32));
    if (code) return code;
  }
}

function snapshotsFor({ definitions }: RegisterContext, keys: readonly string[]): DefinitionSnapshot[] {
  const snapshots: DefinitionSnapshot[] = [];
  for (const key of keys) {
    const parsed = definitions.get(key);
    if (!parsed) throw new ApiFailure(ApiError.unknownQuestionnaire, `The register has no questionnaire ${key}`, [...definitions.keys()]);
    if (!snapshots.some((s) => s.key === key)) snapshots.push({ key, hash: parsed.hash, json: parsed.definition });
  }
  return snapshots;
}

/** An order's record, its access code (stored only as its hash) and the snapshots it pins; nothing is stored yet. */
export function newOrder(
  context: RegisterContext,
  request: CreateOrderRequest,
  createdAt: string,
  id: string = randomUUID(),
): { order: OrderRecord; accessCode: string; snapshots: DefinitionSnapshot[] } {
  const { keys, definitions } = context;
  if (looksLikeNationalId(request.patientRef))
    throw new ApiFailure(
      ApiError.patientRefLooksLikeNationalId,
      "A patient reference must be the register's pseudonym, never a national identity number",
    );
  const validFrom = request.validFrom ? new Date(request.validFrom).toISOString() : createdAt;
  const validUntil = new Date(request.validUntil).toISOString();
  if (validUntil <= validFrom)
    throw new ApiFailure(ApiError.badRequest, 'The order must end after it begins', ['validUntil: not after validFrom']);
  const snapshots = snapshotsFor(context, request.questionnaires);
  const accessCode = newAccessCode();
  const order: OrderRecord = {
    id,
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
    cancelledAt: null,
  };
  return { order, accessCode, snapshots };
}

async function createOrder(context: RegisterContext, request: CreateOrderRequest, options: { id?: string }): Promise<CreateOrderResponse> {
  const { store, definitions, publicUrl, now } = context;
  const { order, accessCode, snapshots } = newOrder(context, request, now().toISOString(), options.id);
  const created = await createOrderOnce(store, order, snapshots);
  if (!created.isCreated && created.reason === 'idTaken') throw new OrderIdTaken(order.id);
  if (!created.isCreated) {
    const { key, storedHash } = created.changedDefinition;
    throw new ApiFailure(
      ApiError.definitionChanged,
      `${key} has changed since orders first used it: a changed definition needs a new version`,
      [`${key}: kept ${storedHash}, file ${definitions.get(key)?.hash ?? '?'}`],
    );
  }
  return {
    order: summary({ ...order, submissionCount: 0, answeredCount: 0 }, now()),
    accessCode,
    link: `${publicUrl}/#/claim/${accessCode}`,
  };
}

export function orderDesk(context: RegisterContext) {
  const { store, now } = context;
  return {
    createOrder: (request: CreateOrderRequest, options: { id?: string } = {}) => createOrder(context, request, options),
    /** `units`: the caller's (staff-access.ts visibleUnits); an order of another unit is left out. */
    async listOrders(patientRef: string | undefined, units: StaffUnits): Promise<OrderSummary[]> {
      const filter = { ...(patientRef !== undefined ? { patientRef } : {}), ...(units !== 'all' ? { units } : {}) };
      const at = now();
      return (await store.listOrders(filter)).map((order) => summary(order, at));
    },
    /** An order of a unit not among `units` is answered as one that does not exist. */
    async releaseOrder(id: string, units: StaffUnits): Promise<OrderRecord> {
      const order = await store.getOrder(id);
      if (!order || !isUnitVisible(units, order.unit) || !(await store.releaseOrder(id, now().toISOString())))
        throw new ApiFailure(ApiError.notFound, 'There is no such order');
      return order;
    },
  };
}
