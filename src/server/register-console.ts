// The register's work for the staff console: orders with their state per questionnaire, extending
// and cancelling them, and the questionnaires new orders may use. Each function takes the units the
// caller may see ('all' for register staff and the service account): another unit's order is "not
// found", never "forbidden", so that its existence does not show.
import {
  ApiError,
  type ConsoleOrder,
  type ConsoleOrdersQuery,
  type ConsoleOrdersResponse,
  type ParsedDefinition,
  type QuestionnaireChoice,
  type QuestionnaireState,
  type StaffUnits,
} from '../core/index.js';
import { ApiFailure } from './errors.js';
import { isUnitVisible } from './staff-access.js';
import type { OrderAnswered, OrderRecord, RegisterStore } from './store/store.js';

export interface ConsoleContext {
  store: RegisterStore;
  /** The questionnaires new orders may use (the questionnaires folder). */
  definitions: ReadonlyMap<string, ParsedDefinition>;
  now: () => Date;
}

/** Where one questionnaire of an order stands now; stateCondition in console-operations.ts says the same in SQL. */
export function questionnaireState(order: OrderRecord, submissionIds: readonly string[], now: Date): QuestionnaireState {
  if (submissionIds.length > 0) return 'received';
  if (order.cancelledAt !== null || now > new Date(order.validUntil)) return 'expired';
  return order.claimedAt !== null ? 'claimed' : 'notClaimed';
}

function consoleOrder(order: OrderRecord, answered: readonly OrderAnswered[], now: Date): ConsoleOrder {
  return {
    id: order.id,
    patientRef: order.patientRef,
    unit: order.unit,
    measurementPoint: order.measurementPoint,
    questionnaires: order.questionnaires.map(({ key, hash }) => {
      const submissionIds = answered.filter((a) => a.orderId === order.id && a.definitionKey === key).map((a) => a.submissionId);
      return { key, hash, state: questionnaireState(order, submissionIds, now), submissionIds };
    }),
    validFrom: order.validFrom,
    validUntil: order.validUntil,
    createdAt: order.createdAt,
    claimedAt: order.claimedAt,
    releasedAt: order.releasedAt,
    cancelledAt: order.cancelledAt,
  };
}

const encodeCursor = (order: OrderRecord) => Buffer.from(JSON.stringify([order.createdAt, order.id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
      return { createdAt: parsed[0], id: parsed[1] };
  } catch {
    // refused below
  }
  throw new ApiFailure(ApiError.badRequest, 'The cursor is not one this register gave', ['cursor: not valid']);
}

/** A day means its start (from) or the start of the next day (to); a time is taken as it is. */
function periodBound(value: string | undefined, isEnd: boolean): string | undefined {
  if (value === undefined) return undefined;
  const start = new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  if (value.length === 10 && isEnd) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString();
}

function pageSize(limit: string | undefined): number {
  const size = limit === undefined ? 25 : Number(limit);
  if (size < 1 || size > 100) throw new ApiFailure(ApiError.badRequest, 'A page holds 1 to 100 orders', ['limit: from 1 to 100']);
  return size;
}

export function consoleDesk({ store, definitions, now }: ConsoleContext) {
  const withStates = async (orders: OrderRecord[]) => {
    const answered = await store.listOrderAnswered(orders.map((order) => order.id));
    const at = now();
    return orders.map((order) => consoleOrder(order, answered, at));
  };
  /** The order, if the caller may see it; otherwise "not found". */
  const visibleOrder = async (id: string, units: StaffUnits) => {
    const order = await store.getOrder(id);
    if (!order || !isUnitVisible(units, order.unit)) throw new ApiFailure(ApiError.notFound, 'There is no such order');
    return order;
  };
  const answerWith = async (id: string) => ({ order: (await withStates([await visibleOrder(id, 'all')]))[0]! });

  return {
    async listOrders(query: ConsoleOrdersQuery, units: StaffUnits): Promise<ConsoleOrdersResponse> {
      const limit = pageSize(query.limit);
      const createdFrom = periodBound(query.from, false);
      const createdBefore = periodBound(query.to, true);
      const orders = await store.listConsoleOrders({
        units,
        now: now().toISOString(),
        limit: limit + 1,
        ...(query.patientRef !== undefined ? { patientRef: query.patientRef } : {}),
        ...(query.state !== undefined ? { state: query.state } : {}),
        ...(createdFrom !== undefined ? { createdFrom } : {}),
        ...(createdBefore !== undefined ? { createdBefore } : {}),
        ...(query.cursor !== undefined ? { after: decodeCursor(query.cursor) } : {}),
      });
      const page = orders.slice(0, limit);
      const last = page.at(-1);
      return { orders: await withStates(page), nextCursor: orders.length > limit && last ? encodeCursor(last) : null };
    },

    async extendOrder(id: string, validUntil: string, units: StaffUnits): Promise<{ order: ConsoleOrder }> {
      const order = await visibleOrder(id, units);
      const until = new Date(validUntil);
      if (order.cancelledAt !== null)
        throw new ApiFailure(ApiError.badRequest, 'A cancelled order cannot be extended', ['validUntil: the order is cancelled']);
      if (until <= now() || until <= new Date(order.validFrom))
        throw new ApiFailure(ApiError.badRequest, 'The new end must be in the future and after the order begins', [
          'validUntil: not later',
        ]);
      await store.extendOrder(id, until.toISOString());
      return answerWith(id);
    },

    async cancelOrder(id: string, units: StaffUnits): Promise<{ order: ConsoleOrder }> {
      await visibleOrder(id, units);
      // Cancelling again keeps the first time.
      await store.cancelOrder(id, now().toISOString());
      return answerWith(id);
    },

    questionnaires(): QuestionnaireChoice[] {
      return [...definitions.values()].map(({ key, definition }) => ({ key, title: definition.title, languages: definition.languages }));
    },
  };
}

export type ConsoleDesk = ReturnType<typeof consoleDesk>;
