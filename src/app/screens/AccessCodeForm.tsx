import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../routing.js';

/** Typing the access code from the clinic's message, for a person who has the code but not the link. */
export function AccessCodeForm() {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState('');
  return (
    <form
      className="access-code"
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        if (code.trim()) navigate({ name: 'claim', code: code.trim() });
      }}
    >
      <h2>{t('claim.enterTitle')}</h2>
      <label className="question" htmlFor={id}>
        {t('claim.codeLabel')}
      </label>
      <p className="help" id={`${id}-hint`}>
        {t('claim.codeHint')}
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
        <button type="submit" className="primary">
          {t('claim.open')}
        </button>
      </div>
    </form>
  );
}
