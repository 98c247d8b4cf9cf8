// Setting a tablet up for a unit with a staff enrolment code from the register; or enrolling it
// again, with a new code, after staff removed it (its waiting answers and patients' drafts stay).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../core/index.js';
import type { SharedDeviceRow } from '../../device/rows.js';
import { enrolSharedDevice } from '../../device/shared-device-mode.js';
import { useDevice } from '../device-context.js';
import { useRegister } from '../sync-context.js';

const idleChoices = [1, 2, 5, 10] as const;

interface Props {
  /** Enrolling again: the tablet as it is set up now. */
  device?: SharedDeviceRow;
  onEnrolled?: () => void;
  onBack?: () => void;
}

export function TabletSetup({ device, onEnrolled, onBack }: Props) {
  const { t } = useTranslation();
  const db = useDevice();
  const { client } = useRegister();
  const id = useId();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState<number>(2);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(null);
        void enrolSharedDevice(db, client, { code, idleSeconds: device?.idleSeconds ?? minutes * 60, name }).then((result) => {
          if (result.kind === 'enrolled') {
            if (onEnrolled) onEnrolled();
            else window.history.replaceState(null, '', window.location.pathname);
          } else if (result.kind === 'unreachable') setProblem(t('claim.needsNetwork'));
          else
            setProblem(
              result.error.error === ApiError.codeUnknown ? t('tablet.setupFailed') : t(`apiError.${result.error.error}`, { minutes: 1 }),
            );
        });
      }}
    >
      <h1>{device ? t('tablet.enrolAgainTitle') : t('tablet.setupTitle')}</h1>
      <p>{device ? t('tablet.enrolAgainIntro') : t('tablet.setupIntro')}</p>
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
      <TabletNameField value={name} onChange={setName} />
      {!device && (
        <>
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
        </>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        {onBack && (
          <button type="button" className="secondary" onClick={onBack}>
            {t('tablet.back')}
          </button>
        )}
        <button type="submit" className="primary">
          {device ? t('tablet.enrolAgain') : t('tablet.setUp')}
        </button>
      </div>
    </form>
  );
}

/** The label staff give the tablet, for the register's list of tablets (optional). */
function TabletNameField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <label className="question" htmlFor={id}>
        {t('tablet.nameLabel')}
      </label>
      <p className="hint" id={`${id}-hint`}>
        {t('tablet.nameHint')}
      </p>
      <input
        id={id}
        type="text"
        autoComplete="off"
        maxLength={60}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}
