// Completing from the review page: once every required visible question is answered, Complete
// completes the response on the device and reports it. What the review lists is in
// review-and-navigation.test.tsx, under the same describe.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { getResponse, ResponseStatus } from '../../src/device/index.js';
import { renderResponse } from './render.js';
import { heading, threePages } from './three-pages.js';

describe('the review page', () => {
  test('when everything required is answered the list is gone; Complete completes the response and reports it', async () => {
    const { db, response, onCompleted, user } = await renderResponse(threePages);
    await user.click(within(screen.getByRole('group', { name: 'First question' })).getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByRole('textbox', { name: 'Second question' }), '4');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('radio', { name: 'Y' }));
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    expect(screen.getByText('All questions that need an answer have been answered.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onCompleted).toHaveBeenCalledWith([]));
    expect(await getResponse(db, response.id)).toMatchObject({ status: ResponseStatus.completed, completedAt: expect.any(String) });
  });

  test('a required question that was shown, then hidden by a changed answer, does not block completion', async () => {
    const { db, response, onCompleted, user } = await renderResponse(threePages);
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByRole('textbox', { name: 'Second question' }), '4');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('radio', { name: 'X' }));
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    expect(screen.getByRole('button', { name: 'Only after X (page 3)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(heading('Third page')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Y' }));
    expect(screen.queryByLabelText('Only after X')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onCompleted).toHaveBeenCalledOnce());
    expect((await getResponse(db, response.id))?.status).toBe(ResponseStatus.completed);
  });
});
