import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listResponses, ResponseStatus, type ResponseRecord } from '../../device/responses.js';
import { fetchCatalogue, type Catalogue } from '../catalogue.js';
import { useDevice } from '../device-context.js';
import { localise } from '../localise.js';
import { hrefFor } from '../routing.js';

type CatalogueState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; catalogue: Catalogue };

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const db = useDevice();
  const [state, setState] = useState<CatalogueState>({ status: 'loading' });
  const responses = useLiveQuery(() => listResponses(db), [db]);

  const load = useCallback(() => {
    setState({ status: 'loading' });
    fetchCatalogue().then(
      (catalogue) => setState({ status: 'ready', catalogue }),
      () => setState({ status: 'failed' }),
    );
  }, []);
  useEffect(load, [load]);

  const formatDate = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );

  return (
    <div className="home">
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {state.status === 'loading' && <p role="status">{t('common.loading')}</p>}
      {state.status === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p>{t('home.loadFailed')}</p>
          <button type="button" className="secondary" onClick={load}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.status === 'ready' && state.catalogue.questionnaires.length === 0 && <p>{t('home.none')}</p>}
      {state.status === 'ready' && (
        <ul className="cards">
          {state.catalogue.questionnaires.map((entry) => {
            const own = (responses ?? []).filter((r: ResponseRecord) => r.definitionKey === entry.key);
            const open = own.find((r) => r.status === ResponseStatus.inProgress);
            const completed = own.filter((r) => r.status === ResponseStatus.completed);
            const title = localise(entry.title, i18n.language, Object.keys(entry.title));
            return (
              <li key={entry.key} className="card">
                <h2 lang={title.lang}>{title.text}</h2>
                {open && <p className="state">{t('home.inProgress', { date: formatDate(open.updatedAt) })}</p>}
                {completed.map((r) => (
                  <p className="state" key={r.id}>
                    {t('home.completed', { date: formatDate(r.completedAt ?? r.updatedAt) })}
                  </p>
                ))}
                <a className="button primary" href={hrefFor({ name: 'questionnaire', key: entry.key })}>
                  {open ? t('home.continue') : completed.length > 0 ? t('home.startAgain') : t('home.start')}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
