// The console's texts: nynorsk and English have every key bokmål has, and no other, and no empty text.
import { expect, test } from 'vitest';
import en from '../../../src/app/staff/locales/en.json';
import nb from '../../../src/app/staff/locales/nb.json';
import nn from '../../../src/app/staff/locales/nn.json';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
const texts = (messages: object): unknown[] =>
  Object.values(messages).flatMap((value: unknown) => (typeof value === 'object' && value !== null ? texts(value) : [value]));

test.each([
  ['nn', nn],
  ['en', en],
])('%s has the keys of nb', (_language, messages) => {
  expect(keys(messages).sort()).toEqual(keys(nb).sort());
  expect(texts(messages).every((text) => typeof text === 'string' && text.trim() !== '')).toBe(true);
});
