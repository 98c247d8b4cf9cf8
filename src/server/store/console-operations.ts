// The staff console's reads and writes: orders listed with filters and keyset paging (newest
// first), the submissions that make their questionnaires "received", and cancelling and extending.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { QuestionnaireState } from '../../core/index.js';
import type { Executor } from './compiled-once.js';
import { toOrder } from './rows.js';
import type { ConsoleOrderFilter, ConsoleStoreOperations } from './store.js';

type Run = <T>(work: () => Promise<T>) => Promise<T>;

const hasSubmission = sql<SqlBool>`exists (select 1 from submissions s where s.order_id = orders.id)`;
const answeredCount = sql<number>`(select count(distinct s.questionnaire_key) from submissions s where s.order_id = orders.id)`;
/**
 * How many questionnaires the order has, without JSON functions (which differ between the two
 * databases): the column is JSON.stringify of `{ key, hash }` objects, and neither a key
 * (`id@version`) nor a hash can hold a quote, so `"key":` occurs once per questionnaire.
 */
const questionnaireCount = sql<number>`((length(orders.questionnaires) - length(replace(orders.questionnaires, '"key":', ''))) / 6)`;

/** Orders with at least one questionnaire in the state at `now` (see questionnaireState in register-console.ts). */
function stateCondition(state: QuestionnaireState, now: string): Expression<SqlBool> {
  const isOpen = sql<SqlBool>`(orders.cancelled_at is null and orders.valid_until >= ${now})`;
  const hasUnanswered = sql<SqlBool>`${answeredCount} < ${questionnaireCount}`;
  switch (state) {
    case 'received':
      return hasSubmission;
    case 'expired':
      return sql<SqlBool>`(not ${isOpen} and ${hasUnanswered})`;
    case 'claimed':
      return sql<SqlBool>`(${isOpen} and orders.claimed_at is not null and ${hasUnanswered})`;
    case 'notClaimed':
      return sql<SqlBool>`(${isOpen} and orders.claimed_at is null and ${hasUnanswered})`;
    case 'completed':
      // The register learns of a questionnaire only when it is received.
      return sql<SqlBool>`(1 = 0)`;
  }
}

async function listConsoleOrders(db: Executor, filter: ConsoleOrderFilter) {
  let query = db.selectFrom('orders').selectAll('orders');
  const { units, patientRef, state, createdFrom, createdBefore, after } = filter;
  if (units !== 'all') {
    if (units.length === 0) return [];
    query = query.where('unit', 'in', [...units]);
  }
  if (patientRef !== undefined) query = query.where('patient_ref', '=', patientRef);
  if (createdFrom !== undefined) query = query.where('created_at', '>=', createdFrom);
  if (createdBefore !== undefined) query = query.where('created_at', '<', createdBefore);
  if (state !== undefined) query = query.where(stateCondition(state, filter.now));
  if (after)
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
    );
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toOrder);
}

/** Whether an UPDATE changed a row. */
const updated = (result: { numUpdatedRows?: bigint } | undefined) => (result?.numUpdatedRows ?? 0n) > 0n;

export function consoleOperations(db: Executor, run: Run): ConsoleStoreOperations {
  return {
    listConsoleOrders: (filter) => run(() => listConsoleOrders(db, filter)),
    listOrderAnswered: (orderIds) =>
      run(async () => {
        if (orderIds.length === 0) return [];
        const rows = await db
          .selectFrom('submissions')
          .select(['order_id', 'questionnaire_key', 'submission_id'])
          .where('order_id', 'in', [...orderIds])
          .orderBy('received_at')
          .orderBy('submission_id')
          .execute();
        return rows.map((row) => ({ orderId: row.order_id, definitionKey: row.questionnaire_key, submissionId: row.submission_id }));
      }),
    cancelOrder: (orderId, at) =>
      run(async () =>
        updated(
          await db
            .updateTable('orders')
            .set({ cancelled_at: at })
            .where('id', '=', orderId)
            .where('cancelled_at', 'is', null)
            .executeTakeFirst(),
        ),
      ),
    extendOrder: (orderId, validUntil) =>
      run(async () =>
        updated(await db.updateTable('orders').set({ valid_until: validUntil }).where('id', '=', orderId).executeTakeFirst()),
      ),
  };
}
