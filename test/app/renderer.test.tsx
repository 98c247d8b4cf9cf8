// The renderer as a patient uses it: each item kind answered through its label, stored on the
// device at once; conditions showing and hiding items; the review page; authored text as text.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { getAnswers, getResponse } from '../../src/device/index.js';
import { definitionOf, renderResponse, text } from './render.js';

const options = (...codes: string[]) => codes.map((code) => ({ code, text: text(code[0]?.toUpperCase() + code.slice(1)) }));

async function stored(db: Parameters<typeof getAnswers>[0], responseId: string, itemId: string) {
  return (await getAnswers(db, responseId))[itemId];
}

describe('each item kind', () => {
  test('single choice: a group named by its question; the option code is stored', async () => {
    const { db, response } = await renderResponse(definitionOf([{ id: 'mood', kind: 'single-choice', text: text('How are you?'), options: options('good', 'bad') }]));
    const group = screen.getByRole('group', { name: 'How are you?' });
    await userEvent.click(within(group).getByLabelText('Bad'));
    await waitFor(async () => expect(await stored(db, response.id, 'mood')).toEqual({ value: 'bad' }));
  });

  test('multiple choice: codes stored in the definition\'s order whatever the order of taps; none chosen clears the answer', async () => {
    const { db, response } = await renderResponse(definitionOf([{ id: 'did', kind: 'multiple-choice', text: text('What did you do?'), options: options('walk', 'read', 'cook') }]));
    await userEvent.click(screen.getByLabelText('Cook'));
    await userEvent.click(screen.getByLabelText('Walk'));
    await waitFor(async () => expect(await stored(db, response.id, 'did')).toEqual({ value: ['walk', 'cook'] }));
    await userEvent.click(screen.getByLabelText('Cook'));
    await userEvent.click(screen.getByLabelText('Walk'));
    await waitFor(async () => expect(await stored(db, response.id, 'did')).toBeUndefined());
  });

  test('scale: every step a radio, labels only where the definition has them; the number is stored', async () => {
    const { db, response } = await renderResponse(
      definitionOf([{ id: 'days', kind: 'scale', min: 0, max: 6, text: text('How many days?'), labels: [0, 2, 4, 6].map((value) => ({ value, text: text(`label ${value}`) })) }]),
    );
    const radios = within(screen.getByRole('group', { name: 'How many days?' })).getAllByRole('radio');
    expect(radios).toHaveLength(7);
    expect(screen.getByText('label 2')).toBeInTheDocument();
    expect(screen.queryByText('label 3')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: '3' }));
    await waitFor(async () => expect(await stored(db, response.id, 'days')).toEqual({ value: 3 }));
  });

  test('integer: stored as typed; not a number or out of range says so, and a non-number stores nothing', async () => {
    const { db, response } = await renderResponse(
      definitionOf([{ id: 'n', kind: 'integer', min: 0, max: 28, text: text('Days'), help: text('From 0 to 28'), unit: text('days') }]),
    );
    const field = screen.getByLabelText('Days');
    expect(field).toHaveAccessibleDescription('From 0 to 28');
    expect(screen.getByText('days')).toBeInTheDocument();
    await userEvent.type(field, '12');
    await waitFor(async () => expect(await stored(db, response.id, 'n')).toEqual({ value: 12 }));
    await userEvent.clear(field);
    await userEvent.type(field, 'abc');
    expect(await screen.findByText('Enter a number, for example 72.5.')).toBeInTheDocument();
    await waitFor(async () => expect(await stored(db, response.id, 'n')).toBeUndefined());
    await userEvent.clear(field);
    await userEvent.type(field, '40');
    expect(await screen.findByText('The number can be at most 28.')).toBeInTheDocument();
  });

  test('decimal: a comma works as the decimal separator; too many decimals says so', async () => {
    const { db, response } = await renderResponse(definitionOf([{ id: 'kg', kind: 'decimal', decimals: 1, text: text('Weight'), unit: text('kg') }]));
    await userEvent.type(screen.getByLabelText('Weight'), '72,5');
    await waitFor(async () => expect(await stored(db, response.id, 'kg')).toEqual({ value: 72.5 }));
    await userEvent.type(screen.getByLabelText('Weight'), '5');
    expect(await screen.findByText('Use at most 1 decimals.')).toBeInTheDocument();
  });

  test('yes/no, date, text and long text are stored as given; clearing a text removes the answer', async () => {
    const { db, response } = await renderResponse(
      definitionOf([
        {
          id: 'page',
          kind: 'group',
          items: [
            { id: 'yn', kind: 'yes-no', text: text('Ever?') },
            { id: 'when', kind: 'date', text: text('When?') },
            { id: 'short', kind: 'text', text: text('Name it') },
            { id: 'long', kind: 'long-text', maxLength: 50, text: text('Tell more') },
          ],
        },
      ]),
    );
    await userEvent.click(within(screen.getByRole('group', { name: 'Ever?' })).getByLabelText('No'));
    await userEvent.type(screen.getByLabelText('When?'), '2026-11-02');
    await userEvent.type(screen.getByLabelText('Name it'), 'walks');
    await userEvent.type(screen.getByLabelText('Tell more'), 'more');
    expect(screen.getByText('46 characters left')).toBeInTheDocument();
    await waitFor(async () =>
      expect(await getAnswers(db, response.id)).toEqual({ yn: { value: false }, when: { value: '2026-11-02' }, short: { value: 'walks' }, long: { value: 'more' } }),
    );
    await userEvent.clear(screen.getByLabelText('Name it'));
    await waitFor(async () => expect(await stored(db, response.id, 'short')).toBeUndefined());
  });

  test('display text is shown with nothing to answer; optional items are marked; "I prefer not to answer" is stored and disables the field', async () => {
    const { db, response } = await renderResponse(
      definitionOf(
        [
          {
            id: 'page',
            kind: 'group',
            items: [
              { id: 'intro', kind: 'display', text: text('Read this first') },
              { id: 'free', kind: 'text', required: false, text: text('Anything?') },
            ],
          },
        ],
        { preferNotToAnswer: true },
      ),
    );
    expect(screen.getByText('Read this first')).toBeInTheDocument();
    expect(screen.getByText('(optional)')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('I prefer not to answer this'));
    expect(screen.getByLabelText(/Anything\?/)).toBeDisabled();
    await waitFor(async () => expect(await stored(db, response.id, 'free')).toEqual({ declined: true }));
  });
});

