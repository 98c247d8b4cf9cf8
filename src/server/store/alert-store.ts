// The alerts of the patients' units (migration-alerts.ts), over Kysely on both databases: raised once
// per submission, listed for the units a caller sees, acknowledged once, and their e-mail sent once
// across instances (a deliverer holds a row by moving its due time on, and records only while it holds it).
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { StoreDialect } from './dialect.js';
import type { AlertsTable } from './schema-alerts.js';
import type { Database } from './schema.js';

export const alertEmailStatus = { none: 'none', pending: 'pending', sent: 'sent', failed: 'failed' } as const;
export type AlertEmailStatus = (typeof alertEmailStatus)[keyof typeof alertEmailStatus];

const raisedAlert = z.object({
  kind: z.enum(['answer', 'flag']),
  id: z.string(),
  label: z.record(z.string(), z.string()),
});
export type StoredRaisedAlert = z.infer<typeof raisedAlert>;

export interface AlertRecord {
  id: string;
  submissionId: string;
  orderId: string;
  unit: string | null;
  patientRef: string;
  questionnaireKey: string;
  raised: StoredRaisedAlert[];
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  emailStatus: AlertEmailStatus;
  emailAttempts: number;
  emailNextAt: string | null;
  emailError: string | null;
}

export type NewAlert = Omit<AlertRecord, 'acknowledgedAt' | 'acknowledgedBy' | 'emailAttempts' | 'emailError'>;

export type AlertEmailOutcome =
  { status: 'sent' } | { status: 'pending'; nextAt: string; error: string } | { status: 'failed'; error: string };

export interface AlertStore {
  /** Unless the submission has its alert already; whether it wrote. */
  insertAlert(alert: NewAlert): Promise<boolean>;
  /** Newest first; `units` 'all' or the caller's; only those nobody acknowledged, unless `isOpenOnly` is false. */
  listAlerts(filter: { units: readonly string[] | 'all'; isOpenOnly: boolean; limit: number }): Promise<AlertRecord[]>;
  getAlert(id: string): Promise<AlertRecord | undefined>;
  /** Unless someone did first; whether this did. */
  acknowledgeAlert(id: string, by: string, at: string): Promise<boolean>;
  /** Alerts whose e-mail is due at `now`, each held until `holdUntil` by this deliverer; a held row is another's. */
  takeDueEmails(now: string, holdUntil: string, limit: number): Promise<AlertRecord[]>;
  /** Recorded only while this deliverer's hold (`heldUntil`) is the row's. */
  recordEmail(id: string, heldUntil: string, outcome: AlertEmailOutcome): Promise<boolean>;
}

const wrote = (result: { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
  (result?.numInsertedOrUpdatedRows ?? result?.numUpdatedRows ?? 0n) > 0n;

const toAlert = (row: Selectable<AlertsTable>): AlertRecord => ({
  id: row.id,
  submissionId: row.submission_id,
  orderId: row.order_id,
  unit: row.unit,
  patientRef: row.patient_ref,
  questionnaireKey: row.questionnaire_key,
  raised: z.array(raisedAlert).parse(JSON.parse(row.raised)),
  createdAt: row.created_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  emailStatus: z.enum(['none', 'pending', 'sent', 'failed']).parse(row.email_status),
  emailAttempts: Number(row.email_attempts),
  emailNextAt: row.email_next_at,
  emailError: row.email_error,
});

function alertEmailOperations(db: Kysely<Database>, dialect: StoreDialect): Pick<AlertStore, 'takeDueEmails' | 'recordEmail'> {
  return {
    // Not retried on a lost connection: a hold that committed and was then taken again would send twice.
    takeDueEmails: async (now, holdUntil, limit) => {
      const due = await db
        .selectFrom('alerts')
        .select(['id', 'email_next_at'])
        .where('email_status', '=', alertEmailStatus.pending)
        .where('email_next_at', '<=', now)
        .orderBy('email_next_at')
        .limit(limit)
        .execute();
      const taken: AlertRecord[] = [];
      for (const { id, email_next_at: nextAt } of due) {
        if (nextAt === null) continue;
        // whoever moves the due time on first holds the row; a second deliverer's update finds it moved
        const row = await db
          .updateTable('alerts')
          .set((eb) => ({ email_next_at: holdUntil, email_attempts: eb('email_attempts', '+', 1) }))
          .where('id', '=', id)
          .where('email_status', '=', alertEmailStatus.pending)
          .where('email_next_at', '=', nextAt)
          .returningAll()
          .executeTakeFirst();
        if (row) taken.push(toAlert(row));
      }
      return taken;
    },
    recordEmail: (id, heldUntil, outcome) =>
      dialect.retry(async () => {
        const set =
          outcome.status === 'sent'
            ? { email_status: alertEmailStatus.sent, email_next_at: null, email_error: null }
            : outcome.status === 'pending'
              ? { email_next_at: outcome.nextAt, email_error: outcome.error }
              : { email_status: alertEmailStatus.failed, email_next_at: null, email_error: outcome.error };
        return wrote(
          await db
            .updateTable('alerts')
            .set(set)
            .where('id', '=', id)
            .where('email_status', '=', alertEmailStatus.pending)
            .where('email_next_at', '=', heldUntil)
            .executeTakeFirst(),
        );
      }),
  };
}

export function alertOperationsOn(db: Kysely<Database>, dialect: StoreDialect): AlertStore {
  return {
    insertAlert: (alert) =>
      dialect.retry(async () => {
        const result = await db
          .insertInto('alerts')
          .values({
            id: alert.id,
            submission_id: alert.submissionId,
            order_id: alert.orderId,
            unit: alert.unit,
            patient_ref: alert.patientRef,
            questionnaire_key: alert.questionnaireKey,
            raised: JSON.stringify(alert.raised),
            created_at: alert.createdAt,
            email_status: alert.emailStatus,
            email_next_at: alert.emailNextAt,
          })
          .onConflict((oc) => oc.column('submission_id').doNothing())
          .executeTakeFirst();
        return wrote(result);
      }),
    listAlerts: ({ units, isOpenOnly, limit }) =>
      dialect.retry(async () => {
        if (units !== 'all' && units.length === 0) return [];
        let query = db.selectFrom('alerts').selectAll();
        if (units !== 'all') query = query.where('unit', 'in', units);
        if (isOpenOnly) query = query.where('acknowledged_at', 'is', null);
        const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
        return rows.map(toAlert);
      }),
    getAlert: (id) =>
      dialect.retry(async () => {
        const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toAlert(row);
      }),
    acknowledgeAlert: (id, by, at) =>
      dialect.retry(async () =>
        wrote(
          await db
            .updateTable('alerts')
            .set({ acknowledged_at: at, acknowledged_by: by })
            .where('id', '=', id)
            .where('acknowledged_at', 'is', null)
            .executeTakeFirst(),
        ),
      ),
    ...alertEmailOperations(db, dialect),
  };
}
