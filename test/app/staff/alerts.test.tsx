// The unit's alerts at the top of the console, against a real register: an alerting answer arrives,
// the banner shows it above the screen with what raised it, and acknowledging it takes it away and
// says so.
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { raiseAlerts } from '../../../src/server/alerts.js';
import { createOrder, startTestRegister, type TestRegister } from '../../server/setup.js';
import { renderConsole } from './console-fixture.js';

const alerting = {
  id: 'alert-check',
  version: '1',
  languages: ['nb', 'en'],
  title: { nb: 'Varselsjekk', en: 'Alert check' },
  license: 'CC0-1.0',
  source: { citation: 'Written for the tests' },
  items: [{ id: 'harm', kind: 'yes-no', text: { nb: 'Tanker om å skade deg selv?', en: 'Thoughts of harming yourself?' } }],
  alerts: [
    {
      id: 'harm_yes',
      when: { op: 'equals', item: 'harm', value: true },
      label: { nb: 'Svarte ja på tanker om selvskading', en: 'Answered yes to thoughts of self-harm' },
    },
  ],
};

let register: TestRegister;
beforeEach(async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'alert-questionnaires-'));
  await cp(path.resolve('questionnaires'), folder, { recursive: true });
  await writeFile(path.join(folder, 'alert-check.json'), JSON.stringify(alerting));
  register = await startTestRegister({ env: { QUESTIONNAIRES_DIR: folder, SCHEDULER_INTERVAL_SECONDS: '0' } });
  // stored as the register stores a received submission, then its alerts raised as receiving does
  // (sealing here would need jose in Node's realm, not jsdom's)
  const created = await createOrder(register, ['alert-check@1'], { unit: 'Poliklinikk A', patientRef: 'pseudo-alert' });
  const parsed = await register.register.definitionFor('alert-check@1');
  if (!parsed) throw new Error('alert-check@1 is not loaded');
  const at = new Date().toISOString();
  const submission = {
    ...{ submissionId: randomUUID(), orderId: created.order.id, definitionKey: 'alert-check@1', definitionHash: parsed.hash },
    ...{ token: 'sealed', tokenHash: 'sha256-t', payloadHash: 'sha256-p', deviceThumbprint: null, deviceKey: null },
    ...{ answers: { harm: { value: true } }, scores: null, deviceScores: null, noticesShown: [], language: 'en' },
    ...{ startedAt: at, completedAt: at, appVersion: 'test', receivedAt: at, receipt: 'receipt' },
  };
  expect(await register.store.insertSubmission(submission)).toBe(true);
  const context = { store: register.store, definitionFor: register.register.definitionFor, addresses: new Map(), now: () => new Date() };
  expect(await raiseAlerts(context, submission)).toBe(true);
}, 30_000);
afterEach(async () => register.close());

test('an alert is shown above the screen, and acknowledging it takes it away and says so', async () => {
  const { user } = renderConsole(register, '#/orders');
  const banner = await screen.findByRole('region', { name: '1 new alert' });
  expect(within(banner).getByRole('link', { name: 'pseudo-alert' }).getAttribute('href')).toBe('#/patients/pseudo-alert');
  expect(within(banner).getByText('Answered yes to thoughts of self-harm')).toBeTruthy();
  await user.click(within(banner).getByRole('button', { name: 'Acknowledge for patient pseudo-alert' }));
  await waitFor(() => expect(screen.queryByRole('region', { name: /new alert/ })).toBeNull());
  expect(screen.getByRole('status').textContent).toBe('The alert for patient pseudo-alert is acknowledged.');
});
