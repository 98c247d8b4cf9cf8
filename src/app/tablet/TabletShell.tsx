// The waiting-room tablet: a start screen where a patient types their access code (or staff pick
// the patient's order), the patient's questionnaires, thanks, and back to the start. Everything of
// one patient lives in this component's memory and is dropped when their turn ends: no routes to go
// back to, no answers left in the page, and their drafts on the device are encrypted under their code.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimOrder } from '../../device/claim.js';
import type { SharedDeviceRow } from '../../device/rows.js';
import { findVaultOrder, openPatientVault } from '../../device/shared-device-mode.js';
import { listOutbox } from '../../device/outbox-store.js';
import type { DraftVault } from '../../device/vault.js';
import { useDevice } from '../device-context.js';
import { useRegister } from '../sync-context.js';
import { IdleWarning } from './IdleWarning.js';
import { LeaveSharedMode } from './LeaveSharedMode.js';
import { AccessCodeField } from '../screens/AccessCodeForm.js';
import { StaffPick } from './StaffPick.js';
import { TabletRevoked } from './TabletRevoked.js';
import { TabletSession } from './TabletSession.js';
import { useIdle } from './use-idle.js';

type Mode =
  | { name: 'start'; isLocked?: boolean }
  | { name: 'pick' }
  | { name: 'leave' }
  /** The register refused the tablet: staff removed it. */
  | { name: 'revoked' }
  | { name: 'session'; orderId: string; vault: DraftVault }
  | { name: 'thanks' };

const thanksSeconds = 20;

export function TabletShell({ device }: { device: SharedDeviceRow }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>({ name: 'start' });
  const toStart = useCallback((isLocked = false) => setMode({ name: 'start', isLocked }), []);
  const toRevoked = useCallback(() => setMode({ name: 'revoked' }), []);
  const isSession = mode.name === 'session';
  const idle = useIdle(device.idleSeconds, isSession || mode.name === 'pick', () => toStart(isSession));

  useEffect(() => {
    // Nothing of a patient's turn is reachable through the browser's history.
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
    window.scrollTo?.({ top: 0 });
  }, [mode.name]);

  useEffect(() => {
    if (mode.name !== 'thanks') return;
    const timer = window.setTimeout(() => toStart(), thanksSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [mode.name, toStart]);

  return (
    <div className="tablet">
      <p className="hint tablet-unit">{t('tablet.unit', { unit: device.unit })}</p>
      {mode.name === 'start' && (
        <TabletStart
          device={device}
          isLocked={mode.isLocked === true}
          onSession={(orderId, vault) => setMode({ name: 'session', orderId, vault })}
          onPick={() => setMode({ name: 'pick' })}
          onLeave={() => setMode({ name: 'leave' })}
        />
      )}
      {mode.name === 'pick' && (
        <StaffPick
          device={device}
          onSession={(orderId, vault) => setMode({ name: 'session', orderId, vault })}
          onRevoked={toRevoked}
          onBack={() => toStart()}
        />
      )}
      {mode.name === 'leave' && <LeaveSharedMode onBack={() => toStart()} />}
      {mode.name === 'revoked' && <TabletRevoked device={device} onEnrolled={() => toStart()} />}
      {mode.name === 'session' && (
        <TabletSession
          key={`${mode.orderId}/${mode.vault.tag}`}
          orderId={mode.orderId}
          vault={mode.vault}
          onFinished={() => setMode({ name: 'thanks' })}
        />
      )}
      {mode.name === 'thanks' && (
        <div className="message" role="status">
          <h1>{t('tablet.thanksTitle')}</h1>
          <p>{t('tablet.thanksBody')}</p>
          <button type="button" className="primary" onClick={() => toStart()}>
            {t('tablet.thanksDone')}
          </button>
        </div>
      )}
      {idle.secondsLeft !== null && <IdleWarning secondsLeft={idle.secondsLeft} onMoreTime={idle.extend} />}
    </div>
  );
}

interface StartProps {
  device: SharedDeviceRow;
  isLocked: boolean;
  onSession: (orderId: string, vault: DraftVault) => void;
  onPick: () => void;
  onLeave: () => void;
}

function TabletStart({ device, isLocked, onSession, onPick, onLeave }: StartProps) {
  const { t } = useTranslation();
  const db = useDevice();
  const { client } = useRegister();
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const waiting = useLiveQuery(async () => (await listOutbox(db)).filter((row) => row.status === 'queued').length, [db]) ?? 0;

  const begin = async (code: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const vault = await openPatientVault(device, code);
      // A patient interrupted earlier is found by their code alone, offline too.
      const known = await findVaultOrder(db, vault);
      if (known) return onSession(known, vault);
      const claimed = await claimOrder(db, client, code);
      if (claimed.kind === 'claimed') return onSession(claimed.order.id, vault);
      setProblem(
        claimed.kind === 'unreachable'
          ? t('claim.needsNetwork')
          : claimed.error.error === 'codeUnknown'
            ? t('tablet.wrongCode')
            : t(`apiError.${claimed.error.error}`, { minutes: Math.ceil((claimed.error.retryAfterSeconds ?? 60) / 60) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tablet-start">
      <h1>{t('tablet.startTitle')}</h1>
      {isLocked && (
        <p className="notice notice-warning" role="status">
          {t('tablet.locked')}
        </p>
      )}
      <AccessCodeField
        hint={t('tablet.startIntro')}
        buttonLabel={isBusy ? t('tablet.opening') : t('tablet.begin')}
        isBusy={isBusy}
        onCode={(code) => void begin(code)}
      />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {waiting > 0 && <p className="hint">{t('tablet.waiting', { count: waiting })}</p>}
      <div className="staff-actions">
        <button type="button" className="link" onClick={onPick}>
          {t('tablet.staffPick')}
        </button>
        <button type="button" className="link" onClick={onLeave}>
          {t('tablet.leave')}
        </button>
      </div>
    </div>
  );
}
