// Ticking "I prefer not to answer": what the device stores, what becomes of the field and of an
// answer already given, and unticking it. Where it is offered is in optional-items.test.tsx.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { getAnswers } from '../../src/device/index.js';
import { expectStored, optional, options, page } from './item-fixtures.js';
import { definitionOf, renderResponse, text } from './render.js';

describe('optional items and "I prefer not to answer"', () => {
  test('offered on optional items when the definition asks for it: stores {declined: true} and disables the field; unticking clears it', async () => {
    const { db, response, user } = await renderResponse(
      definitionOf(
        page([
          { id: 'must', kind: 'text', text: text('Required question') },
          { id: 'often', kind: 'single-choice', required: false, text: text('How often?'), options: options('never', 'often') },
        ]),
        { preferNotToAnswer: true },
      ),
    );
    const declines = screen.getAllByRole('checkbox', { name: 'I prefer not to answer this' });
    expect(declines).toHaveLength(1);
    const group = screen.getByRole('group', { name: optional('How often?') });
    await user.click(within(group).getByRole('radio', { name: 'Often' }));
    await expectStored(db, response.id, 'often', { value: 'often' });
    await user.click(within(group).getByRole('checkbox', { name: 'I prefer not to answer this' }));
    await expectStored(db, response.id, 'often', { declined: true });
    for (const radio of within(group).getAllByRole('radio')) {
      expect(radio).toBeDisabled();
      expect(radio).not.toBeChecked();
    }
    await user.click(within(group).getByRole('checkbox', { name: 'I prefer not to answer this' }));
    await expectStored(db, response.id, 'often', undefined);
    expect(within(group).getByRole('radio', { name: 'Often' })).toBeEnabled();
  });

  test('a field that is declined is disabled, whatever its kind', async () => {
    const { db, response, user } = await renderResponse(
      definitionOf(page([{ id: 'kg', kind: 'decimal', required: false, text: text('Weight') }]), { preferNotToAnswer: true }),
    );
    await user.click(screen.getByRole('checkbox', { name: 'I prefer not to answer this' }));
    expect(screen.getByRole('textbox', { name: optional('Weight') })).toBeDisabled();
    await expectStored(db, response.id, 'kg', { declined: true });
  });

  test('a typed answer that is declined and then undeclined is not shown as if it were still given', async () => {
    const { db, response, user } = await renderResponse(
      definitionOf(
        page([
          { id: 'what', kind: 'text', required: false, text: text('What was it?') },
          { id: 'days', kind: 'integer', required: false, text: text('How many days?') },
          { id: 'when', kind: 'date', required: false, text: text('When?') },
        ]),
        { preferNotToAnswer: true },
      ),
    );
    const fields = [
      screen.getByRole('textbox', { name: optional('What was it?') }),
      screen.getByRole('textbox', { name: optional('How many days?') }),
      screen.getByLabelText(optional('When?')),
    ];
    await user.type(fields[0]!, 'walks');
    await user.type(fields[1]!, '5');
    await user.type(fields[2]!, '2026-01-01');
    await waitFor(async () => expect(Object.keys(await getAnswers(db, response.id))).toHaveLength(3));
    const declines = screen.getAllByRole('checkbox', { name: 'I prefer not to answer this' });
    for (const decline of declines) await user.click(decline);
    for (const decline of declines) await user.click(decline);
    await waitFor(async () => expect(await getAnswers(db, response.id)).toEqual({}));
    expect(screen.getByRole('textbox', { name: optional('What was it?') })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: optional('How many days?') })).toHaveValue('');
    expect(screen.getByLabelText(optional('When?'))).toHaveValue('');
  });
});
