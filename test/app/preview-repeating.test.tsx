// The register staff's preview of a questionnaire with a repeating group: entries are added and
// removed there as the patient would, each with its own conditions; nothing is stored.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { expect, test } from 'vitest';
import { PreviewForm } from '../../src/app/preview/PreviewForm.js';
import medicinesJson from '../fixtures/definitions/accepted/medicines.json';
import { parsed, testI18n } from './render.js';

const { definition } = parsed(medicinesJson);
const entry = (position: number) => screen.getByRole('group', { name: `Entry ${position}` });

test('the preview shows a repeating group as entries to add and remove, each with its own conditions', async () => {
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={testI18n('en')}>
      <PreviewForm definition={definition} />
    </I18nextProvider>,
  );
  // Hidden until "takes" is yes: its items are said to be hidden, with no entries.
  expect(screen.queryByRole('group', { name: 'Entry 1' })).not.toBeInTheDocument();
  await user.click(within(screen.getByRole('group', { name: 'Do you take any medicines regularly?' })).getByRole('radio', { name: 'Yes' }));
  expect(entry(1)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Add another entry' }));
  await user.click(within(entry(2)).getByRole('radio', { name: 'Another way' }));
  expect(within(entry(2)).getByRole('textbox', { name: /Describe how/ })).toBeInTheDocument();
  expect(within(entry(1)).queryByRole('textbox', { name: /Describe how/ })).not.toBeInTheDocument();
  await user.type(within(entry(1)).getByRole('textbox', { name: 'Name of the medicine' }), 'Paracetamol');

  await user.click(screen.getByRole('button', { name: 'Remove entry 1' }));
  await user.click(screen.getByRole('button', { name: 'Yes, remove entry 1' }));
  // The entry that was second is now the only one, with its answer and its condition.
  expect(screen.queryByRole('group', { name: 'Entry 2' })).not.toBeInTheDocument();
  expect(within(entry(1)).getByRole('radio', { name: 'Another way' })).toBeChecked();
  expect(within(entry(1)).getByRole('textbox', { name: 'Name of the medicine' })).toHaveValue('');
  expect(screen.queryByRole('button', { name: 'Remove entry 1' })).not.toBeInTheDocument();
});
