// Shared by the tests of items as a patient answers them: options written the short way, the name of
// an optional question, a page around items, and what the device holds for an item.
import { waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { getAnswers } from '../../src/device/index.js';
import type { DeviceDatabase } from '../../src/device/index.js';
import { text } from './render.js';

// jsdom's name computation drops the space before "(optional)" that a browser keeps.
export const optional = (question: string) => new RegExp(`^${question.replace(/[?]/g, '\\?')} ?\\(optional\\)$`);
export const options = (...codes: string[]) => codes.map((code) => ({ code, text: text(code[0]?.toUpperCase() + code.slice(1)) }));

/** One page, "About you", holding `items`. */
export const page = (items: unknown[]) => [{ id: 'page', kind: 'group', title: text('About you'), items }];

/** What the device holds for one item, once the write has landed. */
export async function expectStored(db: DeviceDatabase, responseId: string, itemId: string, expected: unknown) {
  await waitFor(async () => expect((await getAnswers(db, responseId))[itemId]).toEqual(expected));
}
