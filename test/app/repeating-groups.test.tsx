// A repeating group in the patient's app ("list each medicine", the medicines fixture): entries are
// added and removed (after a confirmation), each answer is stored under its entry's key, a condition
// in an entry looks at that entry only, review names the entry, and what is submitted numbers the
// entries 1, 2, 3… in order.
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { buildSubmissionPayload } from '../../src/core/index.js';
import { getAnswers, getResponse, ResponseStatus, type DeviceDatabase, type ResponseRecord } from '../../src/device/index.js';
import medicinesJson from '../fixtures/definitions/accepted/medicines.json';
import { definitionOf, parsed, renderResponse, text } from './render.js';

const medicines = parsed(medicinesJson);

const entry = (position: number) => screen.getByRole('group', { name: `Entry ${position}` });
const entryHeading = (position: number) => screen.getByRole('heading', { name: `Entry ${position}` });

/** From the first page ("Do you take any medicines regularly?" yes) to the page of entries. */
async function toEntries(user: UserEvent) {
  await user.click(screen.getByRole('radio', { name: 'Yes' }));
  await user.click(screen.getByRole('button', { name: 'Next' }));
  screen.getByRole('heading', { name: 'Your medicines' });
  // the entries are a chunk of their own, loaded when a page first has them
  await screen.findByRole('group', { name: 'Entry 1' });
}

async function fillEntry(user: UserEvent, position: number, name: string, form: string | null) {
  await user.type(within(entry(position)).getByRole('textbox', { name: 'Name of the medicine' }), name);
  if (form) await user.click(within(entry(position)).getByRole('radio', { name: form }));
}

/** Remove asks first; "keep" keeps the entry and goes back to its button; asked again, it is removed. */
async function removeWithConfirmation(user: UserEvent, position: number) {
  await user.click(screen.getByRole('button', { name: `Remove entry ${position}` }));
  const question = screen.getByRole('group', { name: `Remove entry ${position} and the answers in it?` });
  expect(within(question).getByRole('button', { name: 'No, keep it' })).toHaveFocus();
  await user.click(within(question).getByRole('button', { name: 'No, keep it' }));
  expect(screen.getByRole('button', { name: `Remove entry ${position}` })).toHaveFocus();
  await user.click(screen.getByRole('button', { name: `Remove entry ${position}` }));
  await user.click(screen.getByRole('button', { name: `Yes, remove entry ${position}` }));
}

/** The answers that would be sealed for the register, from those stored for the response. */
async function submittedAnswers(db: DeviceDatabase, response: ResponseRecord, definition = medicines) {
  const payload = buildSubmissionPayload({
    submissionId: crypto.randomUUID(),
    orderId: crypto.randomUUID(),
    parsed: definition,
    answers: await getAnswers(db, response.id),
    language: 'en',
    startedAt: response.startedAt,
    completedAt: new Date().toISOString(),
    appVersion: 'test',
  });
  return payload.answers;
}

