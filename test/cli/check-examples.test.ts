// `check` runs each definition's example answer sets and places a wrong expected score.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSources } from '../../src/cli/check.js';
import { formatReport } from '../../src/cli/report.js';
import { projectRoot } from '../core/fixtures.js';

describe('check runs the example answer sets', () => {
  // a definition laid out so that the line and column of each expected score are plain to see
  const text = (expectedTotal: string) =>
    [
      '{',
      '  "id": "x", "version": "1", "languages": ["en"], "title": { "en": "X" }, "license": "X", "source": { "citation": "X" },',
      '  "items": [',
      '    { "id": "a", "kind": "integer", "text": { "en": "A" } },',
      '    { "id": "b", "kind": "integer", "text": { "en": "B" } }',
      '  ],',
      '  "scores": [{ "id": "total", "kind": "sum", "title": { "en": "Total" }, "items": ["a", "b"] }],',
      '  "examples": [',
      '    { "name": "both", "answers": { "a": 1, "b": 2 }, "expectedScores": { "total": 3 } },',
      `    { "name": "one", "answers": { "a": 1 }, "expectedScores": { "total": ${expectedTotal} } }`,
      '  ]',
      '}',
      '',
    ].join('\n');

  it('finds nothing when each example gives the scores it expects', () => {
    expect(checkSources([{ file: 'x.json', text: text('null') }]).problems).toEqual([]);
  });

  it('reports a wrong expected score at its file, line and column', () => {
    const result = checkSources([{ file: 'x.json', text: text('1') }]);
    expect(result.problems).toEqual([
      {
        file: 'x.json',
        line: 10,
        column: 65,
        path: '$.examples[1].expectedScores.total',
        message: 'example "one": the score "total" gives no score (tooFewAnswered), but 1 is expected',
      },
    ]);
    expect(formatReport(result)).toBe(
      'x.json:10:65  $.examples[1].expectedScores.total  example "one": the score "total" gives no score (tooFewAnswered), but 1 is expected\n1 file checked, 1 problem\n',
    );
  });

  it('reports a wrong expected score in a shipped instrument', () => {
    const file = 'questionnaires/cia-3.0.json';
    const shipped = readFileSync(join(projectRoot, file), 'utf8');
    const expected = '"expectedScores": { "global": 30,';
    expect(shipped).toContain(expected);
    const changed = shipped.replace(expected, '"expectedScores": { "global": 31,');
    const lines = changed.slice(0, changed.indexOf('"global": 31')).split('\n');
    const { problems } = checkSources([{ file, text: changed }]);
    expect(problems).toEqual([
      {
        file,
        line: lines.length,
        column: (lines.at(-1)?.length ?? 0) + 1,
        path: '$.examples[0].expectedScores.global',
        message: 'example "every item answered": the score "global" gives 30, but 31 is expected',
      },
    ]);
  });
});
