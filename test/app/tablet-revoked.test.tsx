// A waiting-room tablet that staff removed from the register: refused as revoked, it says so, keeps
// the answers waiting to be sent, and staff can enrol it again with a new code.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { expect, test } from 'vitest';
import { DeviceContext } from '../../src/app/device-context.js';
import { RegisterContext } from '../../src/app/sync-context.js';
import { TabletShell } from '../../src/app/tablet/TabletShell.js';
import {
  createSyncEngine,
  enrolSharedDevice,
  getSharedDevice,
  httpRegisterClient,
  listOutbox,
  outboxRow,
  type RegisterClient,
} from '../../src/device/index.js';
import { freshDatabase, testI18n } from './render.js';

test('refused as revoked: the tablet says so, keeps what waits to be sent, and is enrolled again with a new code', async () => {
  const db = freshDatabase();
  // An answer sealed earlier, waiting in the outbox (its delivery after a revocation: test/device/shared-device.test.ts).
  const at = new Date().toISOString();
  await db.outbox.put(
    outboxRow.parse({
      ...{ submissionId: crypto.randomUUID(), orderId: 'order-1', responseId: 'response-1', definitionKey: 'demo@1', token: 'sealed' },
      ...{
        status: 'queued',
        attempts: 0,
        nextAttemptAt: at,
        waitingFor: null,
        lastError: null,
        receipt: null,
        createdAt: at,
        updatedAt: at,
      },
    }),
  );
  const enrolments: [string, string | undefined][] = [];
  const client: RegisterClient = {
    ...httpRegisterClient({ fetcher: () => Promise.reject(new TypeError('no register in component tests')) }),
    listUnitOrders: async () => ({ kind: 'refused', status: 401, error: { error: 'tabletRevoked', message: 'revoked' } }),
    enrolTablet: async (code, name) => {
      enrolments.push([code, name]);
      return { kind: 'ok', value: { tabletToken: `token-${enrolments.length}`, unit: 'Test unit' } };
    },
  };
  await enrolSharedDevice(db, client, { code: 'ABCD-EFGH-JKMN', idleSeconds: 120 }, 1_000);
  const device = await getSharedDevice(db);
  if (!device) throw new Error('not enrolled');
  const user = userEvent.setup();
  render(
    <DeviceContext.Provider value={db}>
      <RegisterContext.Provider value={{ client, sync: createSyncEngine({ db, client }) }}>
        <I18nextProvider i18n={testI18n('en')}>
          <TabletShell device={device} />
        </I18nextProvider>
      </RegisterContext.Provider>
    </DeviceContext.Provider>,
  );

  await user.click(screen.getByRole('button', { name: "For staff: pick from today's orders" }));
  expect(await screen.findByRole('heading', { name: 'This tablet was removed' })).toBeInTheDocument();
  expect(screen.getByRole('alert')).toHaveTextContent('Ask staff to enrol it again.');
  expect(await screen.findByText('1 answer is waiting to be sent.')).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Enrol again' }));
  expect(screen.getByRole('heading', { name: 'Enrol this tablet again' })).toBeInTheDocument();
  await user.type(screen.getByLabelText('Enrolment code'), 'NEWC-ODEN-EWCO');
  await user.type(screen.getByLabelText('Name of this tablet (optional)'), 'Venterom 2');
  await user.click(screen.getByRole('button', { name: 'Enrol again' }));

  expect(await screen.findByRole('heading', { name: 'Welcome' }, { timeout: 5_000 })).toBeInTheDocument();
  expect(enrolments).toEqual([
    ['ABCD-EFGH-JKMN', undefined],
    ['NEWC-ODEN-EWCO', 'Venterom 2'],
  ]);
  expect(await getSharedDevice(db)).toMatchObject({ deviceToken: 'token-2', vaultSalt: device.vaultSalt, idleSeconds: 120 });
  expect((await listOutbox(db)).map((row) => row.status)).toEqual(['queued']);
});
