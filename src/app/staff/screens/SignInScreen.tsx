// Sign in: username and password, and the code from an authenticator app when the register asks.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffApiError } from '../api.js';
import { useConsole } from '../console-context.js';
import { sessionInfo } from '../contract-shapes.js';
import { hrefFor } from '../routing.js';
import { ErrorMessage, Field, PageHeading } from '../ui.js';

export function SignInScreen() {
  const { t } = useTranslation('staff');
  const { api, setSession } = useConsole();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [isTotpAsked, setIsTotpAsked] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
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
      if (window.location.hash === hrefFor.signIn || window.location.hash === '') window.location.hash = hrefFor.orders;
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
    </section>
  );
}
