// Support notices: where to get help now, shown at once when the answers call for it (offline too:
// they come from the definition on the device). Numbers are links that dial them.
import { useTranslation } from 'react-i18next';
import type { Definition, SupportNotice } from '../../core/index.js';
import { Localised } from './Localised.js';

export function SupportNotices({
  notices,
  definition,
  language,
}: {
  notices: readonly SupportNotice[];
  definition: Definition;
  language: string;
}) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <div className="support-notices" role="alert">
      {notices.map((notice) => (
        <section key={notice.id} className="notice notice-support" aria-labelledby={`notice-${notice.id}`}>
          <h3 id={`notice-${notice.id}`}>
            <Localised text={notice.title} definition={definition} language={language} />
          </h3>
          <p>
            <Localised text={notice.text} definition={definition} language={language} />
          </p>
          {notice.contacts && (
            <ul className="contacts">
              {notice.contacts.map((contact) => (
                <li key={contact.phone}>
                  <a className="button secondary" href={`tel:${contact.phone.replace(/\s/g, '')}`}>
                    <Localised text={contact.label} definition={definition} language={language} />: {contact.phone}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <p className="hint">{t('notices.notMonitored')}</p>
        </section>
      ))}
    </div>
  );
}
