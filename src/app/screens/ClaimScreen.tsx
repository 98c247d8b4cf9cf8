// The patient's link: the app claims the order with the access code from the link (the only step
// that needs network), keeps everything it needs, and forgets the link.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody } from '../../core/index.js';
import { claimOrder } from '../../device/claim.js';
import { useDevice } from '../device-context.js';
import { navigate } from '../routing.js';
import { useRegister } from '../sync-context.js';
import { AccessCodeForm } from './AccessCodeForm.js';

type State = { status: 'working' } | { status: 'unreachable' } | { status: 'refused'; error: ApiErrorBody };

export function ClaimScreen({ code }: { code: string }) {
  const { t } = useTranslation();
  const db = useDevice();
  const { client } = useRegister();
  const [state, setState] = useState<State>({ status: 'working' });

  const claim = useCallback(() => {
    setState({ status: 'working' });
    claimOrder(db, client, code).then(
      (result) => {
        // The code leaves the address bar and the history once it has done its work.
        if (result.kind === 'claimed') navigate({ name: 'order', orderId: result.order.id }, { replace: true });
        else if (result.kind === 'refused') setState({ status: 'refused', error: result.error });
        else setState({ status: 'unreachable' });
      },
      () => setState({ status: 'unreachable' }),
    );
  }, [db, client, code]);
  useEffect(claim, [claim]);

  return (
    <div className="message">
      <h1>{t('claim.title')}</h1>
      {state.status === 'working' && <p role="status">{t('claim.working')}</p>}
      {state.status === 'unreachable' && (
        <div className="notice notice-error" role="alert">
          <p>{t('claim.needsNetwork')}</p>
          <button type="button" className="primary" onClick={claim}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.status === 'refused' && (
        <>
          <div className="notice notice-error" role="alert">
            <p>
              <strong>{t('claim.failed')}:</strong>{' '}
              {t(`apiError.${state.error.error}`, { minutes: Math.ceil((state.error.retryAfterSeconds ?? 60) / 60) })}
            </p>
          </div>
          <AccessCodeForm />
        </>
      )}
    </div>
  );
}
