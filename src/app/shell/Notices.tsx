import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersistenceState } from '../../device/persistence.js';

export function UpdateNotice({ onUpdate }: { onUpdate: () => void }) {
  const { t } = useTranslation();
  const [isDismissed, setDismissed] = useState(false);
  if (isDismissed) return null;
  return (
    <div className="notice notice-update" role="status">
      <p>{t('update.available')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onUpdate}>
          {t('update.reload')}
        </button>
        <button type="button" className="secondary" onClick={() => setDismissed(true)}>
          {t('update.later')}
        </button>
      </div>
    </div>
  );
}

const storageNoticeKey = 'eprom.storageNoticeDismissed';

/** Once read and closed, the warning stays closed on this device; it says nothing that changes. */
export function StorageNotice({ state }: { state: PersistenceState | null }) {
  const { t } = useTranslation();
  const [isDismissed, setDismissedState] = useState(() => window.localStorage.getItem(storageNoticeKey) === 'yes');
  const setDismissed = (value: boolean) => {
    window.localStorage.setItem(storageNoticeKey, value ? 'yes' : 'no');
    setDismissedState(value);
  };
  if (isDismissed || (state !== 'refused' && state !== 'unsupported')) return null;
  return (
    <div className="notice notice-warning" role="status">
      <p>{t('storage.refused')}</p>
      <button type="button" className="secondary" onClick={() => setDismissed(true)}>
        {t('common.close')}
      </button>
    </div>
  );
}

export function OfflineNotice() {
  const { t } = useTranslation();
  return (
    <p className="notice notice-offline" role="status">
      {t('network.offline')}
    </p>
  );
}
