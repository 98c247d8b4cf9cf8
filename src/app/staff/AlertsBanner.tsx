// The unit's open alerts, at the top of every console screen for clinicians and register staff: which
// patient, when, and what raised it (an alerting answer or flag), with a button to acknowledge each.
// Asked for when a screen opens and every minute while the console is open.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertsResponse, consoleAlert, registerApi, type ConsoleAlert } from '../../core/index.js';
import { pathOf } from './api.js';
import { useConsole } from './console-context.js';
import { hrefFor } from './routing.js';
import { ErrorMessage, useFormatTime } from './ui.js';

const refreshMs = 60_000;

function labelIn(label: Record<string, string>, language: string): string {
  return label[language] ?? label.nb ?? Object.values(label)[0] ?? '';
}

function AlertItem({ alert, onAcknowledged }: { alert: ConsoleAlert; onAcknowledged: () => void }) {
  const { t, i18n } = useTranslation('staff');
  const { api, announce } = useConsole();
  const time = useFormatTime();
  const [error, setError] = useState<unknown>(undefined);
  const acknowledge = async () => {
    try {
      await api.post(pathOf(registerApi.acknowledgeAlert, { id: alert.id }), consoleAlert);
      announce(t('alerts.acknowledged', { patientRef: alert.patientRef }));
      onAcknowledged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <li>
      <p>
        <a href={hrefFor.patient(alert.patientRef)}>{alert.patientRef}</a> · {time(alert.createdAt)} ·{' '}
        <a href={hrefFor.submission(alert.submissionId)}>{t('alerts.answers')}</a>
      </p>
      <ul className="alert-reasons">
        {alert.raised.map((raised) => (
          <li key={raised.id}>{labelIn(raised.label, i18n.language)}</li>
        ))}
      </ul>
      <button
        type="button"
        aria-label={`${t('alerts.acknowledge')} ${t('alerts.forPatient', { patientRef: alert.patientRef })}`}
        onClick={() => void acknowledge()}
      >
        {t('alerts.acknowledge')}
      </button>
      {error !== undefined && <ErrorMessage error={error} />}
    </li>
  );
}

export function AlertsBanner({ place }: { place: string }) {
  const { t } = useTranslation('staff');
  const { api } = useConsole();
  const [alerts, setAlerts] = useState<ConsoleAlert[]>([]);
  const load = useCallback(() => {
    api.get(pathOf(registerApi.listAlerts), alertsResponse).then(
      (answer) => setAlerts(answer.alerts),
      // the screen below says what is wrong with the register; the banner keeps what it showed
      () => undefined,
    );
  }, [api]);
  useEffect(() => {
    load();
    const timer = setInterval(load, refreshMs);
    return () => clearInterval(timer);
  }, [load, place]);
  if (alerts.length === 0) return null;
  return (
    <section className="alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{t('alerts.heading', { count: alerts.length })}</h2>
      <ul>
        {alerts.map((alert) => (
          <AlertItem key={alert.id} alert={alert} onAcknowledged={load} />
        ))}
      </ul>
    </section>
  );
}
