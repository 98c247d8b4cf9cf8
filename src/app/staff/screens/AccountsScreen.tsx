// Accounts, for administrators: create one (with roles and units; the person sets a password from a
// one-time link), change roles and units, disable, reset, and require a second factor.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole, useLoaded } from '../console-context.js';
import { accountsResponse, createdAccount, type StaffRole } from '../contract-shapes.js';
import { ErrorMessage, Field, PageHeading } from '../ui.js';
import { AccountRow, RoleChoices, unitsFromText } from './AccountRow.js';

const emptyAccount = { username: '', displayName: '', roles: [] as StaffRole[], units: '', requireTotp: false };

export function AccountsScreen() {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [form, setForm] = useState(emptyAccount);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [link, setLink] = useState<{ text: string; url: string } | null>(null);
  const load = useCallback(() => api.get('/api/staff/accounts', accountsResponse), [api]);
  const accounts = useLoaded(load);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.username.trim() || !form.displayName.trim()) return setProblem(t('accounts.missingUsername'));
    if (form.roles.length === 0) return setProblem(t('accounts.missingRole'));
    setProblem(undefined);
    try {
      const answer = await api.post('/api/staff/accounts', createdAccount, {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        roles: form.roles,
        units: unitsFromText(form.units),
        requireTotp: form.requireTotp,
      });
      const text = t('accounts.createdLink', { username: answer.account.username });
      setLink({ text, url: answer.setupLink });
      announce(text);
      setForm(emptyAccount);
      setError(undefined);
      accounts.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section>
      <PageHeading>{t('accounts.heading')}</PageHeading>
      {link && (
        <p className="notice">
          {link.text} <code>{link.url}</code>
        </p>
      )}
      <h2>{t('accounts.create')}</h2>
      <form onSubmit={(event) => void create(event)} noValidate>
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <ErrorMessage error={error} />
        <Field label={t('accounts.username')} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        <Field
          label={t('accounts.displayName')}
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
        />
        <RoleChoices legend={t('accounts.roles')} roles={form.roles} onChange={(roles) => setForm({ ...form, roles })} />
        <Field label={t('accounts.units')} value={form.units} onChange={(e) => setForm({ ...form, units: e.target.value })} />
        <label className="check">
          <input type="checkbox" checked={form.requireTotp} onChange={(e) => setForm({ ...form, requireTotp: e.target.checked })} />{' '}
          {t('accounts.requireTotp')}
        </label>
        <button type="submit" className="primary">
          {t('accounts.submit')}
        </button>
      </form>
      <h2>{t('accounts.list')}</h2>
      <ErrorMessage error={accounts.error} />
      <ul className="cards">
        {accounts.data?.accounts.map((account) => (
          <li key={account.id}>
            <AccountRow account={account} onChanged={accounts.reload} onLink={setLink} />
          </li>
        ))}
      </ul>
    </section>
  );
}
