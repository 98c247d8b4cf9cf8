// For staff on the tablet: the unit's orders of the day, one picked for the patient in front of them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitOrder } from '../../core/index.js';
import { claimOrderOnTablet } from '../../device/claim.js';
import type { SharedDeviceRow } from '../../device/rows.js';
import { isTabletRevoked, listTabletOrders, openPatientVault } from '../../device/shared-device-mode.js';
import type { DraftVault } from '../../device/vault.js';
import { useDevice } from '../device-context.js';
import { useRegister } from '../sync-context.js';

interface Props {
  device: SharedDeviceRow;
  onSession: (orderId: string, vault: DraftVault) => void;
  /** The register refused this tablet as revoked by staff. */
  onRevoked: () => void;
  onBack: () => void;
}

export function StaffPick({ device, onSession, onRevoked, onBack }: Props) {
  const { t } = useTranslation();
  const db = useDevice();
  const { client } = useRegister();
  const [orders, setOrders] = useState<UnitOrder[] | 'unreachable' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void listTabletOrders(client, device.deviceToken).then((result) => {
      if (result.kind === 'revoked') onRevoked();
      else setOrders(result.kind === 'orders' ? result.orders : 'unreachable');
    });
  }, [client, device.deviceToken, onRevoked]);

  const pick = async (orderId: string) => {
    const claimed = await claimOrderOnTablet(db, client, device.deviceToken, orderId);
    if (claimed.kind === 'claimed' && claimed.resumeSecret) return onSession(orderId, await openPatientVault(device, claimed.resumeSecret));
    if (claimed.kind === 'refused' && isTabletRevoked(claimed.error)) return onRevoked();
    setProblem(claimed.kind === 'refused' ? t(`apiError.${claimed.error.error}`, { minutes: 10 }) : t('claim.needsNetwork'));
  };

  return (
    <div>
      <h1>{t('tablet.staffPickTitle')}</h1>
      {orders === null && <p role="status">{t('common.loading')}</p>}
      {orders === 'unreachable' && <p className="notice notice-error">{t('claim.needsNetwork')}</p>}
      {Array.isArray(orders) && orders.length === 0 && <p>{t('tablet.pickNone')}</p>}
      {Array.isArray(orders) && (
        <ul className="cards">
          {orders.map((order) => (
            <li key={order.id} className="card">
              <h2>{order.patientRef}</h2>
              <p className="state">{t('order.point', { point: order.measurementPoint })}</p>
              <button type="button" className="primary" onClick={() => void pick(order.id)}>
                {t('tablet.pick')} {order.patientRef}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="secondary" onClick={onBack}>
        {t('tablet.back')}
      </button>
    </div>
  );
}
