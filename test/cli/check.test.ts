// `check`: problems placed at file:line:column, in the order of the file. A good file, the summary
// and the JSON report are in check-report.test.ts.
import { describe, expect, it } from 'vitest';
import { checkSources } from '../../src/cli/check.js';
import { formatProblem, formatReport } from '../../src/cli/report.js';
import { fixtureText } from '../core/fixtures.js';
import { folder, source } from './check-fixtures.js';

describe('checkSources', () => {
  it('places each problem at its line and column, in the order of the file', () => {
    const { problems } = checkSources([source('rejected/broken-references.json')]);
    const file = `${folder}/rejected/broken-references.json`;
    expect(problems).toEqual([
      {
        file,
        line: 13,
        column: 42,
        path: '$.items[0].visibleWhen.item',
        message: '"second" comes later in the form: a condition can only refer to earlier items',
      },
      { file, line: 15, column: 75, path: '$.items[1].optionSet', message: 'there is no option set "moods" in "optionSets"' },
      {
        file,
        line: 24,
        column: 31,
        path: '$.items[3].visibleWhen.conditions[0].item',
        message: '"note" is a display text and has no answer',
      },
      { file, line: 25, column: 29, path: '$.items[3].visibleWhen.conditions[1].item', message: 'there is no item "ghost"' },
      {
        file,
        line: 26,
        column: 59,
        path: '$.items[3].visibleWhen.conditions[2].condition.item',
        message: 'a condition cannot refer to its own item "third"',
      },
    ]);
    expect(formatProblem(problems[0]!)).toBe(
      `${file}:13:42  $.items[0].visibleWhen.item  "second" comes later in the form: a condition can only refer to earlier items`,
    );
  });

  it('places a missing field at the object that lacks it', () => {
    const text =
      '{\n  "id": "x",\n  "version": "1",\n  "languages": ["en"],\n  "title": { "en": "X" },\n  "source": { "citation": "X" },\n  "items": [{ "id": "q", "kind": "yes-no", "text": {} }]\n}\n';
    const { problems } = checkSources([{ file: 'x.json', text }]);
    expect(problems).toEqual([{ file: 'x.json', line: 1, column: 1, path: '$.license', message: 'this field is required but missing' }]);
    const withLicense = text.replace('"id": "x",', '"id": "x", "license": "X",');
    expect(checkSources([{ file: 'x.json', text: withLicense }]).problems).toEqual([
      { file: 'x.json', line: 7, column: 44, path: '$.items[0].text', message: 'the "en" text is missing', language: 'en' },
    ]);
  });

  it('places a JSON syntax error at its line and column', () => {
    const { problems } = checkSources([source('rejected/not-json.json')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 6, column: 18, path: '$' });
    expect(problems[0]?.message).toMatch(/^not valid JSON: /);
  });

  it('places a syntax error that V8 gives no position for', () => {
    const { problems } = checkSources([{ file: 'x.json', text: '{\n  "id": \n}\n' }]);
    expect(problems).toMatchObject([{ file: 'x.json', line: 3, column: 1, path: '$' }]);
    expect(checkSources([{ file: 'y.json', text: '{\n  "id": "x",\n' }]).problems).toMatchObject([{ line: 3, column: 1 }]);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(checkSources([{ file: 'bom.json', text: '\uFEFF' + fixtureText('accepted/minimal.json') }]).problems).toEqual([]);
  });

  it('reports a definition changed under an unchanged id@version', () => {
    const result = checkSources(['first.json', 'reordered.json', 'second.json'].map((name) => source(`same-version/${name}`)));
    expect(result.problems).toEqual([
      {
        file: `${folder}/same-version/second.json`,
        line: 3,
        column: 3,
        path: '$.version',
        message: `same-version@2 is also defined in ${folder}/same-version/first.json, with different content: a published version never changes, so give the changed definition a new "version"`,
      },
    ]);
    expect(formatReport(result).split('\n').at(-2)).toBe('3 files checked, 1 problem');
  });
});
