// Shared by the tests of moving through a questionnaire and its review: three pages, an optional
// question on the second and, on the third, a required question shown only after the answer X.
import { screen } from '@testing-library/react';
import { expect } from 'vitest';
import { definitionOf, text, type RenderedResponse } from './render.js';

export const threePages = definitionOf([
  { id: 'first', kind: 'group', title: text('First page'), items: [{ id: 'a', kind: 'yes-no', text: text('First question') }] },
  {
    id: 'second',
    kind: 'group',
    title: text('Second page'),
    items: [
      { id: 'b', kind: 'integer', min: 0, max: 10, text: text('Second question') },
      { id: 'c', kind: 'text', required: false, text: text('Optional question') },
    ],
  },
  {
    id: 'third',
    kind: 'group',
    title: text('Third page'),
    items: [
      {
        id: 'd',
        kind: 'single-choice',
        text: text('Third question'),
        options: [
          { code: 'x', text: text('X') },
          { code: 'y', text: text('Y') },
        ],
      },
      { id: 'e', kind: 'date', text: text('Only after X'), visibleWhen: { op: 'equals', item: 'd', value: 'x' } },
    ],
  },
]);

export const heading = (name: string) => screen.getByRole('heading', { level: 2, name });

/** Next to the last page, then to the review, where the focus goes to its heading. */
export async function toReview(user: RenderedResponse['user']) {
  while (screen.queryByRole('button', { name: 'Next' })) await user.click(screen.getByRole('button', { name: 'Next' }));
  await user.click(screen.getByRole('button', { name: 'Review your answers' }));
  expect(heading('Review your answers')).toHaveFocus();
}
