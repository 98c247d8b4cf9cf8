// For staff on the tablet: leaving waiting-room mode, with the enrolment code it was set up with.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveSharedDevice } from '../../device/shared-device-mode.js';
import { useDevice } from '../device-context.js';

export function LeaveSharedMode({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const db = useDevice();
  const id = useId();
  const [code, setCode] = useState('');
  const [isRefused, setRefused] = useState(false);
  return (
    <form
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        void leaveSharedDevice(db, code).then((result) => setRefused(result !== true));
      }}
    >
      <h1>{t('tablet.leaveTitle')}</h1>
      <p id={`${id}-hint`}>{t('tablet.leaveIntro')}</p>
      <label className="question" htmlFor={id}>
        {t('tablet.enrolmentCode')}
      </label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      {isRefused && (
        <p className="error" role="alert">
          {t('tablet.leaveRefused')}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t('tablet.back')}
        </button>
        <button type="submit" className="primary">
          {t('tablet.leaveButton')}
        </button>
      </div>
    </form>
  );
}
