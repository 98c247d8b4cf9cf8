// The console's header: its name, the menu the signed-in roles allow, the language, and signing out.
import { useTranslation } from 'react-i18next';
import { isUiLanguage, languageNames, uiLanguages, type UiLanguage } from '../i18n/i18n.js';
import { useConsole } from './console-context.js';
import { anyJson, type StaffRole } from './contract-shapes.js';
import { hrefFor, useStaffRoute } from './routing.js';
import { rememberStaffLanguage } from './staff-i18n.js';

type MenuName = 'orders' | 'newOrder' | 'tablets' | 'exports' | 'accounts' | 'audit' | 'enrol' | 'enrolments' | 'coverage' | 'indicators';
const menu: { name: MenuName; roles: StaffRole[] }[] = [
  { name: 'orders', roles: ['clinician', 'register'] },
  { name: 'newOrder', roles: ['clinician', 'register'] },
  { name: 'tablets', roles: ['clinician', 'register'] },
  { name: 'exports', roles: ['register'] },
  { name: 'accounts', roles: ['admin'] },
  { name: 'audit', roles: ['admin', 'register'] },
  // Measurement plans (their texts are under plans.nav).
  { name: 'enrol', roles: ['clinician', 'register'] },
  { name: 'enrolments', roles: ['clinician', 'register'] },
  { name: 'coverage', roles: ['clinician', 'register'] },
  { name: 'indicators', roles: ['clinician', 'register'] },
];
const isPlanEntry = (name: MenuName): name is 'enrol' | 'enrolments' | 'coverage' =>
  name === 'enrol' || name === 'enrolments' || name === 'coverage';

export function ConsoleHeader() {
  const { t, i18n } = useTranslation('staff');
  const { api, session, setSession, announce } = useConsole();
  const route = useStaffRoute();
  const roles = session?.account.roles ?? [];
  const signOut = async (everywhere: boolean) => {
    await api.post(everywhere ? '/api/staff/session/end-all' : '/api/staff/session/end', anyJson).catch(() => undefined);
    // The sign-in screen shows wherever the address is; signed in again, the same screen comes back.
    setSession(null);
    announce(t('signedOut'));
  };
  const changeLanguage = (language: UiLanguage) => {
    rememberStaffLanguage(language);
    document.documentElement.lang = language;
    void i18n.changeLanguage(language);
  };
  return (
    <header className="console-header">
      <a className="console-name" href={hrefFor.orders}>
        {t('title')}
      </a>
      {session && (
        <nav aria-label={t('nav.label')}>
          <ul>
            {menu
              .filter((entry) => entry.roles.some((role) => roles.includes(role)))
              .map((entry) => (
                <li key={entry.name}>
                  <a href={hrefFor[entry.name]} aria-current={route.name === entry.name ? 'page' : undefined}>
                    {entry.name === 'indicators'
                      ? t('indicators.nav')
                      : isPlanEntry(entry.name)
                        ? t(`plans.nav.${entry.name}`)
                        : t(`nav.${entry.name}`)}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      )}
      <div className="console-tools">
        <label>
          {t('language')}{' '}
          <select value={i18n.language} onChange={(event) => isUiLanguage(event.target.value) && changeLanguage(event.target.value)}>
            {uiLanguages.map((language) => (
              <option key={language} value={language} lang={language}>
                {languageNames[language]}
              </option>
            ))}
          </select>
        </label>
        {session && (
          <>
            <span>{t('signedInAs', { name: session.account.displayName })}</span>
            <button type="button" onClick={() => void signOut(false)}>
              {t('signOut')}
            </button>
            <button type="button" onClick={() => void signOut(true)}>
              {t('signOutEverywhere')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
