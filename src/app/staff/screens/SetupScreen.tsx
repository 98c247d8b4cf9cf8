// The one-time link: the first administrator, or a password reset, sets a password.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../console-context.js';
import { anyJson, staffPasswordMinLength } from '../contract-shapes.js';
import { hrefFor } from '../routing.js';
import { ErrorMessage, Field, PageHeading } from '../ui.js';

/** The register decides (it may be configured higher); this only spares a round trip for an obviously short one. */
const minimumPassword = staffPasswordMinLength;

export function SetupScreen({ token, isReset }: { token: string; isReset: boolean }) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', confirm: '' });
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isDone, setIsDone] = useState(false);
  const update = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (form.password.length < minimumPassword) return setProblem(t('setup.tooShort', { min: minimumPassword }));
    if (form.password !== form.confirm) return setProblem(t('setup.mismatch'));
    setProblem(undefined);
    try {
      await api.post('/api/staff/setup', anyJson, {
        token,
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        password: form.password,
      });
      announce(t('setup.done'));
      setIsDone(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="narrow">
      <PageHeading>{isReset ? t('setup.headingReset') : t('setup.headingSetup')}</PageHeading>
      {isDone ? (
        <p>
          <a href={hrefFor.signIn}>{t('signIn.heading')}</a>
        </p>
      ) : (
        <p>{t('setup.intro')}</p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate hidden={isDone}>
        <ErrorMessage error={error} />
        <Field label={t('signIn.username')} autoComplete="username" value={form.username} onChange={update('username')} />
        <Field label={t('setup.displayName')} autoComplete="name" value={form.displayName} onChange={update('displayName')} />
        <Field
          label={t('signIn.password')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={update('password')}
          error={problem}
        />
        <Field label={t('setup.confirm')} type="password" autoComplete="new-password" value={form.confirm} onChange={update('confirm')} />
        <button type="submit" className="primary">
          {t('setup.submit')}
        </button>
      </form>
    </section>
  );
}
