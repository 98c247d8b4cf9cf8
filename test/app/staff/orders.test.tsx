// The staff console's orders and a submission against a real register: states per questionnaire,
// a period typed the wrong way round (said, and kept), cancel and extend saying what they did, and
// a submission's answers with the question texts the patient saw.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createOrder, demoAnswers, type TestRegister } from '../../server/setup.js';
import { renderConsole, startRegister } from './console-fixture.js';

// A register starts for each test, and each screen makes real round trips to it.
vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

test('orders with the state of each questionnaire; a period the wrong way round is said and kept', async () => {
  await createOrder(register, undefined, { patientRef: 'pseudo-1' });
  await createOrder(register, ['demo-wellbeing@1', 'cia@3.0'], { patientRef: 'pseudo-2' });
  const { user } = renderConsole(register, '#/orders');
  const second = await screen.findByRole('article', { name: /pseudo-2/ });
  expect(within(second).getByRole('list', { name: 'Questionnaires' })).toHaveTextContent('demo-wellbeing@1: Not openedcia@3.0: Not opened');
  expect(screen.getByText('Showing 2 orders.')).toBeInTheDocument();

  await user.type(screen.getByLabelText('Created from'), '2026-12-10');
  await user.type(screen.getByLabelText('Created until'), '2026-12-01');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  expect(screen.getByLabelText('Created from')).toHaveAccessibleDescription('The from date must be before the until date.');
  expect(screen.getByLabelText('Created until')).toHaveValue('2026-12-01');

  await user.clear(screen.getByLabelText('Created from'));
  await user.clear(screen.getByLabelText('Created until'));
  await user.type(screen.getByLabelText('Patient reference'), 'pseudo-1');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  expect(await screen.findByText('Showing 1 orders.')).toBeInTheDocument();
  expect(screen.queryByRole('article', { name: /pseudo-2/ })).not.toBeInTheDocument();
});

test('cancel and extend say what they did, and the register has done it', async () => {
  const created = await createOrder(register, undefined, { patientRef: 'pseudo-3' });
  const { user } = renderConsole(register, '#/orders');
  const card = await screen.findByRole('article', { name: /pseudo-3/ });
  await user.click(within(card).getByRole('button', { name: 'Extend' }));
  await user.clear(within(card).getByLabelText('New end date for pseudo-3'));
  await user.type(within(card).getByLabelText('New end date for pseudo-3'), '2099-01-31');
  await user.click(within(card).getByRole('button', { name: 'Save new end date' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The order for pseudo-3 is now valid until');
  expect((await register.store.getOrder(created.order.id))?.validUntil.slice(0, 4)).toBe('2099');

  await user.click(within(card).getByRole('button', { name: 'Cancel order' }));
  expect(within(card).getByText('Cancel the order for pseudo-3? Its code will stop working.')).toBeInTheDocument();
  await user.click(within(card).getByRole('button', { name: 'Yes, cancel it' }));
  expect(await screen.findByText('The order for pseudo-3 is cancelled. Its code no longer works.')).toBeInTheDocument();
  expect(await within(card).findByText('Cancelled')).toBeInTheDocument();
  expect((await register.store.getOrder(created.order.id))?.cancelledAt).toEqual(expect.any(String));
});

test('a submission: the question texts the patient saw, the answers, and the times', async () => {
  // Stored as the receive path stores it (which seals with jose, not at home in jsdom; tested in test/server).
  const created = await createOrder(register, undefined, { patientRef: 'pseudo-4' });
  const at = new Date().toISOString();
  await register.store.insertSubmission({
    submissionId: 'sub-1',
    orderId: created.order.id,
    definitionKey: 'demo-wellbeing@1',
    definitionHash: (await register.store.getDefinition('demo-wellbeing@1'))?.hash ?? '',
    token: 'sealed',
    tokenHash: 'sha256-t',
    payloadHash: 'sha256-p',
    deviceThumbprint: null,
    deviceKey: null,
    answers: demoAnswers,
    scores: {},
    deviceScores: null,
    noticesShown: [],
    language: 'en',
    startedAt: at,
    completedAt: at,
    appVersion: 'test',
    receivedAt: at,
    receipt: 'receipt',
  });
  const { user } = renderConsole(register, '#/patients/pseudo-4');
  expect(await screen.findByRole('heading', { level: 1, name: 'Patient pseudo-4' })).toHaveFocus();
  await user.click(await screen.findByRole('link', { name: 'See the answers' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Answers to How are you doing?' })).toBeInTheDocument();
  expect(screen.getByRole('row', { name: /How have you been over the past week\? Good/ })).toBeInTheDocument();
  expect(screen.getByText('Received by the register')).toBeInTheDocument();
  expect(screen.getByText('No support notices were shown.')).toBeInTheDocument();
});
