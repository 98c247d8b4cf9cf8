// An enrolment's time points: those that have opened, with their dates, what became of each and the
// state of each questionnaire of its order; and those still to come as the plan gives them today.
import { useTranslation } from 'react-i18next';
import type { PlanEnrolmentDetail } from '../contract-shapes.js';
import { hrefFor } from '../routing.js';
import { lastDayOf, osloDayText } from './EnrolmentParts.js';
import type { PlanNames } from './EnrolmentPlans.js';

const outcomes = ['ordered', 'missed', 'paused'] as const;
const orderStates = ['notClaimed', 'claimed', 'completed', 'received', 'expired', 'cancelled'] as const;

export function EnrolmentWindows({ enrolment, names }: { enrolment: PlanEnrolmentDetail; names: PlanNames }) {
  const { t, i18n } = useTranslation('staff');
  const day = (iso: string) => osloDayText(iso, i18n.language);
  const pointName = (timePoint: string, occurrence: number) => {
    const name = names.timePoint(enrolment.plan, timePoint);
    // A repeated time point (KVARUS' measurement points) is numbered.
    const isRepeated = [...enrolment.windows, ...enrolment.upcoming].some((w) => w.timePoint === timePoint && w.occurrence > 1);
    return isRepeated ? t('plans.enrolment.occurrence', { name, n: occurrence }) : name;
  };
  return (
    <section aria-labelledby="enrolment-windows">
      <h2 id="enrolment-windows">{t('plans.enrolment.timePoints')}</h2>
      {enrolment.windows.length === 0 ? (
        <p>{t('plans.enrolment.noWindows')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="windows-caption" tabIndex={0}>
          <table>
            <caption id="windows-caption">{t('plans.enrolment.windows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.timePoint')}</th>
                <th scope="col">{t('plans.enrolment.opens')}</th>
                <th scope="col">{t('plans.enrolment.lastDay')}</th>
                <th scope="col">{t('plans.enrolment.outcome')}</th>
                <th scope="col">{t('plans.enrolment.orderState')}</th>
              </tr>
            </thead>
            <tbody>
              {enrolment.windows.map((window) => {
                const outcome = outcomes.find((known) => known === window.outcome);
                return (
                  <tr key={`${window.timePoint} ${window.occurrence}`}>
                    <th scope="row">{pointName(window.timePoint, window.occurrence)}</th>
                    <td>{day(window.opensAt)}</td>
                    <td>{day(lastDayOf(window.closesAt))}</td>
                    <td>{outcome ? t(`plans.enrolment.outcomes.${outcome}`) : window.outcome}</td>
                    <td>{window.order ? <OrderStates order={window.order} /> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!enrolment.endedAt && <Upcoming enrolment={enrolment} pointName={pointName} />}
    </section>
  );
}

function OrderStates({ order }: { order: NonNullable<PlanEnrolmentDetail['windows'][number]['order']> }) {
  const { t } = useTranslation('staff');
  return (
    <ul className="states">
      {order.questionnaires.map((q) => {
        const state = order.cancelledAt ? 'cancelled' : orderStates.find((known) => known === q.state);
        return (
          <li key={q.key}>
            {q.key}: <span className={`badge badge-${state ?? q.state}`}>{state ? t(`state.${state}`) : q.state}</span>
            {q.submissionIds.map((id) => (
              <a key={id} className="inline-link" href={hrefFor.submission(id)}>
                {t('patient.open')}
              </a>
            ))}
          </li>
        );
      })}
    </ul>
  );
}

function Upcoming({ enrolment, pointName }: { enrolment: PlanEnrolmentDetail; pointName: (id: string, n: number) => string }) {
  const { t, i18n } = useTranslation('staff');
  const day = (iso: string) => osloDayText(iso, i18n.language);
  if (enrolment.upcoming.length === 0) return <p>{t('plans.enrolment.noUpcoming')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="upcoming-caption" tabIndex={0}>
      <table>
        <caption id="upcoming-caption">{t('plans.enrolment.upcoming')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.timePoint')}</th>
            <th scope="col">{t('plans.enrolment.opens')}</th>
            <th scope="col">{t('plans.enrolment.lastDay')}</th>
            <th scope="col">{t('plans.enrolment.reminders')}</th>
          </tr>
        </thead>
        <tbody>
          {enrolment.upcoming.map((window) => (
            <tr key={`${window.timePoint} ${window.occurrence}`}>
              <th scope="row">{pointName(window.timePoint, window.occurrence)}</th>
              <td>{day(window.opensAt)}</td>
              <td>{day(lastDayOf(window.closesAt))}</td>
              <td>{window.reminders.map(day).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
