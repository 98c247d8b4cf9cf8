// Moving through a questionnaire, the review before completing, and coming back to it later: the
// position and every answer live on the device, so a new render picks up where the last one left off.
// Completing from the review page is in review-completion.test.tsx.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { getResponse } from '../../src/device/index.js';
import { renderResponse } from './render.js';
import { heading, threePages, toReview } from './three-pages.js';

describe('moving between pages', () => {
  test('Next and Back move a page at a time; the position is stored, and focus goes to the new page', async () => {
    const { db, response, user } = await renderResponse(threePages);
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading('Second page')).toHaveFocus();
    await waitFor(async () => expect(await getResponse(db, response.id)).toMatchObject({ pageIndex: 1, onReview: false }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading('Third page')).toBeInTheDocument();
    expect(screen.getByText('Page 3 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(heading('Second page')).toHaveFocus();
    await waitFor(async () => expect((await getResponse(db, response.id))?.pageIndex).toBe(1));
  });

  test('Enter in a field moves on, as a form does', async () => {
    const { user } = await renderResponse(threePages);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByRole('textbox', { name: 'Second question' }), '3{Enter}');
    expect(heading('Third page')).toBeInTheDocument();
  });

  test('"Continue later" leaves the questionnaire', async () => {
    const { onExit, user } = await renderResponse(threePages);
    await user.click(screen.getByRole('button', { name: 'Continue later' }));
    expect(onExit).toHaveBeenCalledOnce();
  });
});

describe('the review page', () => {
  test('lists every unanswered required visible question and every answer to correct (here 12 of at most 10), each with its page; not the optional or hidden ones', async () => {
    const { db, response, user } = await renderResponse(threePages);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByRole('textbox', { name: 'Second question' }), '12');
    await toReview(user);
    await waitFor(async () => expect(await getResponse(db, response.id)).toMatchObject({ pageIndex: 2, onReview: true }));
    expect(screen.getByText('3 questions are unanswered or need correcting:')).toBeInTheDocument();
    const listed = within(screen.getByRole('list')).getAllByRole('button');
    expect(listed.map((button) => button.textContent)).toEqual([
      'First question (page 1)',
      'Second question (page 2)',
      'Third question (page 3)',
    ]);
    expect(screen.queryByRole('button', { name: 'Complete' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Second question (page 2)' }));
    expect(screen.getByRole('textbox', { name: 'Second question' })).toHaveValue('12');
    expect(screen.getByRole('textbox', { name: 'Second question' })).toHaveAccessibleDescription('The number can be at most 10.');
  });

  test('a listed question takes you to its page, focuses it and says it needs an answer', async () => {
    const { db, response, user } = await renderResponse(threePages);
    await toReview(user);
    await user.click(screen.getByRole('button', { name: 'Second question (page 2)' }));
    expect(heading('Second page')).toBeInTheDocument();
    const field = screen.getByRole('textbox', { name: 'Second question' });
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription('This question needs an answer.');
    expect(screen.getByRole('alert')).toHaveTextContent('This question needs an answer.');
    await waitFor(async () => expect(await getResponse(db, response.id)).toMatchObject({ pageIndex: 1, onReview: false }));
    // The optional question on the same page is not flagged.
    expect(screen.getByRole('textbox', { name: /Optional question/ })).not.toBeInvalid();

    await user.type(field, '4');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  test('a listed choice question focuses its first option', async () => {
    const { user } = await renderResponse(threePages);
    await toReview(user);
    await user.click(screen.getByRole('button', { name: 'First question (page 1)' }));
    expect(within(screen.getByRole('group', { name: 'First question' })).getByRole('radio', { name: 'Yes' })).toHaveFocus();
    expect(screen.getByRole('group', { name: 'First question' })).toHaveAccessibleDescription('This question needs an answer.');
  });
});

describe('coming back later', () => {
  test('a response rendered again opens on its stored page, with its answers shown', async () => {
    const first = await renderResponse(threePages);
    await first.user.click(screen.getByRole('radio', { name: 'No' }));
    await first.user.click(screen.getByRole('button', { name: 'Next' }));
    await first.user.type(screen.getByRole('textbox', { name: 'Second question' }), '7');
    await first.user.type(screen.getByRole('textbox', { name: /Optional question/ }), 'a note');
    await waitFor(async () => expect(await getResponse(first.db, first.response.id)).toMatchObject({ pageIndex: 1 }));
    first.unmount();

    const { user } = await renderResponse(threePages, { db: first.db, response: await getResponse(first.db, first.response.id) });
    expect(heading('Second page')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Second question' })).toHaveValue('7');
    expect(screen.getByRole('textbox', { name: /Optional question/ })).toHaveValue('a note');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('radio', { name: 'No' })).toBeChecked();
  });

  test('a response left on the review page opens on the review page', async () => {
    const first = await renderResponse(threePages);
    for (const name of ['Next', 'Next', 'Review your answers']) await first.user.click(screen.getByRole('button', { name }));
    await waitFor(async () => expect((await getResponse(first.db, first.response.id))?.onReview).toBe(true));
    first.unmount();

    await renderResponse(threePages, { db: first.db, response: await getResponse(first.db, first.response.id) });
    expect(heading('Review your answers')).toBeInTheDocument();
    expect(screen.getByText('3 questions are unanswered or need correcting:')).toBeInTheDocument();
  });
});
