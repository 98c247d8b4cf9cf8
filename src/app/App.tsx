import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { DeviceDatabase } from '../device/database.js';
import { discardExpiredDrafts } from '../device/orders.js';
import { requestPersistentStorage, type PersistenceState } from '../device/persistence.js';
import type { RegisterClient } from '../device/register-client.js';
import { getSharedDevice } from '../device/shared-device.js';
import { lazySyncEngine } from '../device/lazy-sync-engine.js';
import { DeviceContext, useDevice } from './device-context.js';
import { EarlyQuestionnaireContext, type EarlyQuestionnaire } from './early-questionnaire.js';
import { createI18n, detectLanguage, isUiLanguage, languageNames, uiLanguages, type Messages, type UiLanguage } from './i18n/i18n.js';
import { hrefFor, useRoute } from './routing.js';
import { OrderScreen } from './screens/OrderScreen.js';
import { QuestionnaireScreen } from './screens/QuestionnaireScreen.js';
import { RegisterContext, useRegister, useSyncTriggers } from './sync-context.js';
import { OfflineNotice, StorageNotice, UpdateNotice } from './shell/Notices.js';
import { ReplacedGuard } from './shell/ReplacedGuard.js';
import { useOnline } from './shell/use-online.js';
import { useServiceWorker } from './shell/use-service-worker.js';

// Only what shows an order and its questions is in the first bundle. The start page, claiming a
// link, the tablet's screens and the staff preview are loaded when opened (and precached for offline).
const PreviewPage = lazy(() => import('./preview/PreviewPage.js'));
const HomeScreen = lazy(() => import('./screens/HomeScreen.js').then((m) => ({ default: m.HomeScreen })));
const ClaimScreen = lazy(() => import('./screens/ClaimScreen.js').then((m) => ({ default: m.ClaimScreen })));
const ProgressScreen = lazy(() => import('./screens/ProgressScreen.js').then((m) => ({ default: m.ProgressScreen })));
const TabletSetup = lazy(() => import('./tablet/TabletSetup.js').then((m) => ({ default: m.TabletSetup })));
const TabletShell = lazy(() => import('./tablet/TabletShell.js').then((m) => ({ default: m.TabletShell })));

const languageStorageKey = 'eprom.language';

export function initialLanguage(): UiLanguage {
  const saved = window.localStorage.getItem(languageStorageKey);
  return isUiLanguage(saved) ? saved : detectLanguage(navigator.languages ?? [navigator.language]);
}

export interface AppProps {
  db: DeviceDatabase;
  client: RegisterClient;
  /** The service worker script, or null where none is registered (development, tests). */
  serviceWorkerUrl: string | null;
  /** The questionnaire the address opens, already being fetched (main.tsx). */
  early?: EarlyQuestionnaire | null;
  /** Interface languages already loaded (main.tsx loads the initial one before the first render). */
  messages?: Partial<Record<UiLanguage, Messages>>;
}

export function App({ db, client, serviceWorkerUrl, early = null, messages }: AppProps) {
  const i18n = useMemo(() => createI18n(initialLanguage(), messages), [messages]);
  const register = useMemo(() => ({ client, sync: lazySyncEngine({ db, client }) }), [db, client]);
  return (
    <DeviceContext.Provider value={db}>
      <RegisterContext.Provider value={register}>
        <I18nextProvider i18n={i18n}>
          {/* Waits for the interface language, when it is not the bundled bokmål. */}
          <Suspense fallback={null}>
            <EarlyQuestionnaireContext.Provider value={early}>
              <Shell serviceWorkerUrl={serviceWorkerUrl} />
            </EarlyQuestionnaireContext.Provider>
          </Suspense>
        </I18nextProvider>
      </RegisterContext.Provider>
    </DeviceContext.Provider>
  );
}

function Screen() {
  const route = useRoute();
  switch (route.name) {
    case 'claim':
      return <ClaimScreen key={route.code} code={route.code} />;
    case 'order':
      return <OrderScreen key={route.orderId} orderId={route.orderId} />;
    case 'orderQuestionnaire':
      return (
        <QuestionnaireScreen
          key={`${route.orderId}/${route.index}`}
          source={{ kind: 'order', orderId: route.orderId, index: route.index }}
        />
      );
    case 'questionnaire':
      return (
        <QuestionnaireScreen
          key={`${route.key}/${route.page ?? ''}`}
          source={{ kind: 'practice', key: route.key, ...(route.page === undefined ? {} : { page: route.page }) }}
        />
      );
    case 'tabletSetup':
      return <TabletSetup />;
    case 'progress':
      return <ProgressScreen />;
    case 'preview':
      return <PreviewPage isWatching={route.isWatching} />;
    case 'home':
      return <HomeScreen />;
  }
}

function Shell({ serviceWorkerUrl }: { serviceWorkerUrl: string | null }) {
  const { t, i18n } = useTranslation();
  const isOnline = useOnline();
  useSyncTriggers(useRegister().sync);
  const { isUpdateWaiting, applyUpdate } = useServiceWorker(serviceWorkerUrl);
  const [persistence, setPersistence] = useState<PersistenceState | null>(null);

  const db = useDevice();
  // A device set up as a waiting-room tablet shows only the tablet's screens.
  const sharedDevice = useLiveQuery(async () => (await getSharedDevice(db)) ?? null, [db]);
  useEffect(() => {
    void requestPersistentStorage().then(setPersistence);
    void discardExpiredDrafts(db).catch(() => undefined);
  }, [db]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.name');
  }, [i18n.language, t]);

  const changeLanguage = (language: string) => {
    if (!isUiLanguage(language)) return;
    window.localStorage.setItem(languageStorageKey, language);
    void i18n.changeLanguage(language);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <a className="app-name" href={hrefFor({ name: 'home' })}>
          {t('app.name')}
        </a>
        <label className="language">
          <span>{t('language.label')}</span>
          <select value={i18n.language} onChange={(event) => changeLanguage(event.target.value)}>
            {uiLanguages.map((language) => (
              <option key={language} value={language} lang={language}>
                {languageNames[language]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main" tabIndex={-1}>
        {isUpdateWaiting && <UpdateNotice onUpdate={applyUpdate} />}
        {!isOnline && <OfflineNotice />}
        {/* A shared tablet's patients need no warning about the browser's storage; staff see it before setting it up. */}
        {!sharedDevice && <StorageNotice state={persistence} />}
        <ReplacedGuard db={db}>
          <Suspense fallback={null}>
            {sharedDevice === undefined ? null : sharedDevice ? <TabletShell device={sharedDevice} /> : <Screen />}
          </Suspense>
        </ReplacedGuard>
      </main>
    </>
  );
}
