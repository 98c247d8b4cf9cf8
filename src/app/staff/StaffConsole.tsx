// The staff console: who is signed in, the menu their roles allow, the screen the address names,
// and the live region that says what an action did.
import type { i18n } from 'i18next';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { StaffApiError, type StaffApi } from './api.js';
import { consoleContext, useConsole, type ConsoleContext } from './console-context.js';
import { AlertsBanner } from './AlertsBanner.js';
import { ConsoleHeader } from './ConsoleHeader.js';
import { sessionInfo, type SessionInfo } from './contract-shapes.js';
import { homeFor, hrefFor, useStaffRoute } from './routing.js';
import { isPlanRoute, PlanScreenFor } from './screens/EnrolmentRoutes.js';
import { ScreenFor } from './screens/ScreenFor.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { SignInScreen } from './screens/SignInScreen.js';
import { TotpScreen } from './screens/TotpScreen.js';

// A chunk of its own: its tables and charts are loaded when someone opens it.
const IndicatorsScreen = lazy(() => import('./screens/IndicatorsScreen.js').then((m) => ({ default: m.IndicatorsScreen })));

export interface StaffConsoleProps {
  api: StaffApi;
  i18n: i18n;
  /** The session already known (tests); otherwise the register is asked. */
  initialSession?: SessionInfo | null;
}

export function StaffConsole({ api, i18n, initialSession }: StaffConsoleProps) {
  const [session, setSessionState] = useState<SessionInfo | null | undefined>(initialSession);
  const [message, setMessage] = useState('');
  const setSession = useCallback(
    (next: SessionInfo | null) => {
      api.setCsrfToken(next?.csrfToken ?? null);
      setSessionState(next);
    },
    [api],
  );
  // A session that ended (idle, absolute, signed out elsewhere) brings back the sign-in screen.
  useEffect(() => {
    api.setOnSignedOut(() => setSession(null));
    return () => api.setOnSignedOut(null);
  }, [api, setSession]);
  useEffect(() => {
    if (initialSession !== undefined) {
      api.setCsrfToken(initialSession?.csrfToken ?? null);
      return;
    }
    api.get('/api/staff/session', sessionInfo).then(setSession, (error: unknown) => {
      // Not signed in (401), or a register without staff sessions (404): the sign-in screen.
      setSession(null);
      if (!(error instanceof StaffApiError)) setMessage(String(error));
    });
  }, [api, initialSession, setSession]);
  const context = useMemo<ConsoleContext>(
    () => ({ api, session: session ?? null, setSession, announce: setMessage }),
    [api, session, setSession],
  );
  return (
    <I18nextProvider i18n={i18n} defaultNS="staff">
      <consoleContext.Provider value={context}>
        <Layout isChecking={session === undefined} message={message} />
      </consoleContext.Provider>
    </I18nextProvider>
  );
}

function Layout({ isChecking, message }: { isChecking: boolean; message: string }) {
  const { t } = useTranslation('staff');
  const route = useStaffRoute();
  const { session, announce } = useConsole();
  const place = JSON.stringify(route);
  // What an action did belongs to the screen it was done on.
  useEffect(() => announce(''), [place, announce]);
  // An administrator only may not list orders (the register answers 403): where the orders would be
  // (also an address without a place), the accounts instead, before the orders screen asks.
  const home = session ? homeFor(session.account.roles) : hrefFor.orders;
  const isElsewhere = route.name === 'orders' && home !== hrefFor.orders;
  useEffect(() => {
    if (isElsewhere) window.location.replace(home);
  }, [isElsewhere, home]);
  let screen;
  if (isChecking || isElsewhere) screen = <p>{t('loading')}</p>;
  else if (route.name === 'setup') screen = <SetupScreen token={route.token} isReset={route.isReset} />;
  else if (!session) screen = <SignInScreen />;
  // Until the second factor an administrator requires is set up, the register answers nothing else.
  else if (session.account.mustEnrolTotp) screen = <TotpScreen />;
  else if (isPlanRoute(route)) screen = <PlanScreenFor route={route} />;
  else if (route.name === 'indicators')
    screen = (
      <Suspense fallback={<p>{t('loading')}</p>}>
        <IndicatorsScreen />
      </Suspense>
    );
  else screen = <ScreenFor route={route} />;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <ConsoleHeader />
      <main id="main" className="console-main">
        {/* Always in the page, so that what is put in it is read out. */}
        <p className="announcement" role="status" aria-live="polite">
          {message}
        </p>
        {session && !session.account.mustEnrolTotp && session.account.roles.some((role) => role === 'clinician' || role === 'register') && (
          <AlertsBanner place={place} />
        )}
        {screen}
      </main>
    </>
  );
}
