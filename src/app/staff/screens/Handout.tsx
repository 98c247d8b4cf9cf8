// What the patient gets once an order is made: the access code, the link and its QR code, and a
// letter in the patient's language to print.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateOrderResponse } from '../../../core/index.js';
import { languageNames, uiLanguages, isUiLanguage, type UiLanguage } from '../../i18n/i18n.js';
import { QrCode } from '../QrCode.js';
import { formatTime } from '../ui.js';

export function Handout({ created }: { created: CreateOrderResponse }) {
  const { t, i18n } = useTranslation('staff');
  const [letterLanguage, setLetterLanguage] = useState<UiLanguage>(isUiLanguage(i18n.language) ? i18n.language : 'nb');
  return (
    <>
      <section className="handout no-print" aria-labelledby="handout-heading">
        <h2 id="handout-heading">{t('handout.heading')}</h2>
        <p className="notice">{t('handout.onceOnly')}</p>
        <dl className="facts">
          <dt>{t('handout.code')}</dt>
          <dd className="code-text" data-testid="access-code">
            {created.accessCode}
          </dd>
          <dt>{t('handout.link')}</dt>
          <dd>
            <a href={created.link} data-testid="patient-link">
              {created.link}
            </a>
          </dd>
        </dl>
        <QrCode text={created.link} label={t('handout.qr')} />
        <div className="field">
          <label htmlFor="letter-language">{t('handout.letterLanguage')}</label>
          <select
            id="letter-language"
            value={letterLanguage}
            onChange={(e) => isUiLanguage(e.target.value) && setLetterLanguage(e.target.value)}
          >
            {uiLanguages.map((language) => (
              <option key={language} value={language} lang={language}>
                {languageNames[language]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('handout.print')}
        </button>
      </section>
      <Letter created={created} language={letterLanguage} />
    </>
  );
}

/** The printed letter (shown on screen as a preview), in the patient's language. */
function Letter({ created, language }: { created: CreateOrderResponse; language: UiLanguage }) {
  const { i18n } = useTranslation('staff');
  const t = i18n.getFixedT(language, 'staff');
  const address = created.link.split('#')[0] ?? created.link;
  return (
    <section className="letter" lang={language} aria-labelledby="letter-heading">
      <h2 id="letter-heading">{t('letter.title')}</h2>
      <p>{t('letter.intro')}</p>
      <p>{t('letter.steps')}</p>
      <ol>
        <li>{t('letter.stepScan')}</li>
        <li>
          {t('letter.stepLink')} <span className="letter-link">{created.link}</span>
        </li>
        <li>
          {t('letter.stepCode')} <span className="letter-link">{address}</span>
        </li>
      </ol>
      <p>
        {t('letter.code')}: <strong className="code-text">{created.accessCode}</strong>
      </p>
      <QrCode text={created.link} label={t('handout.qr')} />
      <p>{t('letter.validUntil', { date: formatTime(created.order.validUntil, language) })}</p>
      <p>{t('letter.keep')}</p>
    </section>
  );
}
