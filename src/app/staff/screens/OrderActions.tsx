// What staff can do with an open order: release it from the device that holds it, extend it, or
// cancel it (after a second press); each says what it did in the live region.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleOrderResponse, registerApi, releaseResponse, type ConsoleOrder } from '../../../core/index.js';
import { pathOf } from '../api.js';
import { useConsole } from '../console-context.js';
import { dayEnd, ErrorMessage, Field, localDay, useFormatTime } from '../ui.js';

interface OrderActionsProps {
  order: ConsoleOrder;
  onChanged: (order: ConsoleOrder) => void;
  onReleased: () => void;
}

export function OrderActions({ order, onChanged, onReleased }: OrderActionsProps) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const time = useFormatTime();
  const [action, setAction] = useState<'extend' | 'cancel' | null>(null);
  const [until, setUntil] = useState(localDay(new Date(Date.now() + 7 * 86_400_000)));
  const [error, setError] = useState<unknown>(undefined);
  const { patientRef } = order;
  const run = async (work: () => Promise<string>) => {
    try {
      announce(await work());
      setError(undefined);
      setAction(null);
    } catch (caught) {
      setError(caught);
    }
  };
  const release = () =>
    run(async () => {
      await api.post(pathOf(registerApi.releaseOrder, { id: order.id }), releaseResponse);
      onReleased();
      return t('orders.released', { patientRef });
    });
  const extend = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      // Through the end of the chosen local day.
      const body = { validUntil: dayEnd(until) };
      const { order: changed } = await api.post(pathOf(registerApi.extendOrder, { id: order.id }), consoleOrderResponse, body);
      onChanged(changed);
      return t('orders.extended', { patientRef, date: time(changed.validUntil) });
    });
  };
  const cancel = () =>
    run(async () => {
      const { order: changed } = await api.post(pathOf(registerApi.cancelOrder, { id: order.id }), consoleOrderResponse);
      onChanged(changed);
      return t('orders.cancelledDone', { patientRef });
    });
  const toggle = (name: 'extend' | 'cancel') => setAction(action === name ? null : name);
  return (
    <>
      <ErrorMessage error={error} />
      <div className="actions">
        {order.claimedAt && (
          <button type="button" onClick={() => void release()}>
            {t('orders.release')}
          </button>
        )}
        <button type="button" aria-expanded={action === 'extend'} onClick={() => toggle('extend')}>
          {t('orders.extend')}
        </button>
        <button type="button" aria-expanded={action === 'cancel'} onClick={() => toggle('cancel')}>
          {t('orders.cancel')}
        </button>
      </div>
      {action === 'extend' && (
        <form className="inline-form" onSubmit={extend}>
          <Field label={t('orders.extendTo', { patientRef })} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          <button type="submit" className="primary">
            {t('orders.extendSave')}
          </button>
        </form>
      )}
      {action === 'cancel' && (
        <div className="inline-form">
          <p>{t('orders.confirmCancel', { patientRef })}</p>
          <button type="button" className="danger" onClick={() => void cancel()}>
            {t('orders.confirmCancelButton')}
          </button>
        </div>
      )}
    </>
  );
}
