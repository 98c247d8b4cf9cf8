// A tap renders again only the item it answers: ItemField is memoised and onAnswer keeps its identity
// (the answering benchmark's per-tap latency depends on it). Counted through each field's shared hook.
import { screen, waitFor } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { getAnswers } from '../../src/device/index.js';
import { definitionOf, renderResponse, text } from './render.js';

const calls: string[] = [];
vi.mock('../../src/app/questionnaire/items/field-parts.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/app/questionnaire/items/field-parts.js')>();
  return {
    ...original,
    useFieldParts: (props: Parameters<typeof original.useFieldParts>[0]) => {
      calls.push(props.item.id);
      return original.useFieldParts(props);
    },
  };
});

test('a tap renders again only the item answered', async () => {
  const { db, response, user } = await renderResponse(
    definitionOf([
      {
        id: 'page',
        kind: 'group',
        text: text('Page'),
        items: [
          { id: 'a', kind: 'yes-no', text: text('A?') },
          { id: 'b', kind: 'yes-no', text: text('B?') },
          { id: 'c', kind: 'text', text: text('C?') },
        ],
      },
    ]),
  );
  await waitFor(() => expect(calls.length).toBeGreaterThan(0));
  calls.length = 0;
  await user.click(screen.getAllByRole('radio', { name: 'Yes' })[0]!);
  await waitFor(async () => expect((await getAnswers(db, response.id)).a).toEqual({ value: true }));
  expect(calls).toEqual(['a']);
});
