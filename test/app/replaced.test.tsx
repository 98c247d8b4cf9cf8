// Another tab opens a newer version of the app, which upgrades the device database: this tab lets
// the upgrade go on, stops taking answers and asks to be reloaded.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { I18nextProvider } from 'react-i18next';
import { expect, test, vi } from 'vitest';
import { ReplacedGuard } from '../../src/app/shell/ReplacedGuard.js';
import { freshDatabase, testI18n } from './render.js';

test('an upgrade in another tab closes this connection, hides the screen and offers a reload', async () => {
  const db = freshDatabase();
  await db.open();
  const onReload = vi.fn();
  render(
    <I18nextProvider i18n={testI18n('en')}>
      <ReplacedGuard db={db} onReload={onReload}>
        <button type="button">Yes</button>
      </ReplacedGuard>
    </I18nextProvider>,
  );
  expect(screen.getByRole('button', { name: 'Yes' })).toBeInTheDocument();

  // The newer app: the same database with one more schema version.
  const newer = new Dexie(db.name);
  newer.version(db.verno + 1).stores({ later: 'id' });
  await newer.open(); // not blocked: this tab let go of its connection
  expect(newer.verno).toBe(db.verno + 1);

  expect(await screen.findByRole('alert')).toHaveTextContent(
    'The app was updated in another tab or window. The answers you have given are saved.',
  );
  expect(screen.queryByRole('button', { name: 'Yes' })).not.toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
  expect(onReload).toHaveBeenCalledOnce();
  await waitFor(() => expect(db.isOpen()).toBe(false));
  newer.close();
});
