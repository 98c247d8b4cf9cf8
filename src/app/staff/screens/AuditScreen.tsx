// The audit trail for administrators and register staff: by person, patient reference and period,
// a page at a time, and as CSV.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../console-context.js';
import { auditResponse, type AuditEntry } from '../contract-shapes.js';
import { saveBlob } from '../download.js';
import { dayStart, ErrorMessage, Field, PageHeading, useFormatTime } from '../ui.js';

const emptyFilter = { actor: '', patientRef: '', from: '', to: '' };
const shown = (value: unknown) => (value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation('staff');
  const time = useFormatTime();
  return (
    <>
      {entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {(['at', 'actor', 'role', 'unit', 'action', 'patientRef', 'objects', 'result', 'address'] as const).map((column) => (
                <th key={column} scope="col">
                  {t(`audit.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{time(entry.at)}</td>
                <td>{shown(entry.actorName ?? entry.actorKind)}</td>
                <td>{shown(entry.role)}</td>
                <td>{shown(entry.unit)}</td>
                <td>{entry.action}</td>
                <td>{shown(entry.patientRef)}</td>
                <td>{shown(entry.objects)}</td>
                <td>{entry.result}</td>
                <td>{entry.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function AuditScreen() {
  const { t } = useTranslation('staff');
  const { api } = useConsole();
  const [typed, setTyped] = useState(emptyFilter);
  const [applied, setApplied] = useState(emptyFilter);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const query = useCallback(
    (cursor?: string) => ({
      actor: applied.actor.trim() || undefined,
      patientRef: applied.patientRef.trim() || undefined,
      from: applied.from ? dayStart(applied.from) : undefined,
      to: applied.to ? dayStart(applied.to, 1) : undefined,
      cursor,
    }),
    [applied],
  );
  const load = useCallback(
    async (cursor?: string) => {
      try {
        const page = await api.get('/api/staff/audit', auditResponse, query(cursor));
        setEntries((previous) => (cursor ? [...previous, ...page.entries] : page.entries));
        setNextCursor(page.nextCursor);
        setError(undefined);
      } catch (caught) {
        setError(caught);
      }
    },
    [api, query],
  );
  useEffect(() => void load(), [load]);
  const csv = async () => {
    try {
      saveBlob(await api.download('/api/staff/audit.csv', query()), 'audit.csv');
    } catch (caught) {
      setError(caught);
    }
  };
  const field = (name: keyof typeof emptyFilter) => (event: { target: { value: string } }) =>
    setTyped({ ...typed, [name]: event.target.value });
  return (
    <section>
      <PageHeading>{t('audit.heading')}</PageHeading>
      <form
        className="filters"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setApplied({ ...typed });
        }}
      >
        <Field label={t('audit.actor')} value={typed.actor} onChange={field('actor')} />
        <Field label={t('audit.patientRef')} value={typed.patientRef} onChange={field('patientRef')} />
        <Field label={t('audit.from')} type="date" value={typed.from} onChange={field('from')} />
        <Field label={t('audit.to')} type="date" value={typed.to} onChange={field('to')} />
        <div className="filter-buttons">
          <button type="submit" className="primary">
            {t('audit.search')}
          </button>
          <button type="button" onClick={() => void csv()}>
            {t('audit.csv')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      <AuditTable entries={entries} />
      {nextCursor && (
        <button type="button" onClick={() => void load(nextCursor)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
