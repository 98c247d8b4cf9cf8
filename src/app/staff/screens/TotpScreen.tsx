// Setting up the second factor when an administrator requires it: the authenticator app scans the
// QR code (or takes the secret typed), then the staff member confirms with a code from it.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { totpConfirmResponse, totpStartResponse } from '../../../core/index.js';
import { useConsole, useLoaded } from '../console-context.js';
import { sessionInfo } from '../contract-shapes.js';
import { QrCode } from '../QrCode.js';
import { ErrorMessage, Field, PageHeading } from '../ui.js';

export function TotpScreen() {
  const { t } = useTranslation('staff');
  const { api, setSession, announce } = useConsole();
  const started = useLoaded(useCallback(() => api.post('/api/staff/totp/start', totpStartResponse), [api]));
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setProblem(t('totp.sixDigits'));
    setProblem(undefined);
    try {
      await api.post('/api/staff/totp/confirm', totpConfirmResponse, { code: code.trim() });
      announce(t('totp.done'));
      setSession(await api.get('/api/staff/session', sessionInfo));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="narrow">
      <PageHeading>{t('totp.heading')}</PageHeading>
      <p>{t('totp.intro')}</p>
      <ErrorMessage error={started.error} />
      {started.data && (
        <>
          <QrCode text={started.data.otpauthUri} label={t('totp.qr')} />
          <p>
            {t('totp.secret')} <code className="code-text">{started.data.secret}</code>
          </p>
        </>
      )}
      <form onSubmit={(event) => void confirm(event)} noValidate>
        <ErrorMessage error={error} />
        <Field
          label={t('signIn.totp')}
          hint={t('signIn.totpHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={problem}
        />
        <button type="submit" className="primary">
          {t('totp.confirm')}
        </button>
      </form>
    </section>
  );
}
