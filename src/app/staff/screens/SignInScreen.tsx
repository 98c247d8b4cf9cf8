// Sign in: username and password, and the code from an authenticator app when the register asks; or,
// where the register is set up for it, with the identity provider (OpenID Connect, e.g. HelseID).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pathOf, StaffApiError } from '../api.js';
import { useConsole } from '../console-context.js';
import { oidcPaths, registerApi } from '../../../core/index.js';
import { sessionInfo } from '../contract-shapes.js';
import { homeFor, hrefFor, signInError } from '../routing.js';
import { ErrorMessage, Field, PageHeading } from '../ui.js';

/** A refused OpenID Connect sign-in comes back as #/signin?error=<code>. */
function oidcRefusal(): StaffApiError | undefined {
  const code = signInError(window.location.hash);
  return code === undefined ? undefined : new StaffApiError(401, code);
}

export function SignInScreen() {
  const { t } = useTranslation('staff');
  const { api, setSession } = useConsole();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [isTotpAsked, setIsTotpAsked] = useState(false);
  const [error, setError] = useState<unknown>(oidcRefusal);
  const [missing, setMissing] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!username.trim() || !password);
    if (!username.trim() || !password) return;
    setIsBusy(true);
    try {
      const session = await api.post('/api/staff/session', sessionInfo, {
        username: username.trim(),
        password,
        ...(isTotpAsked ? { totp } : {}),
      });
      setSession(session);
      if (window.location.hash.startsWith(hrefFor.signIn) || window.location.hash === '')
        window.location.hash = homeFor(session.account.roles);
    } catch (caught) {
      if (caught instanceof StaffApiError && caught.code === 'secondFactorRequired') setIsTotpAsked(true);
      // The password is typed again after a refusal; the username stays.
      setPassword('');
      setError(caught);
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <section className="narrow">
      <PageHeading>{t('signIn.heading')}</PageHeading>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {missing && (
          <p className="form-error" role="alert">
            {t('signIn.required')}
          </p>
        )}
        <ErrorMessage error={error} />
        <Field
          label={t('signIn.username')}
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <Field
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {isTotpAsked && (
          <Field
            label={t('signIn.totp')}
            hint={t('signIn.totpHint')}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={totp}
            onChange={(e) => setTotp(e.target.value)}
          />
        )}
        <button type="submit" className="primary" disabled={isBusy}>
          {t('signIn.submit')}
        </button>
      </form>
      <OidcSignIn />
    </section>
  );
}

/** "Sign in with HelseID" (the register's OIDC_NAME), where the register is set up for OpenID Connect. */
function OidcSignIn() {
  const { t } = useTranslation('staff');
  const { api } = useConsole();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let isGone = false;
    api.get(pathOf(registerApi.sessionConfig), registerApi.sessionConfig.response).then(
      (config) => !isGone && setName(config.oidc?.name ?? null),
      () => undefined,
    );
    return () => {
      isGone = true;
    };
  }, [api]);
  if (name === null) return null;
  return (
    <p>
      <a className="button" href={oidcPaths.start}>
        {t('signIn.withOidc', { name })}
      </a>
    </p>
  );
}
