// The reads and writes of plan enrolments, their events and their windows' rows, over Kysely like
// every other (operations.ts). The unique window key decides, across every instance: of two
// schedulers inserting the same window, the second waits for the first to commit and then inserts nothing.
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { Sex } from '../../core/iso-bmi.js';
import type { Executor } from './compiled-once.js';
import type { CoverageRow, PlanEnrolmentRecord, PlanOrderOutcome, PlanOrderRecord, PlanStoreOperations, UnitScope } from './plan-store.js';
import { toCount } from './rows.js';
import type { PlanEnrolmentsTable, PlanOrdersTable } from './schema.js';

type Run = <T>(work: () => Promise<T>) => Promise<T>;

const wrote = (result: { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
  (result?.numInsertedOrUpdatedRows ?? result?.numUpdatedRows ?? 0n) > 0n;

const settingsJson = z.record(z.string(), z.unknown());
const outcomes = z.enum(['ordered', 'missed', 'paused'] satisfies PlanOrderOutcome[]);
const sexes = z.enum(['female', 'male'] satisfies Sex[]);

const toEnrolment = (row: Selectable<PlanEnrolmentsTable>): PlanEnrolmentRecord => ({
  id: row.id,
  patientRef: row.patient_ref,
  unit: row.unit,
  planKey: row.plan_key,
  planHash: row.plan_hash,
  language: row.language,
  settings: settingsJson.parse(JSON.parse(row.settings)),
  enrolledAt: row.enrolled_at,
  createdAt: row.created_at,
  pausedAt: row.paused_at,
  endedAt: row.ended_at,
  contactId: row.contact_id,
  birthMonth: row.birth_month,
  sex: row.sex === null ? null : sexes.parse(row.sex),
});

const toPlanOrder = (row: Selectable<PlanOrdersTable>): PlanOrderRecord => ({
  enrolmentId: row.enrolment_id,
  timePoint: row.time_point,
  occurrence: Number(row.occurrence),
  orderId: row.order_id,
  outcome: outcomes.parse(row.outcome),
  opensAt: row.opens_at,
  closesAt: row.closes_at,
  recordedAt: row.recorded_at,
});

/** The window's own key: `<enrolment>/<time point>/<occurrence>`. */
export const planOrderId = (link: Pick<PlanOrderRecord, 'enrolmentId' | 'timePoint' | 'occurrence'>) =>
  `${link.enrolmentId}/${link.timePoint}/${link.occurrence}`;

/** A unit list for `in`: an empty scope sees nothing (no unit is named ''). */
const unitList = (units: readonly string[]) => (units.length > 0 ? [...units] : ['']);

async function coverageRows(db: Executor, units: UnitScope): Promise<CoverageRow[]> {
  let query = db
    .selectFrom('plan_orders')
    .innerJoin('plan_enrolments', 'plan_enrolments.id', 'plan_orders.enrolment_id')
    .leftJoin('orders', 'orders.id', 'plan_orders.order_id')
    .selectAll('plan_orders')
    .select(['plan_enrolments.unit', 'plan_enrolments.plan_key', 'plan_enrolments.patient_ref'])
    .select(['orders.claimed_at', 'orders.valid_until', 'orders.questionnaires'])
    .select((eb) =>
      eb
        .selectFrom('submissions')
        .whereRef('submissions.order_id', '=', 'plan_orders.order_id')
        .select(sql<number>`count(distinct questionnaire_key)`.as('n'))
        .as('answered_count'),
    )
    .select((eb) => [
      eb
        .selectFrom('messages')
        .whereRef('messages.order_id', '=', 'plan_orders.order_id')
        .where('messages.kind', '=', 'invitation')
        .where('messages.status', '=', 'sent')
        .select(sql<number>`count(*)`.as('n'))
        .as('invitations_sent'),
      eb
        .selectFrom('messages')
        .whereRef('messages.order_id', '=', 'plan_orders.order_id')
        .where('messages.kind', '=', 'reminder')
        .where('messages.status', '=', 'sent')
        .select(sql<string | null>`min(messages.sent_at)`.as('at'))
        .as('first_reminder_sent_at'),
      eb
        .selectFrom('submissions')
        .whereRef('submissions.order_id', '=', 'plan_orders.order_id')
        .select(sql<string | null>`max(submissions.received_at)`.as('at'))
        .as('last_received_at'),
    ]);
  if (units !== 'all') query = query.where('plan_enrolments.unit', 'in', unitList(units));
  const rows = await query.orderBy('plan_orders.opens_at').orderBy('plan_orders.id').execute();
  return rows.map((row) => ({
    ...toPlanOrder(row),
    unit: row.unit,
    planKey: row.plan_key,
    patientRef: row.patient_ref,
    order:
      row.valid_until === null || row.questionnaires === null
        ? null
        : {
            claimedAt: row.claimed_at,
            validUntil: row.valid_until,
            questionnaireCount: z.array(z.unknown()).parse(JSON.parse(row.questionnaires)).length,
            answeredCount: toCount(row.answered_count ?? 0),
            isInvited: toCount(row.invitations_sent ?? 0) > 0,
            firstReminderSentAt: row.first_reminder_sent_at ?? null,
            lastReceivedAt: row.last_received_at ?? null,
          },
  }));
}

type EnrolmentOperations =
  | 'insertPlanEnrolment'
  | 'getPlanEnrolment'
  | 'listPlanEnrolments'
  | 'setPlanEnrolmentPaused'
  | 'endPlanEnrolment'
  | 'setPlanEnrolmentContact'
  | 'setPlanEnrolmentLanguage'
  | 'setPlanEnrolmentSubject';

function enrolmentOperations(db: Executor, run: Run): Pick<PlanStoreOperations, EnrolmentOperations> {
  return {
    insertPlanEnrolment: (e) =>
      run(async () => {
        const values = {
          id: e.id,
          patient_ref: e.patientRef,
          unit: e.unit,
          plan_key: e.planKey,
          plan_hash: e.planHash,
          language: e.language,
          settings: JSON.stringify(e.settings),
          enrolled_at: e.enrolledAt,
          created_at: e.createdAt,
          paused_at: e.pausedAt,
          ended_at: e.endedAt,
          contact_id: e.contactId,
          birth_month: e.birthMonth ?? null,
          sex: e.sex ?? null,
        };
        return wrote(
          await db
            .insertInto('plan_enrolments')
            .values(values)
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst(),
        );
      }),
    getPlanEnrolment: (id) =>
      run(async () => {
        const row = await db.selectFrom('plan_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toEnrolment(row);
      }),
    listPlanEnrolments: ({ units, patientRef, unit, isActive }) =>
      run(async () => {
        let query = db.selectFrom('plan_enrolments').selectAll();
        if (units !== 'all') query = query.where('unit', 'in', unitList(units));
        if (patientRef !== undefined) query = query.where('patient_ref', '=', patientRef);
        if (unit !== undefined) query = query.where('unit', '=', unit);
        if (isActive !== undefined) query = query.where('ended_at', isActive ? 'is' : 'is not', null);
        return (await query.orderBy('enrolled_at').orderBy('id').execute()).map(toEnrolment);
      }),
    setPlanEnrolmentPaused: (id, pausedAt) =>
      run(async () => {
        const result = await db
          .updateTable('plan_enrolments')
          .set({ paused_at: pausedAt })
          .where('id', '=', id)
          .where('ended_at', 'is', null)
          .where('paused_at', pausedAt === null ? 'is not' : 'is', null)
          .executeTakeFirst();
        return wrote(result);
      }),
    endPlanEnrolment: (id, at) =>
      run(async () => {
        const result = await db
          .updateTable('plan_enrolments')
          .set({ ended_at: at })
          .where('id', '=', id)
          .where('ended_at', 'is', null)
          .executeTakeFirst();
        return wrote(result);
      }),
    setPlanEnrolmentContact: (id, contactId) =>
      run(async () => {
        await db.updateTable('plan_enrolments').set({ contact_id: contactId }).where('id', '=', id).execute();
      }),
    setPlanEnrolmentLanguage: (id, language) =>
      run(async () => {
        await db.updateTable('plan_enrolments').set({ language }).where('id', '=', id).execute();
      }),
    setPlanEnrolmentSubject: (id, { birthMonth, sex }) =>
      run(async () => {
        await db.updateTable('plan_enrolments').set({ birth_month: birthMonth, sex }).where('id', '=', id).execute();
      }),
  };
}

export function planOperations(db: Executor, run: Run): PlanStoreOperations {
  return {
    ...enrolmentOperations(db, run),
    insertPlanEvent: (e) =>
      run(async () => {
        await db
          .insertInto('plan_events')
          .values({ id: e.id, enrolment_id: e.enrolmentId, name: e.name, at: e.at, recorded_at: e.recordedAt, recorded_by: e.recordedBy })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }),
    listPlanEvents: (enrolmentId) =>
      run(async () => {
        const rows = await db
          .selectFrom('plan_events')
          .selectAll()
          .where('enrolment_id', '=', enrolmentId)
          .orderBy('recorded_at')
          .orderBy('id')
          .execute();
        return rows.map((row) => ({
          id: row.id,
          enrolmentId: row.enrolment_id,
          name: row.name,
          at: row.at,
          recordedAt: row.recorded_at,
          recordedBy: row.recorded_by,
        }));
      }),
    insertPlanOrder: (link) =>
      run(async () => {
        const values = {
          id: planOrderId(link),
          enrolment_id: link.enrolmentId,
          time_point: link.timePoint,
          occurrence: link.occurrence,
          order_id: link.orderId,
          outcome: link.outcome,
          opens_at: link.opensAt,
          closes_at: link.closesAt,
          recorded_at: link.recordedAt,
        };
        return wrote(
          await db
            .insertInto('plan_orders')
            .values(values)
            // The id is made from the window too: two racing instances meet on either constraint, whichever PostgreSQL checks first.
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst(),
        );
      }),
    listPlanOrders: (enrolmentId) =>
      run(async () => {
        const rows = await db.selectFrom('plan_orders').selectAll().where('enrolment_id', '=', enrolmentId).orderBy('opens_at').execute();
        return rows.map(toPlanOrder);
      }),
    coverageRows: (units) => run(() => coverageRows(db, units)),
  };
}
