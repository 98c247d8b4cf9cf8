// One account for an administrator: its roles and units, disable or enable, a new one-time link,
// whether a second factor is required, and resetting it when the phone is lost (after a second
// press); each change says what it did.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../console-context.js';
import { accountResponse, registerApi } from '../../../core/index.js';
import { pathOf } from '../api.js';
import { anyJson, setupLinkResponse, staffRoles, type StaffAccount, type StaffRole } from '../contract-shapes.js';
import { ErrorMessage, Field } from '../ui.js';

export const unitsFromText = (text: string) =>
  text
    .split(',')
    .map((unit) => unit.trim())
    .filter(Boolean);

export function RoleChoices({ roles, onChange, legend }: { roles: StaffRole[]; onChange: (roles: StaffRole[]) => void; legend: string }) {
  const { t } = useTranslation('staff');
  return (
    <fieldset>
      <legend>{legend}</legend>
      {staffRoles.map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            checked={roles.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
          />{' '}
          {t(`accounts.role.${role}`)}
        </label>
      ))}
    </fieldset>
  );
}

interface AccountRowProps {
  account: StaffAccount;
  onChanged: () => void;
  onLink: (link: { text: string; url: string }) => void;
}

export function AccountRow({ account, onChanged, onLink }: AccountRowProps) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [roles, setRoles] = useState(account.roles);
  const [units, setUnits] = useState(account.units.join(', '));
  const [error, setError] = useState<unknown>(undefined);
  const { username } = account;
  const path = `/api/staff/accounts/${encodeURIComponent(account.id)}`;
  const change = async (body: Record<string, unknown>) => {
    try {
      await api.post(path, anyJson, body);
      announce(t('accounts.saved', { username }));
      setError(undefined);
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  const reset = async () => {
    try {
      const { setupLink } = await api.post(`${path}/reset`, setupLinkResponse);
      const text = t('accounts.resetLink', { username });
      onLink({ text, url: setupLink });
      announce(text);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <article className="card" aria-labelledby={`account-${account.id}`}>
      <h3 id={`account-${account.id}`}>
        {account.displayName} <span className="muted">({username})</span>{' '}
        <span className="badge">{account.isDisabled ? t('accounts.disabled') : t('accounts.active')}</span>{' '}
        <span className="badge">{account.requireTotp ? t('accounts.totpOn') : t('accounts.totpOff')}</span>
        {account.hasTotp && (
          <>
            {' '}
            <span className="badge">{t('accounts.hasTotp')}</span>
          </>
        )}
      </h3>
      <ErrorMessage error={error} />
      <RoleChoices legend={t('accounts.roles')} roles={roles} onChange={setRoles} />
      <Field label={t('accounts.units')} value={units} onChange={(e) => setUnits(e.target.value)} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void change({ roles, units: unitsFromText(units) })}>
          {t('accounts.save')}
        </button>
        <button type="button" onClick={() => void change({ disabled: !account.isDisabled })}>
          {account.isDisabled ? t('accounts.enable') : t('accounts.disable')}
        </button>
        <button type="button" onClick={() => void change({ requireTotp: !account.requireTotp })}>
          {t('accounts.requireTotp')}: {account.requireTotp ? t('accounts.totpOff') : t('accounts.totpOn')}
        </button>
        <button type="button" onClick={() => void reset()}>
          {t('accounts.reset')}
        </button>
      </div>
      {account.hasTotp && <TotpReset account={account} onChanged={onChanged} />}
    </article>
  );
}

/** A lost phone: the account's second factor is cleared after a second press, and the account signed out. */
function TotpReset({ account, onChanged }: { account: StaffAccount; onChanged: () => void }) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [isConfirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { username } = account;
  const reset = async () => {
    try {
      const { account: changed } = await api.post(pathOf(registerApi.resetAccountTotp, { id: account.id }), accountResponse);
      announce(t(changed.requireTotp ? 'accounts.totpResetRequired' : 'accounts.totpResetOptional', { username }));
      setError(undefined);
      setConfirming(false);
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" aria-expanded={isConfirming} onClick={() => setConfirming(!isConfirming)}>
          {t('accounts.resetTotp')}
        </button>
      </div>
      {isConfirming && (
        <div className="inline-form">
          <p>{t('accounts.confirmResetTotp', { username })}</p>
          <button type="button" className="danger" onClick={() => void reset()}>
            {t('accounts.confirmResetTotpButton')}
          </button>
        </div>
      )}
    </>
  );
}