describe('a repeating group', () => {
  test('entries are added, answered on their own, removed after a confirmation; review names the entry; the submission numbers them 1..n', async () => {
    const { db, response, user, onCompleted } = await renderResponse(medicines);
    await toEntries(user);
    // At the minimum (1) an entry cannot be removed.
    expect(screen.queryByRole('button', { name: 'Remove entry 1' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add another entry' }));
    expect(entryHeading(2)).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Entry 2 added.');
    await user.click(screen.getByRole('button', { name: 'Add another entry' }));
    expect(entryHeading(3)).toHaveFocus();

    await fillEntry(user, 1, 'Paracetamol', 'Tablet or capsule');
    await fillEntry(user, 2, 'Insulin', 'Another way');
    // The condition (form = other) shows "Describe how" in entry 2 only.
    expect(within(entry(1)).queryByRole('textbox', { name: /Describe how/ })).not.toBeInTheDocument();
    await user.type(within(entry(2)).getByRole('textbox', { name: /Describe how/ }), 'pump');
    await fillEntry(user, 3, 'Vitamin D', null);
    expect(document.getElementById('item-meds.2.name')).toHaveValue('Insulin');
    await waitFor(async () =>
      expect(await getAnswers(db, response.id)).toMatchObject({
        meds: { value: ['1', '2', '3'] },
        'meds.2.formOther': { value: 'pump' },
        'meds.3.name': { value: 'Vitamin D' },
      }),
    );

    await removeWithConfirmation(user, 2);
    // Vitamin D is now entry 2, and has the focus; the removed entry's answers are gone from the device.
    expect(screen.queryByRole('group', { name: 'Entry 3' })).not.toBeInTheDocument();
    expect(within(entry(2)).getByRole('textbox', { name: 'Name of the medicine' })).toHaveValue('Vitamin D');
    expect(entryHeading(2)).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Entry 2 removed.');
    await waitFor(async () => {
      const stored = await getAnswers(db, response.id);
      expect(stored.meds).toEqual({ value: ['1', '3'] });
      expect(Object.keys(stored).filter((key) => key.startsWith('meds.2.'))).toEqual([]);
    });

    // Review: entry 2 (Vitamin D) has no form; the problem says which entry, and the jump focuses its field.
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    await user.click(screen.getByRole('button', { name: 'Entry 2: How do you take it? (page 2)' }));
    const radios = within(within(entry(2)).getByRole('group', { name: 'How do you take it?' })).getAllByRole('radio');
    expect(radios[0]).toHaveFocus();
    expect(within(entry(2)).getByRole('alert')).toHaveTextContent(/needs an answer/);
    expect(within(entry(1)).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(entry(2)).getByRole('radio', { name: 'Liquid or drops' }));

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onCompleted).toHaveBeenCalledOnce());
    expect((await getResponse(db, response.id))?.status).toBe(ResponseStatus.completed);
    // What would be sealed for the register, from the answers stored: the entries numbered 1, 2.
    expect(await submittedAnswers(db, response)).toEqual({
      takes: { value: true },
      meds: { value: ['1', '2'] },
      'meds.1.name': { value: 'Paracetamol' },
      'meds.1.form': { value: 'tablet' },
      'meds.2.name': { value: 'Vitamin D' },
      'meds.2.form': { value: 'liquid' },
      sideEffects: { value: false },
    });
  });
});

describe('a repeating group, resumed', () => {
  test('entries and their answers are there after leaving and coming back; at the maximum no more can be added', async () => {
    const first = await renderResponse(medicines);
    await toEntries(first.user);
    await first.user.click(screen.getByRole('button', { name: 'Add another entry' }));
    await fillEntry(first.user, 2, 'Insulin', 'Injection');
    await waitFor(async () =>
      expect(await getAnswers(first.db, first.response.id)).toHaveProperty(['meds.2.form'], { value: 'injection' }),
    );
    first.unmount();

    const { user } = await renderResponse(medicines, { db: first.db, response: await getResponse(first.db, first.response.id) });
    expect(within(entry(2)).getByRole('textbox', { name: 'Name of the medicine' })).toHaveValue('Insulin');
    expect(within(entry(2)).getByRole('radio', { name: 'Injection' })).toBeChecked();
    for (let count = 3; count <= 8; count++) await user.click(screen.getByRole('button', { name: 'Add another entry' }));
    expect(entryHeading(8)).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Add another entry' })).not.toBeInTheDocument();
    expect(screen.getByText('You have listed as many entries as this question allows (8).')).toBeInTheDocument();
    // Each entry's fields have ids of their own.
    const ids = [...document.querySelectorAll('[id^="item-"]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('item-meds.8.name');
  });
});

describe('a repeating group that may be empty', () => {
  const optionalList = definitionOf([
    {
      id: 'visits',
      kind: 'group',
      title: text('Your visits'),
      repeats: { min: 0, max: 3 },
      items: [{ id: 'place', kind: 'text', text: text('Where did you go?') }],
    },
  ]);

  test('its last entry can be removed: "add an entry" takes the focus, and the list is submitted empty', async () => {
    const { db, response, user, onCompleted } = await renderResponse(optionalList);
    await user.type(within(entry(1)).getByRole('textbox', { name: 'Where did you go?' }), 'The clinic');
    await user.click(screen.getByRole('button', { name: 'Remove entry 1' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove entry 1' }));
    expect(screen.getByText('No entries yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add an entry' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onCompleted).toHaveBeenCalledOnce());
    expect(await getAnswers(db, response.id)).toEqual({ visits: { value: [] } });
    expect(await submittedAnswers(db, response, optionalList)).toEqual({ visits: { value: [] } });
  });
});
