// The reads behind the registers' quality indicators (indicators.ts): each submission made for a plan's
// window, with its time point, the enrolment's unit and patient reference and the register's scores;
// and the windows that opened (the patients who were due, for coverage). Joined as coverage is:
// plan_orders → plan_enrolments, and the window's order → its submissions.
import type { Executor } from './compiled-once.js';

export interface IndicatorObservationRow {
  patientRef: string;
  unit: string;
  /** The plan's id@version the enrolment follows. */
  planKey: string;
  timePoint: string;
  occurrence: number;
  /** id@version. */
  questionnaireKey: string;
  completedAt: string;
  /** JSON text, as stored. */
  answers: string;
  scores: string | null;
}

export interface IndicatorWindowRow {
  patientRef: string;
  unit: string;
  planKey: string;
  timePoint: string;
  occurrence: number;
  opensAt: string;
}

export interface IndicatorStoreOperations {
  /** `units`: only enrolments at these units; 'all': every unit. */
  indicatorObservations(units: readonly string[] | 'all'): Promise<IndicatorObservationRow[]>;
  /** The windows that opened by `now`, but not those that closed while the enrolment was paused. */
  indicatorWindows(units: readonly string[] | 'all', now: string): Promise<IndicatorWindowRow[]>;
}

type Run = <T>(work: () => Promise<T>) => Promise<T>;

export function indicatorOperations(db: Executor, run: Run): IndicatorStoreOperations {
  return {
    indicatorObservations: (units) =>
      run(async () => {
        if (units !== 'all' && units.length === 0) return [];
        let query = db
          .selectFrom('submissions')
          .innerJoin('plan_orders', 'plan_orders.order_id', 'submissions.order_id')
          .innerJoin('plan_enrolments', 'plan_enrolments.id', 'plan_orders.enrolment_id')
          .select([
            'plan_enrolments.patient_ref',
            'plan_enrolments.unit',
            'plan_enrolments.plan_key',
            'plan_orders.time_point',
            'plan_orders.occurrence',
            'submissions.questionnaire_key',
            'submissions.completed_at',
            'submissions.answers',
            'submissions.scores',
          ])
          .where('submissions.duplicate_of', 'is', null);
        if (units !== 'all') query = query.where('plan_enrolments.unit', 'in', units);
        const rows = await query.orderBy('submissions.received_at').orderBy('submissions.submission_id').execute();
        return rows.map((row) => ({
          patientRef: row.patient_ref,
          unit: row.unit,
          planKey: row.plan_key,
          timePoint: row.time_point,
          occurrence: Number(row.occurrence),
          questionnaireKey: row.questionnaire_key,
          completedAt: row.completed_at,
          answers: row.answers,
          scores: row.scores,
        }));
      }),
    indicatorWindows: (units, now) =>
      run(async () => {
        if (units !== 'all' && units.length === 0) return [];
        let query = db
          .selectFrom('plan_orders')
          .innerJoin('plan_enrolments', 'plan_enrolments.id', 'plan_orders.enrolment_id')
          .select([
            'plan_enrolments.patient_ref',
            'plan_enrolments.unit',
            'plan_enrolments.plan_key',
            'plan_orders.time_point',
            'plan_orders.occurrence',
            'plan_orders.opens_at',
          ])
          .where('plan_orders.outcome', '<>', 'paused')
          .where('plan_orders.opens_at', '<=', now);
        if (units !== 'all') query = query.where('plan_enrolments.unit', 'in', units);
        const rows = await query.orderBy('plan_orders.opens_at').orderBy('plan_orders.id').execute();
        return rows.map((row) => ({
          patientRef: row.patient_ref,
          unit: row.unit,
          planKey: row.plan_key,
          timePoint: row.time_point,
          occurrence: Number(row.occurrence),
          opensAt: row.opens_at,
        }));
      }),
  };
}