describe('conditions', () => {
  const conditional = definitionOf([
    {
      id: 'page',
      kind: 'group',
      items: [
        { id: 'hurt', kind: 'yes-no', text: text('Did something hurt?') },
        { id: 'where', kind: 'text', text: text('Where?'), visibleWhen: { op: 'equals', item: 'hurt', value: true } },
      ],
    },
    { id: 'skipped', kind: 'group', title: text('Only when it hurt'), visibleWhen: { op: 'equals', item: 'hurt', value: true }, items: [{ id: 'how', kind: 'scale', min: 0, max: 6, labels: [{ value: 0, text: text('none') }], text: text('How much?') }] },
    { id: 'last', kind: 'yes-no', text: text('Done?') },
  ]);

  test('an item appears when its condition holds and disappears when it no longer does', async () => {
    await renderResponse(conditional);
    expect(screen.queryByLabelText('Where?')).not.toBeInTheDocument();
    await userEvent.click(within(screen.getByRole('group', { name: 'Did something hurt?' })).getByLabelText('Yes'));
    expect(screen.getByLabelText('Where?')).toBeInTheDocument();
    await userEvent.click(within(screen.getByRole('group', { name: 'Did something hurt?' })).getByLabelText('No'));
    expect(screen.queryByLabelText('Where?')).not.toBeInTheDocument();
  });

  test('a page whose condition is false is skipped and the page count follows', async () => {
    await renderResponse(conditional);
    expect(screen.getByRole('heading', { name: 'Page 1 of 2' })).toBeInTheDocument();
    await userEvent.click(within(screen.getByRole('group', { name: 'Did something hurt?' })).getByLabelText('Yes'));
    expect(screen.getByRole('heading', { name: 'Page 1 of 3' })).toBeInTheDocument();
    await userEvent.click(within(screen.getByRole('group', { name: 'Did something hurt?' })).getByLabelText('No'));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('group', { name: 'Done?' })).toBeInTheDocument();
  });
});

