// Tablets: an enrolment code for a unit's new tablet, the enrolled tablets with when each was last
// seen, and revoking one. (List and revoke are the tablets branch's routes, per the staff contract.)
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { enrolmentResponse, registerApi, type EnrolmentResponse } from '../../../core/index.js';
import { useConsole, useLoaded } from '../console-context.js';
import { anyJson, tabletsResponse, type Tablet } from '../contract-shapes.js';
import { ErrorMessage, Field, PageHeading, useFormatTime } from '../ui.js';

function TabletTable({ tablets, onRevoke }: { tablets: Tablet[]; onRevoke: (tablet: Tablet) => void }) {
  const { t } = useTranslation('staff');
  const time = useFormatTime();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('tablets.name')}</th>
          <th scope="col">{t('tablets.unit')}</th>
          <th scope="col">{t('tablets.enrolled')}</th>
          <th scope="col">{t('tablets.lastSeen')}</th>
          <th scope="col">{t('orders.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {tablets.map((tablet) => (
          <tr key={tablet.id}>
            <td>{tablet.name ?? '—'}</td>
            <td>{tablet.unit}</td>
            <td>{time(tablet.enrolledAt)}</td>
            <td>{tablet.lastSeenAt ? time(tablet.lastSeenAt) : t('tablets.never')}</td>
            <td>
              {tablet.revokedAt ? (
                t('tablets.revokedAt', { date: time(tablet.revokedAt) })
              ) : (
                <button type="button" onClick={() => onRevoke(tablet)}>
                  {t('tablets.revoke')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TabletsScreen() {
  const { t } = useTranslation('staff');
  const { api, session, announce } = useConsole();
  const time = useFormatTime();
  const units = session?.account.units ?? 'all';
  const [unit, setUnit] = useState(units === 'all' ? '' : (units[0] ?? ''));
  const [shownUnit, setShownUnit] = useState('');
  const [missing, setMissing] = useState<string | undefined>(undefined);
  const [enrolment, setEnrolment] = useState<EnrolmentResponse | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const load = useCallback(() => api.get('/api/tablets', tabletsResponse, { unit: shownUnit || undefined }), [api, shownUnit]);
  const tablets = useLoaded(load);

  const enrol = async (event: FormEvent) => {
    event.preventDefault();
    if (!unit.trim()) return setMissing(t('tablets.missingUnit'));
    setMissing(undefined);
    try {
      setEnrolment(await api.post(registerApi.createEnrolment.path, enrolmentResponse, { unit: unit.trim() }));
      setError(undefined);
    } catch (caught) {
      setError(caught);
    }
  };
  const revoke = async (tablet: Tablet) => {
    try {
      await api.post(`/api/tablets/${encodeURIComponent(tablet.id)}/revoke`, anyJson);
      announce(t('tablets.revoked', { unit: tablet.unit }));
      tablets.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section>
      <PageHeading>{t('tablets.heading')}</PageHeading>
      <h2>{t('tablets.enrol')}</h2>
      <form className="inline-form" onSubmit={(event) => void enrol(event)} noValidate>
        <Field label={t('tablets.unit')} value={unit} onChange={(e) => setUnit(e.target.value)} error={missing} />
        <button type="submit" className="primary">
          {t('tablets.enrolSubmit')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {enrolment && (
        <p className="notice" role="status">
          {t('tablets.enrolCode', { unit: enrolment.unit, date: time(enrolment.validUntil) })}{' '}
          <strong className="code-text">{enrolment.code}</strong>
        </p>
      )}
      <h2>{t('tablets.list')}</h2>
      <Field label={t('tablets.filterUnit')} type="search" value={shownUnit} onChange={(e) => setShownUnit(e.target.value)} />
      <ErrorMessage error={tablets.error} />
      {tablets.data && tablets.data.tablets.length === 0 && <p>{t('tablets.none')}</p>}
      {tablets.data && tablets.data.tablets.length > 0 && (
        <TabletTable tablets={tablets.data.tablets} onRevoke={(tablet) => void revoke(tablet)} />
      )}
    </section>
  );
}
