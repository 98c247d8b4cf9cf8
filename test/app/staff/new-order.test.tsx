// The staff console's order form against a real register: what is missing is said at each field and
// what was typed stays; the register's refusal is shown in words; a new order shows its code, link,
// QR code and letter, and the live region says what was done.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { TestRegister } from '../../server/setup.js';
import { renderConsole, startRegister } from './console-fixture.js';

// A register starts for each test, and each screen makes real round trips to it.
vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
beforeEach(async () => {
  register = await startRegister();
});
afterEach(async () => register.close());

test('missing fields are named where they are, and what was typed is kept', async () => {
  const { user } = renderConsole(register, '#/orders/new');
  expect(await screen.findByRole('heading', { level: 1, name: 'New order' })).toHaveFocus();
  await screen.findByRole('checkbox', { name: /How are you doing\?/ });
  await user.type(screen.getByLabelText('Measurement point'), 'basis');
  await user.click(screen.getByRole('button', { name: 'Create order' }));
  expect(screen.getByLabelText(/^Patient reference/)).toHaveAccessibleDescription(/Enter the patient reference\./);
  expect(screen.getByText('Choose at least one questionnaire.')).toBeInTheDocument();
  expect(screen.getByLabelText('Measurement point')).toHaveValue('basis');
  expect(await register.store.listOrders({})).toEqual([]);
});

test("the register's refusal of an identity number is said in words, with the form as it was", async () => {
  const { user } = renderConsole(register, '#/orders/new');
  await user.type(await screen.findByLabelText(/^Patient reference/), '010190 12345');
  await user.click(await screen.findByRole('checkbox', { name: /How are you doing\?/ }));
  await user.type(screen.getByLabelText('Measurement point'), 'basis');
  await user.click(screen.getByRole('button', { name: 'Create order' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('looks like a national identity number');
  expect(screen.getByLabelText(/^Patient reference/)).toHaveValue('010190 12345');
  expect(screen.getByRole('checkbox', { name: /How are you doing\?/ })).toBeChecked();
  expect(await register.store.listOrders({})).toEqual([]);
});

test('a new order shows the access code, the link, a QR code and the letter, and says it was made', async () => {
  const { user } = renderConsole(register, '#/orders/new');
  await user.type(await screen.findByLabelText(/^Patient reference/), 'pseudo-77');
  await user.click(await screen.findByRole('checkbox', { name: /How are you doing\?/ }));
  await user.type(screen.getByLabelText('Measurement point'), 'basis');
  await user.click(screen.getByRole('button', { name: 'Create order' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The order for pseudo-77 is created.');
  const [stored] = await register.store.listOrders({});
  expect(stored).toMatchObject({ patientRef: 'pseudo-77', measurementPoint: 'basis', unit: null });
  const code = screen.getByTestId('access-code').textContent ?? '';
  expect(code).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
  expect(screen.getByTestId('patient-link')).toHaveAttribute('href', `https://register.example/#/claim/${code}`);
  expect(screen.getAllByRole('img', { name: 'QR code of the link' })).toHaveLength(2);

  // The letter is in the patient's language, whatever the staff member reads.
  await user.selectOptions(screen.getByLabelText('Language of the letter'), 'nn');
  const letter = screen.getByRole('region', { name: 'Spørjeskjema frå behandlingsstaden' });
  expect(letter).toHaveAttribute('lang', 'nn');
  expect(within(letter).getByText(code)).toBeInTheDocument();
});
