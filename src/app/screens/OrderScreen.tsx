// An order's questionnaires, answered in sequence, each with its state in words.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { localise } from '../../core/index.js';
import { listDefinitionTitles } from '../../device/definitions.js';
import { getOrder } from '../../device/orders.js';
import { listResponses } from '../../device/responses.js';
import { listOutbox } from '../../device/outbox-store.js';
import type { OrderRow } from '../../device/rows.js';
import { DeliveryState } from '../delivery.js';
import { useDevice } from '../device-context.js';
import { useFormatDate } from '../format.js';
import { orderProgress, type OrderProgress } from '../order-progress.js';
import { hrefFor } from '../routing.js';
import { useRegister } from '../sync-context.js';

/** About ten seconds an answer, rounded up to whole minutes. */
export function estimatedMinutes(itemCounts: number[]): number {
  return Math.max(1, Math.ceil((itemCounts.reduce((sum, n) => sum + n, 0) * 10) / 60));
}

type Titles = Awaited<ReturnType<typeof listDefinitionTitles>>;

/** Who asks, why, how long it takes, and that nobody watches the answers as they come. */
function OrderWelcome({ order, titles, hasNext }: { order: OrderRow; titles: Titles; hasNext: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="welcome" aria-label={order.registerName}>
      <p>
        <strong>{t('welcome.asks', { register: order.registerName, count: order.questionnaires.length })}</strong> {t('welcome.why')}
      </p>
      {hasNext && (
        <p>{t('welcome.time', { minutes: estimatedMinutes(order.questionnaires.map((q) => titles.get(q.key)?.itemCount ?? 0)) })}</p>
      )}
      <p>{t('welcome.notMonitored')}</p>
      <p>{t('welcome.protection')}</p>
    </section>
  );
}

/** The order's questionnaires in sequence; only the next one can be opened, while the order is valid. */
function OrderItems({ orderId, progress, titles }: { orderId: string; progress: OrderProgress; titles: Titles }) {
  const { t, i18n } = useTranslation();
  const canAnswer = progress.next !== null && !progress.isExpired;
  return (
    <ol className="cards">
      {progress.items.map(({ key, progress: item }, index) => {
        const titled = titles.get(key);
        const title = titled ? localise(titled.title, i18n.language, titled.languages) : { text: key };
        return (
          <li key={key} className="card">
            <h2 lang={title.lang}>{title.text}</h2>
            <p className="state">
              {item.state === 'notStarted' && t('order.notStarted')}
              {item.state === 'inProgress' && t('order.inProgress')}
              {item.state === 'completed' && (item.delivery ? <DeliveryState row={item.delivery} /> : t('done.title'))}
            </p>
            {canAnswer && progress.next === index && (
              <a className="button primary" href={hrefFor({ name: 'orderQuestionnaire', orderId, index })}>
                {item.state === 'inProgress' ? t('home.continue') : t('home.start')}
              </a>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function OrderScreen({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const db = useDevice();
  const { sync } = useRegister();
  const formatDate = useFormatDate();
  const data = useLiveQuery(
    async () => ({
      order: (await getOrder(db, orderId)) ?? null,
      responses: await listResponses(db),
      outbox: await listOutbox(db),
      titles: await listDefinitionTitles(db),
    }),
    [db, orderId],
  );
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const { order } = data;
  if (!order)
    return (
      <div className="message">
        <h1>{t('order.notFound')}</h1>
        <a className="button secondary" href={hrefFor({ name: 'home' })}>
          {t('questionnaire.toHome')}
        </a>
      </div>
    );

  const progress = orderProgress(order, data.responses, data.outbox, Date.now());
  return (
    <div className="order">
      <h1>{t('order.title')}</h1>
      <OrderWelcome order={order} titles={data.titles} hasNext={progress.next !== null} />
      <p className="hint">
        {t('order.point', { point: order.measurementPoint })} · {t('order.validUntil', { date: formatDate(order.validUntil, false) })}
      </p>
      <div className="progress">
        <span>{t('order.progress', { done: progress.completed, total: progress.items.length })}</span>
        <progress max={progress.items.length} value={progress.completed} aria-label={t('questionnaire.progress')} />
      </div>
      {progress.isExpired && progress.next !== null && (
        <p className="notice notice-warning" role="status">
          {t('order.expired', { date: formatDate(order.validUntil, false) })}
        </p>
      )}
      <OrderItems orderId={orderId} progress={progress} titles={data.titles} />
      {progress.next === null && <p role="status">{t('order.allDone')}</p>}
      {progress.hasWaitingDelivery && (
        <button type="button" className="secondary" onClick={() => void sync.sendNow().catch(() => undefined)}>
          {t('order.sendNow')}
        </button>
      )}
    </div>
  );
}
