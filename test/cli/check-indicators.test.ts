// `check` on quality indicators (questionnaires/indicators/): the shipped files pass against the shipped
// plans and questionnaires; each wrong reference is reported at file:line:column with what was meant.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { projectRoot } from '../core/fixtures.js';

function runIn(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, { root: projectRoot, cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'eprom-indicators-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The shipped NorSpis indicators with some text replaced, written to an indicators/ folder of its own. */
function edited(name: string, ...replacements: [string, string][]): string {
  const folder = join(scratch, name, 'indicators');
  mkdirSync(folder, { recursive: true });
  let text = readFileSync(join(projectRoot, 'questionnaires/indicators/norspis.json'), 'utf8');
  for (const [from, to] of replacements) text = text.replace(from, to);
  writeFileSync(join(folder, 'norspis.json'), text);
  return join(name, 'indicators', 'norspis.json');
}

describe('check on quality indicators', () => {
  it('passes the shipped indicator files', () => {
    const result = runIn(projectRoot, ['check', 'questionnaires/indicators']);
    expect(result).toMatchObject({ status: 0, stdout: '2 files checked, 0 problems\n' });
  });

  it('places a wrong score, time point and answer code at their line and column, with what was meant', () => {
    const file = edited(
      'references',
      ['"score": "global",', '"score": "globl",'],
      ['"to": { "timePoint": "slutt" },', '"to": { "timePoint": "end" },'],
      ['"codes": ["1", "2"]', '"codes": ["1", "6"]'],
    );
    const { status, stdout } = runIn(scratch, ['check', file]);
    expect(status).toBe(1);
    expect(stdout).toContain(
      `${file}:25:9  $.indicators[0].measure.score  no version of "ede-q" has a score "globl" (did you mean "global"?)`,
    );
    expect(stdout).toMatch(
      /norspis\.json:27:\d+ {2}\$\.indicators\[0\]\.measure\.to\.timePoint {2}the plan "norspis" has no time point "end"/,
    );
    expect(stdout).toContain('$.indicators[3].measure.codes  the item "outcome" of norspis-outcome@1 has no answer "6"');
  });

  it('refuses an unknown measure and a missing translation', () => {
    const file = edited(
      'shape',
      ['"kind": "scoreChange",', '"kind": "scoreDrop",'],
      ['"en": "Improvement in the CIA total score"', '"e": "x"'],
    );
    const { status, stdout } = runIn(scratch, ['check', file]);
    expect(status).toBe(1);
    expect(stdout).toContain('$.indicators[0].measure.kind');
    expect(stdout).toMatch(/\$\.indicators\[1\]\.title/);
  });
});
