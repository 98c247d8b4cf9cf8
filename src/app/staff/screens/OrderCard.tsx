// One order in a list: its questionnaires and their states, and release, extend and cancel, each of
// which says what it did.
import { useTranslation } from 'react-i18next';
import type { ConsoleOrder } from '../../../core/index.js';
import { hrefFor } from '../routing.js';
import { useFormatTime } from '../ui.js';
import { OrderActions } from './OrderActions.js';

interface OrderCardProps {
  order: ConsoleOrder;
  onChanged: (order: ConsoleOrder) => void;
  onReleased: () => void;
}

export function OrderCard({ order, onChanged, onReleased }: OrderCardProps) {
  const { t } = useTranslation('staff');
  const time = useFormatTime();
  const { patientRef } = order;
  return (
    <article className="card" aria-labelledby={`order-${order.id}`}>
      <h2 id={`order-${order.id}`}>
        <a href={hrefFor.patient(patientRef)}>{patientRef}</a> <span className="muted">{order.measurementPoint}</span>
        {order.cancelledAt !== null && <span className="badge badge-cancelled">{t('state.cancelled')}</span>}
      </h2>
      <dl className="facts">
        <dt>{t('orders.created')}</dt>
        <dd>{time(order.createdAt)}</dd>
        <dt>{t('orders.validUntil')}</dt>
        <dd>{time(order.validUntil)}</dd>
        {order.unit && (
          <>
            <dt>{t('orders.unit')}</dt>
            <dd>{order.unit}</dd>
          </>
        )}
      </dl>
      <ul className="states" aria-label={t('orders.questionnaires')}>
        {order.questionnaires.map((q) => (
          <li key={q.key}>
            {q.key}: <span className={`badge badge-${q.state}`}>{t(`state.${q.state}`)}</span>
            {q.submissionIds.map((id) => (
              <a key={id} className="inline-link" href={hrefFor.submission(id)}>
                {t('patient.open')}
              </a>
            ))}
          </li>
        ))}
      </ul>
      {order.cancelledAt === null && <OrderActions order={order} onChanged={onChanged} onReleased={onReleased} />}
    </article>
  );
}
