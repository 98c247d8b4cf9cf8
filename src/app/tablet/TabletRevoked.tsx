// The register refused this tablet because staff removed it: say so, and let staff enrol it again.
// Answers waiting to be sent stay in the outbox and are still sent (the register accepts them: they
// are signed by the device key of their order, not by the tablet's token).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOutbox } from '../../device/outbox-store.js';
import type { SharedDeviceRow } from '../../device/rows.js';
import { useDevice } from '../device-context.js';
import { TabletSetup } from './TabletSetup.js';

export function TabletRevoked({ device, onEnrolled }: { device: SharedDeviceRow; onEnrolled: () => void }) {
  const { t } = useTranslation();
  const db = useDevice();
  const [isEnrolling, setEnrolling] = useState(false);
  const waiting = useLiveQuery(async () => (await listOutbox(db)).filter((row) => row.status === 'queued').length, [db]) ?? 0;
  if (isEnrolling) return <TabletSetup device={device} onEnrolled={onEnrolled} onBack={() => setEnrolling(false)} />;
  return (
    <div className="message" role="alert">
      <h1>{t('tablet.revokedTitle')}</h1>
      <p>{t('tablet.revokedBody')}</p>
      {waiting > 0 && <p className="hint">{t('tablet.waiting', { count: waiting })}</p>}
      <button type="button" className="primary" onClick={() => setEnrolling(true)}>
        {t('tablet.enrolAgain')}
      </button>
    </div>
  );
}
