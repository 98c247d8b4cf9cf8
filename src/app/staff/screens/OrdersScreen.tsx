// Orders: search by patient reference, filter by state and period, a page at a time; each order with
// the state of each questionnaire and what staff can do with it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleOrdersResponse, QuestionnaireState, registerApi, type ConsoleOrder } from '../../../core/index.js';
import { useConsole } from '../console-context.js';
import { dayStart, ErrorMessage, Field, PageHeading } from '../ui.js';
import { OrderCard } from './OrderCard.js';

interface Filter {
  patientRef: string;
  state: string;
  from: string;
  to: string;
}
const noFilter: Filter = { patientRef: '', state: '', from: '', to: '' };
/** The register learns of "completed" only as "received": no order would match it. */
const filterStates = Object.values(QuestionnaireState).filter((state) => state !== 'completed');

export function useOrderPages(filter: Filter | null) {
  const { api } = useConsole();
  const [orders, setOrders] = useState<ConsoleOrder[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [isLoading, setIsLoading] = useState(false);
  const load = useCallback(
    async (cursor: string | null) => {
      if (!filter) return;
      setIsLoading(true);
      try {
        const page = await api.get(registerApi.consoleOrders.path, consoleOrdersResponse, {
          patientRef: filter.patientRef.trim() || undefined,
          state: filter.state || undefined,
          from: filter.from ? dayStart(filter.from) : undefined,
          to: filter.to ? dayStart(filter.to, 1) : undefined,
          cursor: cursor ?? undefined,
        });
        setOrders((previous) => (cursor ? [...previous, ...page.orders] : page.orders));
        setNextCursor(page.nextCursor);
        setError(undefined);
      } catch (caught) {
        setError(caught);
      } finally {
        setIsLoading(false);
      }
    },
    [api, filter],
  );
  useEffect(() => void load(null), [load]);
  const replace = (order: ConsoleOrder) => setOrders((previous) => previous.map((o) => (o.id === order.id ? order : o)));
  return { orders, nextCursor, error, isLoading, more: () => void load(nextCursor), reload: () => void load(null), replace };
}

export function OrdersScreen() {
  const { t } = useTranslation('staff');
  const [typed, setTyped] = useState<Filter>(noFilter);
  const [applied, setApplied] = useState<Filter>(noFilter);
  const [periodError, setPeriodError] = useState<string | undefined>(undefined);
  const pages = useOrderPages(applied);
  const search = (event: FormEvent) => {
    event.preventDefault();
    if (typed.from && typed.to && typed.from > typed.to) return setPeriodError(t('orders.badPeriod'));
    setPeriodError(undefined);
    setApplied({ ...typed });
  };
  const field = (name: keyof Filter) => (event: { target: { value: string } }) => setTyped({ ...typed, [name]: event.target.value });
  return (
    <section>
      <PageHeading>{t('orders.heading')}</PageHeading>
      <form className="filters" onSubmit={search} aria-label={t('orders.filters')} noValidate>
        <Field label={t('orders.patientRef')} type="search" value={typed.patientRef} onChange={field('patientRef')} />
        <div className="field">
          <label htmlFor="order-state">{t('orders.state')}</label>
          <select id="order-state" value={typed.state} onChange={field('state')}>
            <option value="">{t('state.any')}</option>
            {filterStates.map((state) => (
              <option key={state} value={state}>
                {t(`state.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('orders.from')} type="date" value={typed.from} onChange={field('from')} error={periodError} />
        <Field label={t('orders.to')} type="date" value={typed.to} onChange={field('to')} />
        <div className="filter-buttons">
          <button type="submit" className="primary">
            {t('orders.search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setTyped(noFilter);
              setApplied(noFilter);
            }}
          >
            {t('orders.clear')}
          </button>
        </div>
      </form>
      <OrderList pages={pages} />
    </section>
  );
}

export function OrderList({ pages }: { pages: ReturnType<typeof useOrderPages> }) {
  const { t } = useTranslation('staff');
  return (
    <>
      <ErrorMessage error={pages.error} />
      {pages.isLoading && pages.orders.length === 0 ? (
        <p>{t('loading')}</p>
      ) : pages.orders.length === 0 ? (
        <p>{t('orders.none')}</p>
      ) : (
        <>
          <p>{t('orders.count', { count: pages.orders.length })}</p>
          <ul className="cards" aria-label={t('orders.table')}>
            {pages.orders.map((order) => (
              <li key={order.id}>
                <OrderCard order={order} onChanged={pages.replace} onReleased={pages.reload} />
              </li>
            ))}
          </ul>
        </>
      )}
      {pages.nextCursor && (
        <button type="button" onClick={pages.more} disabled={pages.isLoading}>
          {t('orders.more')}
        </button>
      )}
    </>
  );
}
