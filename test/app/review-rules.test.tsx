// Rules between items on the review page: a broken rule asks the patient to check, with a way back
// to the answers, and never blocks completing.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { getResponse, ResponseStatus } from '../../src/device/index.js';
import { definitionOf, renderResponse, text } from './render.js';

const counts = definitionOf(
  [
    {
      id: 'counts',
      kind: 'group',
      title: text('Counts'),
      items: [
        { id: 'episodes', kind: 'integer', text: text('Episodes'), min: 0 },
        { id: 'lostControl', kind: 'integer', text: text('With loss of control'), min: 0 },
      ],
    },
    { id: 'mood', kind: 'yes-no', text: text('Feeling well?') },
  ],
  {
    rules: [
      {
        id: 'within',
        left: 'lostControl',
        op: '<=',
        right: 'episodes',
        text: text('More times with loss of control than episodes. Is that right?'),
      },
    ],
  },
);

async function answer(user: Awaited<ReturnType<typeof renderResponse>>['user'], episodes: string, lostControl: string) {
  await user.type(screen.getByRole('textbox', { name: 'Episodes' }), episodes);
  await user.type(screen.getByRole('textbox', { name: 'With loss of control' }), lostControl);
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await user.click(screen.getByRole('radio', { name: 'Yes' }));
  await user.click(screen.getByRole('button', { name: 'Review your answers' }));
}

describe('the review page and rules between items', () => {
  test('answers that keep the rule ask nothing', async () => {
    const { user } = await renderResponse(counts);
    await answer(user, '3', '2');
    expect(screen.queryByRole('region', { name: 'Please check these answers' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Complete' })).toBeInTheDocument();
  });

  test('a broken rule shows its text and a way back to the answers; corrected, it is gone', async () => {
    const { user } = await renderResponse(counts);
    await answer(user, '2', '5');
    const check = screen.getByRole('region', { name: 'Please check these answers' });
    expect(within(check).getByText('More times with loss of control than episodes. Is that right?')).toBeInTheDocument();
    const back = within(check).getByRole('button', { name: 'Check the answers on page 1' });
    expect(back).toHaveAccessibleDescription('More times with loss of control than episodes. Is that right?');
    await user.click(back);
    const field = screen.getByRole('textbox', { name: 'With loss of control' });
    await waitFor(() => expect(field).toHaveFocus());
    await user.clear(field);
    await user.type(field, '1');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    expect(screen.queryByRole('region', { name: 'Please check these answers' })).not.toBeInTheDocument();
  });

  test('the patient may confirm the answers as they are and complete', async () => {
    const { db, response, onCompleted, user } = await renderResponse(counts);
    await answer(user, '2', '5');
    expect(screen.getByText('If your answers are right as they are, you can complete anyway.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onCompleted).toHaveBeenCalledOnce());
    expect(await getResponse(db, response.id)).toMatchObject({ status: ResponseStatus.completed });
  });
});
