// The CSV formula guard (issue 14, item 9): a cell a spreadsheet would run as a formula is always
// neutralised, also behind leading spaces, zero-width characters or full-width signs, and a cell that
// already starts with an apostrophe stays distinguishable from one that was guarded.
import { describe, expect, test } from 'vitest';
import { csvCell } from '../../src/server/export.js';
import { tally } from '../reliability-tally.js';

/** The cell's text as a spreadsheet reads it, RFC 4180 quotes removed. */
const unquoted = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
/** What a reader of the export recovers: one leading apostrophe removed, as the README says. */
const unguarded = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

function expectGuarded(name: string, text: string) {
  const cell = unquoted(csvCell(text));
  tally({ kind: 'badInput', suite: 'csv-guard', name, isRefused: cell === `'${text}` });
  expect(cell).toBe(`'${text}`);
  expect(unguarded(cell)).toBe(text);
}

describe('cells that would run as formulas', () => {
  test.each([
    ['a leading space', ' =1+1'],
    ['leading spaces before a plus', '   +SUM(A1)'],
    ['a leading no-break space', '\u00a0=1'],
    ['a zero-width space', '\u200b=HYPERLINK("http://x")'],
    ['a zero-width non-joiner', '\u200c=1'],
    ['a zero-width joiner', '\u200d@SUM(A1)'],
    ['a byte order mark', '\ufeff=1'],
    ['a word joiner', '\u2060=1'],
    ['a full-width equals sign', '\uff1d1+1'],
    ['a full-width plus sign', '\uff0b1+1'],
    ['a full-width minus sign', '\uff0d1+1'],
    ['a full-width at sign', '\uff20SUM(A1)'],
    ['a space and a full-width equals sign', ' \ufeff\uff1d1'],
    ['a leading line feed', '\n=1'],
  ])('%s', (name, text) => expectGuarded(name, text));

  test('the plain formula characters are guarded as before', () => {
    for (const text of ['=1', '+A1', '-A1', '@A1', '\tx', '\rx']) expectGuarded(`starts with ${JSON.stringify(text[0])}`, text);
  });
});

describe('an apostrophe already there', () => {
  test("'=1 and =1 export differently, and each gives back its own text", () => {
    const [quoted, formula] = [csvCell("'=1"), csvCell('=1')];
    expect(quoted).not.toBe(formula);
    expect([unguarded(quoted), unguarded(formula)]).toEqual(["'=1", '=1']);
  });

  test('any text starting with an apostrophe gets one more', () => {
    expect(["'", "'plain", "''=1"].map(csvCell)).toEqual(["''", "''plain", "'''=1"]);
  });
});

describe('what is left alone', () => {
  test('numbers, negative ones too, and ordinary text', () => {
    expect(['-3', '+4', '2.5', 'plain', 'a = b', 'x\u200b=1', '', ' plain'].map(csvCell)).toEqual([
      '-3',
      '+4',
      '2.5',
      'plain',
      'a = b',
      'x\u200b=1',
      '',
      ' plain',
    ]);
  });
});
