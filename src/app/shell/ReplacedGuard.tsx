// When a newer version of the app opens the device database in another tab or window, it upgrades
// the database, and this tab's connection is closed so the upgrade can go on (Dexie's default).
// From then on this tab runs code for an older database and could not store another answer, so it
// stops taking answers and asks to be reloaded. Everything given before is already stored.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDatabase } from '../../device/database.js';

export function useReplacedDatabase(db: DeviceDatabase): boolean {
  const [isReplaced, setReplaced] = useState(false);
  useEffect(() => {
    // Returning nothing lets Dexie's own handler close this connection after ours.
    const onVersionChange = () => setReplaced(true);
    db.on('versionchange', onVersionChange);
    return () => db.on('versionchange').unsubscribe(onVersionChange);
  }, [db]);
  return isReplaced;
}

/** Shows its children until another tab upgrades the database; then only a request to reload. */
export function ReplacedGuard({
  db,
  children,
  onReload = () => window.location.reload(),
}: {
  db: DeviceDatabase;
  children: ReactNode;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  if (!useReplacedDatabase(db)) return children;
  return (
    <div className="notice notice-update" role="alert">
      <p>{t('update.replaced')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onReload}>
          {t('update.reloadPage')}
        </button>
      </div>
    </div>
  );
}
