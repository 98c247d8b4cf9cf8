// Setting a tablet up once for a unit, with a staff enrolment code from the register.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enrolSharedDevice } from '../../device/shared-device-mode.js';
import { useDevice } from '../device-context.js';
import { useRegister } from '../sync-context.js';

const idleChoices = [1, 2, 5, 10] as const;

export function TabletSetup() {
  const { t } = useTranslation();
  const db = useDevice();
  const { client } = useRegister();
  const id = useId();
  const [code, setCode] = useState('');
  const [minutes, setMinutes] = useState<number>(2);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(null);
        void enrolSharedDevice(db, client, code, minutes * 60).then((result) => {
          if (result.kind === 'enrolled') window.history.replaceState(null, '', window.location.pathname);
          else setProblem(result.kind === 'unreachable' ? t('claim.needsNetwork') : t('tablet.setupFailed'));
        });
      }}
    >
      <h1>{t('tablet.setupTitle')}</h1>
      <p>{t('tablet.setupIntro')}</p>
      <label className="question" htmlFor={`${id}-code`}>
        {t('tablet.enrolmentCode')}
      </label>
      <input
        id={`${id}-code`}
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <label className="question" htmlFor={`${id}-idle`}>
        {t('tablet.idleLabel')}
      </label>
      <select id={`${id}-idle`} value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
        {idleChoices.map((choice) => (
          <option key={choice} value={choice}>
            {t('tablet.minutes', { count: choice })}
          </option>
        ))}
      </select>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('tablet.setUp')}
        </button>
      </div>
    </form>
  );
}
