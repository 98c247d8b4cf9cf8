// Every read and write of the register, written once over Kysely: on the database itself (each
// operation tried again by the dialect if its connection is lost) or inside a transaction.
import { sql, type Selectable } from 'kysely';
import { compiledOnce, type Executor } from './compiled-once.js';
import { consoleOperations } from './console-operations.js';
import type { StoreDialect } from './dialect.js';
import { answerTo, deviceTimes, submissionById, submissionInsert } from './submission-queries.js';
import { newOrderRow, submissionRow, toCount, toOrder, toSubmission } from './rows.js';
import type { OrdersTable } from './schema.js';
import type { ClaimAttempts, ConsoleStoreOperations, ListedSubmission, OrderWithProgress, StoreOperations } from './store.js';
import { exportOperations, type ExportStoreOperations } from './export-operations.js';
import { indicatorOperations, type IndicatorStoreOperations } from './indicator-operations.js';
import { planOperations } from './plan-operations.js';
import type { PlanStoreOperations } from './plan-store.js';
import { tabletOperations, type TabletOperations } from './tablet-operations.js';

type Run = <T>(work: () => Promise<T>) => Promise<T>;

/** Whether an INSERT … ON CONFLICT DO NOTHING (or an UPDATE) wrote its row. */
const wrote = (result: { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
  (result?.numInsertedOrUpdatedRows ?? result?.numUpdatedRows ?? 0n) > 0n;

export function claimAttemptsOn(db: Executor, dialect: StoreDialect): ClaimAttempts {
  const failed = (since: string, address: string | undefined) => {
    let query = db.selectFrom('claim_attempts').where('is_success', '=', dialect.flag(false)).where('at', '>=', since);
    if (address !== undefined) query = query.where('address', '=', address);
    return query;
  };
  return {
    async removeBefore(at) {
      await db.deleteFrom('claim_attempts').where('at', '<', at).execute();
    },
    async countFailed(since, address) {
      return toCount(
        (
          await failed(since, address)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    },
    async failedAt(since, offset, address) {
      return (await failed(since, address).select('at').orderBy('at').limit(1).offset(offset).executeTakeFirst())?.at;
    },
    async record(address, at) {
      const row = await db
        .insertInto('claim_attempts')
        .values({ address, at, is_success: dialect.flag(false) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async countAll() {
      return toCount(
        (
          await db
            .selectFrom('claim_attempts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    },
  };
}

async function listOrders(
  db: Executor,
  { patientRef, unit, units }: Parameters<StoreOperations['listOrders']>[0],
): Promise<OrderWithProgress[]> {
  if (units?.length === 0) return [];
  let query = db
    .selectFrom('orders')
    .selectAll('orders')
    .select((eb) => [
      eb
        .selectFrom('submissions')
        .whereRef('submissions.order_id', '=', 'orders.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('submission_count'),
      eb
        .selectFrom('submissions')
        .whereRef('submissions.order_id', '=', 'orders.id')
        .select(sql<number>`count(distinct questionnaire_key)`.as('n'))
        .as('answered_count'),
    ]);
  if (patientRef !== undefined) query = query.where('patient_ref', '=', patientRef);
  if (unit !== undefined) query = query.where('unit', '=', unit);
  if (units !== undefined) query = query.where('unit', 'in', units);
  const rows = await query.orderBy('created_at', 'desc').execute();
  return rows.map(({ submission_count, answered_count, ...row }) => ({
    ...toOrder(row),
    submissionCount: toCount(submission_count ?? 0),
    answeredCount: toCount(answered_count ?? 0),
  }));
}

async function listSubmissions(
  db: Executor,
  { orderId, patientRef, definitionKey, units }: Parameters<StoreOperations['listSubmissions']>[0],
): Promise<ListedSubmission[]> {
  if (units?.length === 0) return [];
  let query = db
    .selectFrom('submissions')
    .innerJoin('orders', 'orders.id', 'submissions.order_id')
    .selectAll('submissions')
    .select(['orders.patient_ref', 'orders.measurement_point']);
  if (orderId !== undefined) query = query.where('submissions.order_id', '=', orderId);
  if (patientRef !== undefined) query = query.where('orders.patient_ref', '=', patientRef);
  if (definitionKey !== undefined) query = query.where('submissions.questionnaire_key', '=', definitionKey);
  if (units !== undefined) query = query.where('orders.unit', 'in', units);
  const rows = await query.orderBy('received_at').orderBy('submission_id').execute();
  return rows.map(({ patient_ref, measurement_point, ...row }) => ({
    ...toSubmission(row),
    patientRef: patient_ref,
    measurementPoint: measurement_point,
  }));
}

// On the path of every submission, compiled once per store (compiled-once.ts; submission-queries.ts).
const orderById = () =>
  compiledOnce<'id', Selectable<OrdersTable>>((db, value) => db.selectFrom('orders').selectAll().where('id', '=', value('id')));

type OrderOperations =
  'getDefinition' | 'insertDefinition' | 'insertOrder' | 'getOrder' | 'findOrderByCodeHash' | 'listOrders' | 'claimOrder' | 'releaseOrder';

function orderOperations(db: Executor, run: Run): Pick<StoreOperations, OrderOperations> {
  const getOrderById = orderById();
  const orderWhere = (column: 'id' | 'code_hash', value: string) => db.selectFrom('orders').selectAll().where(column, '=', value);
  return {
    getDefinition: (key) =>
      run(async () => {
        const row = await db.selectFrom('definitions').select(['key', 'hash', 'json']).where('key', '=', key).executeTakeFirst();
        return row && { key: row.key, hash: row.hash, json: JSON.parse(row.json) as unknown };
      }),
    insertDefinition: ({ key, hash, json }, storedAt) =>
      run(async () => {
        const result = await db
          .insertInto('definitions')
          .values({ key, hash, json: JSON.stringify(json), stored_at: storedAt })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst();
        return wrote(result);
      }),
    insertOrder: (order) =>
      run(async () => {
        const result = await db
          .insertInto('orders')
          .values(newOrderRow(order))
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        return wrote(result);
      }),
    getOrder: (id) =>
      run(async () => {
        const [row] = (await getOrderById(db, { id })).rows;
        return row && toOrder(row);
      }),
    findOrderByCodeHash: (codeHash) =>
      run(async () => {
        const row = await orderWhere('code_hash', codeHash).executeTakeFirst();
        return row && toOrder(row);
      }),
    listOrders: (filter) => run(() => listOrders(db, filter)),
    claimOrder: (orderId, key, thumbprint, at) =>
      run(async () => {
        // A concurrent claim of the same order waits for this row, then sees it taken: one device wins.
        const result = await db
          .updateTable('orders')
          .set({ device_key: JSON.stringify(key), device_thumbprint: thumbprint, claimed_at: at })
          .where('id', '=', orderId)
          .where('device_thumbprint', 'is', null)
          .executeTakeFirst();
        return wrote(result);
      }),
    releaseOrder: (orderId, at) =>
      run(async () => {
        const result = await db
          .updateTable('orders')
          .set({ device_key: null, device_thumbprint: null, claimed_at: null, released_at: at })
          .where('id', '=', orderId)
          .executeTakeFirst();
        return wrote(result);
      }),
  };
}

function recordOperations(
  db: Executor,
  dialect: StoreDialect,
  run: Run,
): Omit<
  StoreOperations,
  | OrderOperations
  | TabletOperations
  | keyof ConsoleStoreOperations
  | keyof PlanStoreOperations
  | keyof ExportStoreOperations
  | keyof IndicatorStoreOperations
> {
  const insertSubmission = submissionInsert();
  const getSubmissionById = submissionById();
  const getAnswerTo = answerTo();
  const getDeviceTimes = deviceTimes();
  const attempts = claimAttemptsOn(db, dialect);
  return {
    insertSubmission: (record) =>
      run(async () => {
        return ((await insertSubmission(db, submissionRow(record))).numAffectedRows ?? 0n) > 0n;
      }),
    getSubmission: (id) =>
      run(async () => {
        const [row] = (await getSubmissionById(db, { id })).rows;
        return row && toSubmission(row);
      }),
    getAnswerTo: (orderId, definitionKey) =>
      run(async () => {
        const [row] = (await getAnswerTo(db, { orderId, definitionKey })).rows;
        return row && toSubmission(row);
      }),
    lockDeviceSubmissions: (thumbprint) => run(() => dialect.lockDevice(db, thumbprint)),
    deviceSubmissionTimes: (thumbprint, since) =>
      run(async () => (await getDeviceTimes(db, { thumbprint, since })).rows.map((row) => row.received_at)),
    listSubmissions: (filter) => run(() => listSubmissions(db, filter)),
    countSubmissions: () =>
      run(async () => {
        return toCount(
          (
            await db
              .selectFrom('submissions')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirst()
          )?.n,
        );
      }),
    countFailedClaims: (since, address) => run(() => attempts.countFailed(since, address)),
    markClaimSucceeded: (attemptId) =>
      run(async () => {
        // The limits count only failures: a success keeps no row (the same device may claim again and again).
        await db.deleteFrom('claim_attempts').where('id', '=', attemptId).execute();
      }),
  };
}

/** `run`: how each operation runs (tried again by the dialect on the database itself; as it is in a transaction). */
export function operationsOn(db: Executor, dialect: StoreDialect, run: Run = (work) => work()): StoreOperations {
  return {
    ...orderOperations(db, run),
    ...recordOperations(db, dialect, run),
    ...tabletOperations(db, run),
    ...consoleOperations(db, run),
    ...planOperations(db, run),
    ...exportOperations(db, run),
    ...indicatorOperations(db, run),
  };
}
