import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../routing.js';

export interface AccessCodeFieldProps {
  /** What the person is told under the label. */
  hint: string;
  buttonLabel: string;
  isBusy?: boolean;
  onCode: (code: string) => void;
  children?: ReactNode;
}

/** An access code typed by a person: a labelled field with its hint and a button, never autocompleted. */
export function AccessCodeField({ hint, buttonLabel, isBusy = false, onCode, children }: AccessCodeFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState('');
  return (
    <form
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        if (!code.trim()) return;
        onCode(code.trim());
        setCode('');
      }}
    >
      {children}
      <label className="question" htmlFor={id}>
        {t('claim.codeLabel')}
      </label>
      <p className="help" id={`${id}-hint`}>
        {hint}
      </p>
      <div className="with-button">
        <input
          id={id}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" className="primary" disabled={isBusy}>
          {buttonLabel}
        </button>
      </div>
    </form>
  );
}

/** Typing the access code from the clinic's message, for a person who has the code but not the link. */
export function AccessCodeForm() {
  const { t } = useTranslation();
  return (
    <div className="access-code">
      <AccessCodeField hint={t('claim.codeHint')} buttonLabel={t('claim.open')} onCode={(code) => navigate({ name: 'claim', code })}>
        <h2>{t('claim.enterTitle')}</h2>
      </AccessCodeField>
    </div>
  );
}