describe('the review page', () => {
  const twoPages = definitionOf([
    { id: 'a', kind: 'yes-no', text: text('First question') },
    { id: 'b', kind: 'integer', min: 0, max: 10, text: text('Second question') },
    { id: 'c', kind: 'text', required: false, text: text('Optional question') },
  ]);

  test('lists each unanswered required question; one tap goes there, focuses it and says why; complete when all is answered', async () => {
    const { db, response, onCompleted } = await renderResponse(twoPages);
    for (let i = 0; i < 2; i++) await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Review your answers' }));
    expect(screen.getByText('2 questions are unanswered or need correcting:')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Complete' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Optional question/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Second question (page 2)' }));
    expect(screen.getByLabelText('Second question')).toHaveFocus();
    expect(screen.getByText('This question needs an answer.')).toBeInTheDocument();
    await waitFor(async () => expect((await getResponse(db, response.id))?.pageIndex).toBe(1));
    await userEvent.type(screen.getByLabelText('Second question'), '4');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'First question' })).getByLabelText('Yes'));
    for (let i = 0; i < 2; i++) await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Review your answers' }));
    expect(screen.getByText('All questions that need an answer have been answered.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onCompleted).toHaveBeenCalled());
    expect((await getResponse(db, response.id))?.status).toBe('completed');
  });

  test('a response rendered again resumes on its stored page with its answers', async () => {
    const first = await renderResponse(twoPages);
    await userEvent.click(within(screen.getByRole('group', { name: 'First question' })).getByLabelText('No'));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(async () => expect((await getResponse(first.db, first.response.id))?.pageIndex).toBe(1));
    first.unmount();
    const resumed = await renderResponse(twoPages, { db: first.db, response: await getResponse(first.db, first.response.id) });
    expect(screen.getByLabelText('Second question')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(within(screen.getByRole('group', { name: 'First question' })).getByLabelText('No')).toBeChecked();
    resumed.unmount();
  });
});

describe('languages and safety', () => {
  test('the interface and the questionnaire follow the language', async () => {
    await renderResponse(definitionOf([{ id: 'q', kind: 'yes-no', text: text('Question') }]), { language: 'nb' });
    expect(screen.getByText('Question (nb)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se over svarene' })).toBeInTheDocument();
  });

  test('a definition without the chosen language shows its first language, marked with lang', async () => {
    const englishOnly = definitionOf([{ id: 'q', kind: 'yes-no', text: { en: 'English only' } }], { languages: ['en'], title: { en: 'English' } });
    await renderResponse(englishOnly, { language: 'nn' });
    expect(screen.getByText('English only')).toHaveAttribute('lang', 'en');
    expect(screen.getByRole('button', { name: 'Sjå over svara' })).toBeInTheDocument();
  });

  test('authored text is shown as text, never as HTML', async () => {
    const { container } = await renderResponse(
      definitionOf([{ id: 'q', kind: 'single-choice', text: text('<script>alert(1)</script>'), options: [{ code: 'x', text: text('<img src=x onerror=alert(1)>') }, { code: 'y', text: text('y') }] }]),
    );
    expect(screen.getByText('<script>alert(1)</script>')).toBeInTheDocument();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('script, img')).toBeNull();
  });
});
