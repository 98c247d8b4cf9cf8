import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localise } from '../../core/index.js';
import { listOrders } from '../../device/orders.js';
import { listOutbox } from '../../device/outbox-store.js';
import { listResponses, ResponseStatus, type ResponseRecord } from '../../device/responses.js';
import type { OrderRow, OutboxRow } from '../../device/rows.js';
import { fetchCatalogue, type Catalogue } from '../catalogue.js';
import { useDevice } from '../device-context.js';
import { useFormatDate } from '../format.js';
import { orderProgress } from '../order-progress.js';
import { hrefFor } from '../routing.js';
import { AccessCodeForm } from './AccessCodeForm.js';

type CatalogueState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; catalogue: Catalogue };

/** The orders claimed on this device, each with how far it has come. */
function OrderCards({ orders, outbox, responses }: { orders: OrderRow[]; outbox: OutboxRow[]; responses: ResponseRecord[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading">{t('homeOrders.title')}</h2>
      <ul className="cards">
        {orders.map((order) => {
          const progress = orderProgress(order, responses, outbox, Date.now());
          return (
            <li key={order.id} className="card">
              <h3>{t('order.point', { point: order.measurementPoint })}</h3>
              <p className="state">
                {t('order.progress', { done: progress.completed, total: progress.items.length })} ·{' '}
                {t('order.validUntil', { date: formatDate(order.validUntil, false) })}
              </p>
              <a className="button primary" href={hrefFor({ name: 'order', orderId: order.id })}>
                {progress.next === null
                  ? t('order.toOrder')
                  : progress.completed > 0 || progress.items.some((i) => i.progress.state === 'inProgress')
                    ? t('home.continue')
                    : t('home.start')}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The questionnaires to try out, each with the responses to it on this device outside any order. */
function PracticeCards({ catalogue, responses }: { catalogue: Catalogue; responses: ResponseRecord[] }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <ul className="cards">
      {catalogue.questionnaires.map((entry) => {
        const own = responses.filter((r: ResponseRecord) => r.definitionKey === entry.key && r.orderId === null);
        const open = own.find((r) => r.status === ResponseStatus.inProgress);
        const completed = own.filter((r) => r.status === ResponseStatus.completed);
        const title = localise(entry.title, i18n.language, Object.keys(entry.title));
        return (
          <li key={entry.key} className="card">
            <h3 lang={title.lang}>{title.text}</h3>
            {open && <p className="state">{t('home.inProgress', { date: formatDate(open.updatedAt) })}</p>}
            {completed.map((r) => (
              <p className="state" key={r.id}>
                {t('home.completed', { date: formatDate(r.completedAt ?? r.updatedAt) })}
              </p>
            ))}
            <a className="button primary" href={hrefFor({ name: 'questionnaire', key: entry.key })}>
              {open ? t('home.continue') : completed.length > 0 ? t('home.startAgain') : t('home.start')}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function HomeScreen() {
  const { t } = useTranslation();
  const db = useDevice();
  const [state, setState] = useState<CatalogueState>({ status: 'loading' });
  const responses = useLiveQuery(() => listResponses(db), [db]);
  const orders = useLiveQuery(async () => ({ orders: await listOrders(db), outbox: await listOutbox(db) }), [db]);
  // "My answers over time" is offered once something is kept for it (only ever on the patient's own phone).
  const progressCount = useLiveQuery(() => db.progress.count(), [db]);

  const load = useCallback(() => {
    setState({ status: 'loading' });
    fetchCatalogue().then(
      (catalogue) => setState({ status: 'ready', catalogue }),
      () => setState({ status: 'failed' }),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <div className="home">
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {orders && orders.orders.length > 0 && <OrderCards orders={orders.orders} outbox={orders.outbox} responses={responses ?? []} />}
      <AccessCodeForm />
      <h2>{t('homeOrders.practiceTitle')}</h2>
      <p className="hint">{t('homeOrders.practiceNote')}</p>
      {state.status === 'loading' && <p role="status">{t('common.loading')}</p>}
      {state.status === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p>{t('home.loadFailed')}</p>
          <button type="button" className="secondary" onClick={load}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.status === 'ready' && state.catalogue.questionnaires.length === 0 && <p>{t('home.none')}</p>}
      {state.status === 'ready' && <PracticeCards catalogue={state.catalogue} responses={responses ?? []} />}
      {(progressCount ?? 0) > 0 && (
        <p>
          <a className="button secondary" href={hrefFor({ name: 'progress' })}>
            {t('progress.link')}
          </a>
        </p>
      )}
      <p className="staff-actions">
        <a href={hrefFor({ name: 'tabletSetup' })}>{t('tablet.setupLink')}</a>
      </p>
    </div>
  );
}
