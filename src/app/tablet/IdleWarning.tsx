import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal warning before the tablet locks; focus goes to the button that asks for more time. */
export function IdleWarning({ secondsLeft, onMoreTime }: { secondsLeft: number; onMoreTime: () => void }) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => button.current?.focus(), []);
  return (
    <div className="overlay">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <h2 id="idle-title">{t('tablet.idleTitle')}</h2>
        <p id="idle-body">{t('tablet.idleBody', { seconds: secondsLeft })}</p>
        <button ref={button} type="button" className="primary" onClick={onMoreTime}>
          {t('tablet.moreTime')}
        </button>
      </div>
    </div>
  );
}
