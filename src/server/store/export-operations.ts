// The exports' reads: one page of submissions after a cursor, in the order received (keyset
// pagination on received_at, submission_id, which the index of migration 0008 covers), so an export
// of any size holds one page at a time and never asks the database to skip rows (no OFFSET).
import type { Executor } from './compiled-once.js';
import { toSubmission } from './rows.js';
import type { ListedSubmission } from './store.js';

/** Which submissions an export holds; every part optional. */
export interface ExportFilter {
  orderId?: string;
  patientRef?: string;
  /** `id@version`. */
  definitionKey?: string;
  /** Only orders of this unit. */
  unit?: string;
  /** Only orders of these units (none without a unit); absent: every unit and none. */
  units?: readonly string[];
  /** Received at or after this time (ISO). */
  receivedFrom?: string;
  /** Received before this time (ISO). */
  receivedBefore?: string;
}

/** The last submission of the previous page. */
export interface ExportCursor {
  receivedAt: string;
  submissionId: string;
}

export interface ExportStoreOperations {
  /** At most `limit` submissions after the cursor, oldest received first. */
  exportPage(filter: ExportFilter, after: ExportCursor | undefined, limit: number): Promise<ListedSubmission[]>;
  /** The questionnaires (`id@version`) the filter's submissions answer, sorted. */
  exportQuestionnaireKeys(filter: ExportFilter): Promise<string[]>;
}

function filtered(db: Executor, { orderId, patientRef, definitionKey, unit, units, receivedFrom, receivedBefore }: ExportFilter) {
  let query = db.selectFrom('submissions').innerJoin('orders', 'orders.id', 'submissions.order_id');
  if (orderId !== undefined) query = query.where('submissions.order_id', '=', orderId);
  if (patientRef !== undefined) query = query.where('orders.patient_ref', '=', patientRef);
  if (definitionKey !== undefined) query = query.where('submissions.questionnaire_key', '=', definitionKey);
  if (unit !== undefined) query = query.where('orders.unit', '=', unit);
  // An empty list is answered before any query (exportOperations).
  if (units !== undefined) query = query.where('orders.unit', 'in', units);
  if (receivedFrom !== undefined) query = query.where('submissions.received_at', '>=', receivedFrom);
  if (receivedBefore !== undefined) query = query.where('submissions.received_at', '<', receivedBefore);
  return query;
}

/** The page's query, on its own so a test can read its SQL. */
export function exportPageQuery(db: Executor, filter: ExportFilter, after: ExportCursor | undefined, limit: number) {
  let query = filtered(db, filter).selectAll('submissions').select(['orders.patient_ref', 'orders.measurement_point']);
  if (after)
    // A row value: both databases read it as one range of the index.
    query = query.where((eb) =>
      eb(eb.refTuple('submissions.received_at', 'submissions.submission_id'), '>', eb.tuple(after.receivedAt, after.submissionId)),
    );
  return query.orderBy('submissions.received_at').orderBy('submissions.submission_id').limit(limit);
}

type Run = <T>(work: () => Promise<T>) => Promise<T>;

export function exportOperations(db: Executor, run: Run): ExportStoreOperations {
  return {
    exportPage: (filter, after, limit) =>
      run(async () => {
        if (filter.units?.length === 0) return [];
        const rows = await exportPageQuery(db, filter, after, limit).execute();
        return rows.map(({ patient_ref, measurement_point, ...row }) => ({
          ...toSubmission(row),
          patientRef: patient_ref,
          measurementPoint: measurement_point,
        }));
      }),
    exportQuestionnaireKeys: (filter) =>
      run(async () => {
        if (filter.units?.length === 0) return [];
        const rows = await filtered(db, filter)
          .select('submissions.questionnaire_key')
          .distinct()
          .orderBy('submissions.questionnaire_key')
          .execute();
        return rows.map((row) => row.questionnaire_key);
      }),
  };
}
