// Which items are marked optional, and which offer "I prefer not to answer". What ticking it does is
// in prefer-not-to-answer.test.tsx, under the same describe.
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { optional, page } from './item-fixtures.js';
import { definitionOf, renderResponse, text } from './render.js';

describe('optional items and "I prefer not to answer"', () => {
  test('optional items are marked; required ones are not', async () => {
    await renderResponse(
      definitionOf(
        page([
          { id: 'must', kind: 'text', text: text('Required question') },
          { id: 'may', kind: 'text', required: false, text: text('Optional question') },
        ]),
      ),
    );
    expect(screen.getByRole('textbox', { name: optional('Optional question') })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Required question' })).toBeInTheDocument();
  });

  test('not offered unless the definition or the item asks for it; an item can offer it on a required question', async () => {
    await renderResponse(
      definitionOf(
        page([
          { id: 'plain', kind: 'text', required: false, text: text('Optional, no decline') },
          { id: 'asked', kind: 'yes-no', preferNotToAnswer: true, text: text('Required, with decline') },
        ]),
      ),
    );
    const declines = screen.getAllByRole('checkbox', { name: 'I prefer not to answer this' });
    expect(declines).toHaveLength(1);
    expect(within(screen.getByRole('group', { name: 'Required, with decline' })).getByRole('checkbox')).toBe(declines[0]);
  });
});
