// `check`'s report: the summary for a good file, and the problems as JSON for other tools. Where it
// places each problem is in check.test.ts, under the same describe.
import { describe, expect, it } from 'vitest';
import { checkSources } from '../../src/cli/check.js';
import { formatJsonReport, formatReport } from '../../src/cli/report.js';
import { folder, source } from './check-fixtures.js';

describe('checkSources', () => {
  it('finds nothing wrong in a good file', () => {
    const result = checkSources([source('accepted/small-form.json')]);
    expect(result).toEqual({ fileCount: 1, problems: [] });
    expect(formatReport(result)).toBe('1 file checked, 0 problems\n');
  });

  it('prints the problems as a JSON array for other tools', () => {
    const result = checkSources([source('accepted/minimal.json'), source('rejected/texts-and-duplicates.json')]);
    const printed = JSON.parse(formatJsonReport(result)) as unknown[];
    expect(printed).toHaveLength(4);
    for (const problem of printed as Record<string, unknown>[]) {
      expect(problem).toMatchObject({
        file: `${folder}/rejected/texts-and-duplicates.json`,
        line: expect.any(Number),
        column: expect.any(Number),
        path: expect.stringMatching(/^\$/),
        message: expect.any(String),
      });
      expect(
        Object.keys(problem).filter((key) => !['file', 'line', 'column', 'path', 'message', 'hint', 'language'].includes(key)),
      ).toEqual([]);
    }
    expect(printed).toContainEqual(expect.objectContaining({ path: '$.items[0].title', language: 'nn' }));
    expect(formatJsonReport(checkSources([]))).toBe('[]\n');
  });
});
