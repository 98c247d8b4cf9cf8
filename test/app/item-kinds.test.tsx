// Each kind of item as a patient meets it: found by its question, answered with the mouse or the
// keyboard, and the answer on the device at once, in the form the register expects. Optional items
// and "I prefer not to answer" are in optional-items.test.tsx and prefer-not-to-answer.test.tsx.
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { expectStored, options } from './item-fixtures.js';
import { definitionOf, renderResponse, text } from './render.js';

describe('single choice', () => {
  test('a group named by its question, one radio per option; the option code is stored and a new choice replaces it', async () => {
    const { db, response, user } = await renderResponse(
      definitionOf([{ id: 'mood', kind: 'single-choice', text: text('How are you?'), options: options('good', 'mixed', 'bad') }]),
    );
    const group = screen.getByRole('group', { name: 'How are you?' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual(['Good', 'Mixed', 'Bad']);
    await user.click(within(group).getByRole('radio', { name: 'Bad' }));
    await expectStored(db, response.id, 'mood', { value: 'bad' });
    await user.click(within(group).getByRole('radio', { name: 'Good' }));
    expect(within(group).getByRole('radio', { name: 'Good' })).toBeChecked();
    expect(within(group).getByRole('radio', { name: 'Bad' })).not.toBeChecked();
    await expectStored(db, response.id, 'mood', { value: 'good' });
  });

  test('options from a shared option set, answered with the keyboard', async () => {
    const { db, response, user } = await renderResponse(
      definitionOf([{ id: 'often', kind: 'single-choice', text: text('How often?'), optionSet: 'frequency' }], {
        optionSets: { frequency: options('never', 'sometimes', 'always') },
      }),
    );
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Never' })).toHaveFocus();
    await user.keyboard(' ');
    await expectStored(db, response.id, 'often', { value: 'never' });
  });
});

describe('multiple choice', () => {
  const definition = definitionOf([
    { id: 'did', kind: 'multiple-choice', text: text('What did you do?'), options: options('walk', 'read', 'cook'), maxSelected: 2 },
  ]);

  test("checkboxes; the codes are stored in the definition's order whatever the order of taps; none chosen clears the answer", async () => {
    const { db, response, user } = await renderResponse(definition);
    const group = screen.getByRole('group', { name: 'What did you do?' });
    expect(within(group).getAllByRole('checkbox')).toHaveLength(3);
    await user.click(within(group).getByRole('checkbox', { name: 'Cook' }));
    await user.click(within(group).getByRole('checkbox', { name: 'Walk' }));
    await expectStored(db, response.id, 'did', { value: ['walk', 'cook'] });
    await user.click(within(group).getByRole('checkbox', { name: 'Cook' }));
    await expectStored(db, response.id, 'did', { value: ['walk'] });
    await user.click(within(group).getByRole('checkbox', { name: 'Walk' }));
    await expectStored(db, response.id, 'did', undefined);
    expect(within(group).getByRole('checkbox', { name: 'Walk' })).not.toBeChecked();
  });

  test('choosing more than allowed says so on the question', async () => {
    const { user } = await renderResponse(definition);
    for (const name of ['Walk', 'Read', 'Cook']) await user.click(screen.getByRole('checkbox', { name }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at most 2.');
    expect(screen.getByRole('group', { name: 'What did you do?' })).toHaveAccessibleDescription('Choose at most 2.');
  });
});

test('scale 0–6: every step is a radio, labels only on 0, 2, 4 and 6; the number is stored', async () => {
  const { db, response, user } = await renderResponse(
    definitionOf([
      {
        id: 'worry',
        kind: 'scale',
        min: 0,
        max: 6,
        text: text('How much did worries affect you?'),
        labels: [
          { value: 0, text: text('Not at all') },
          { value: 2, text: text('Slightly') },
          { value: 4, text: text('Moderately') },
          { value: 6, text: text('Very much') },
        ],
      },
    ]),
  );
  const radios = within(screen.getByRole('group', { name: 'How much did worries affect you?' })).getAllByRole('radio');
  expect(radios.map((radio) => radio.closest('label')?.textContent)).toEqual([
    '0Not at all',
    '1',
    '2Slightly',
    '3',
    '4Moderately',
    '5',
    '6Very much',
  ]);
  await user.click(screen.getByRole('radio', { name: '3' }));
  await expectStored(db, response.id, 'worry', { value: 3 });
  await user.click(screen.getByRole('radio', { name: /^0/ }));
  await expectStored(db, response.id, 'worry', { value: 0 });
});

describe('integer', () => {
  const definition = definitionOf([
    {
      id: 'days',
      kind: 'integer',
      min: 0,
      max: 28,
      text: text('Days slept well'),
      help: text('Enter a number from 0 to 28.'),
      unit: text('days'),
    },
  ]);

  test('the help and the unit are shown; "12" stores 12', async () => {
    const { db, response, user } = await renderResponse(definition);
    const field = screen.getByRole('textbox', { name: 'Days slept well' });
    expect(field).toHaveAccessibleDescription('Enter a number from 0 to 28.');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    expect(screen.getByText('days')).toBeVisible();
    await user.type(field, '12');
    await expectStored(db, response.id, 'days', { value: 12 });
    expect(field).not.toBeInvalid();
  });

  test('"abc" says to enter a number and clears the stored answer', async () => {
    const { db, response, user } = await renderResponse(definition);
    const field = screen.getByRole('textbox', { name: 'Days slept well' });
    await user.type(field, '12');
    await expectStored(db, response.id, 'days', { value: 12 });
    await user.clear(field);
    await user.type(field, 'abc');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a number, for example 72.5.');
    expect(field).toBeInvalid();
    expect(field).toHaveAccessibleDescription(/Enter a number/);
    expect(field).toHaveValue('abc');
    await expectStored(db, response.id, 'days', undefined);
  });

  test('out of range and not whole say so', async () => {
    const { user } = await renderResponse(definition);
    const field = screen.getByRole('textbox', { name: 'Days slept well' });
    await user.type(field, '40');
    expect(screen.getByRole('alert')).toHaveTextContent('The number can be at most 28.');
    await user.clear(field);
    await user.type(field, '-1');
    expect(screen.getByRole('alert')).toHaveTextContent('The number must be at least 0.');
    await user.clear(field);
    await user.type(field, '2.5');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number, without decimals.');
    await user.clear(field);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('decimal', () => {
  const definition = definitionOf([{ id: 'kg', kind: 'decimal', decimals: 1, min: 20, max: 300, text: text('Weight'), unit: text('kg') }]);

  test('"72,5" with a decimal comma stores 72.5, and so does "72.5"', async () => {
    const { db, response, user } = await renderResponse(definition);
    const field = screen.getByRole('textbox', { name: 'Weight' });
    expect(field).toHaveAttribute('inputmode', 'decimal');
    expect(screen.getByText('kg')).toBeVisible();
    await user.type(field, '72,5');
    await expectStored(db, response.id, 'kg', { value: 72.5 });
    await user.clear(field);
    await user.type(field, '80.1');
    await expectStored(db, response.id, 'kg', { value: 80.1 });
  });

  test('too many decimals says so', async () => {
    const { user } = await renderResponse(definition);
    await user.type(screen.getByRole('textbox', { name: 'Weight' }), '72,55');
    expect(screen.getByRole('alert')).toHaveTextContent('Use at most 1 decimals.');
    expect(screen.getByRole('textbox', { name: 'Weight' })).toBeInvalid();
  });
});

test('yes/no: a group of two radios; stores true and false', async () => {
  const { db, response, user } = await renderResponse(definitionOf([{ id: 'hard', kind: 'yes-no', text: text('Was anything hard?') }]));
  const group = screen.getByRole('group', { name: 'Was anything hard?' });
  expect(within(group).getAllByRole('radio')).toHaveLength(2);
  await user.click(within(group).getByRole('radio', { name: 'Yes' }));
  await expectStored(db, response.id, 'hard', { value: true });
  await user.click(within(group).getByRole('radio', { name: 'No' }));
  await expectStored(db, response.id, 'hard', { value: false });
});

test('date: stored as YYYY-MM-DD; a date after the latest allowed says so', async () => {
  const { db, response, user } = await renderResponse(
    definitionOf([{ id: 'when', kind: 'date', max: '2026-12-31', text: text('Date of the appointment') }]),
  );
  const field = screen.getByLabelText('Date of the appointment');
  expect(field).toHaveAttribute('type', 'date');
  await user.type(field, '2026-11-02');
  await expectStored(db, response.id, 'when', { value: '2026-11-02' });
  await user.clear(field);
  await user.type(field, '2027-01-15');
  expect(screen.getByRole('alert')).toHaveTextContent('The date cannot be after 2026-12-31.');
});

describe('text and long text', () => {
  test('text is stored as typed; clearing it removes the answer', async () => {
    const { db, response, user } = await renderResponse(definitionOf([{ id: 'what', kind: 'text', text: text('What was it?') }]));
    const field = screen.getByRole('textbox', { name: 'What was it?' });
    await user.type(field, 'A move, and a new job');
    await expectStored(db, response.id, 'what', { value: 'A move, and a new job' });
    await user.clear(field);
    await expectStored(db, response.id, 'what', undefined);
  });

  test('long text counts the characters left, is stored as typed over several lines, and clearing removes it', async () => {
    const { db, response, user } = await renderResponse(
      definitionOf([{ id: 'more', kind: 'long-text', maxLength: 50, text: text('Anything else?') }]),
    );
    const field = screen.getByRole('textbox', { name: 'Anything else?' });
    expect(field.tagName).toBe('TEXTAREA');
    expect(screen.getByText('50 characters left')).toBeInTheDocument();
    await user.type(field, 'Line one{Enter}line two');
    await expectStored(db, response.id, 'more', { value: 'Line one\nline two' });
    expect(screen.getByText('33 characters left')).toBeInTheDocument();
    await user.clear(field);
    await expectStored(db, response.id, 'more', undefined);
    expect(screen.getByText('50 characters left')).toBeInTheDocument();
  });
});

test('a display text is shown, with nothing to answer', async () => {
  await renderResponse(
    definitionOf([
      { id: 'welcome', kind: 'display', text: text('Thank you for taking the time.'), help: text('No right or wrong answers.') },
    ]),
  );
  expect(screen.getByText('Thank you for taking the time.')).toBeVisible();
  expect(screen.getByText('No right or wrong answers.')).toBeVisible();
  expect(screen.queryAllByRole('textbox')).toHaveLength(0);
  expect(screen.queryAllByRole('radio')).toHaveLength(0);
  expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  expect(screen.queryByText(/optional/)).not.toBeInTheDocument();
});
