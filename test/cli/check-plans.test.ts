// `check` on measurement plans: the shipped plans pass with the questionnaires; each mistake is
// reported at file:line:column, in the text report and in the JSON one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSources } from '../../src/cli/check.js';
import { isPlanFile } from '../../src/cli/check-plans.js';
import { run } from '../../src/cli/run.js';
import { projectRoot } from '../core/fixtures.js';

const fixtures = join(projectRoot, 'test/fixtures');

function runIn(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, { root: projectRoot, cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

describe('check on the shipped questionnaires', () => {
  it('checks the plans in questionnaires/plans/ with the definitions, and finds no problem', () => {
    const result = runIn(projectRoot, ['check']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^\d+ files checked, 0 problems\n$/m);
  });

  it('takes a file in a folder named plans as a plan, and any other as a definition', () => {
    expect(isPlanFile('questionnaires/plans/kvarus.json')).toBe(true);
    expect(isPlanFile('plans/kvarus.json')).toBe(true);
    expect(isPlanFile('questionnaires/kvarus-basis-1.json')).toBe(false);
    expect(isPlanFile('plans.json')).toBe(false);
  });
});

describe('check on plans with mistakes', () => {
  it('reports unknown questionnaires and events, overlapping repeats, late reminders and duplicate ids at their line and column', () => {
    const result = runIn(fixtures, ['check', 'plans/mistakes.json']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        'plans/mistakes.json:12:26  $.timePoints[0].questionnaires[0]  there is no questionnaire kvarus-basis@9 in questionnaires/ (did you mean "kvarus-basis@1"?)',
        'plans/mistakes.json:24:19  $.timePoints[1].repeat.every  the repeats can come 10 days apart, but a window can last 14 days: two windows of this time point would overlap. Repeat less often, or make the window shorter',
        'plans/mistakes.json:30:7  $.timePoints[2].anchor  unknown anchor "discharge": use "enrolment" or an event in "events" (did you mean "discharged"?)',
        'plans/mistakes.json:33:21  $.timePoints[2].reminders[0]  this reminder can come 20 days after the window opens, but the window can close after 14 days: it would come too late',
        'plans/mistakes.json:36:7  $.timePoints[3].id  there is already a time point "basis" (entry 1): ids must be unique',
        '1 file checked, 5 problems',
        '',
      ].join('\n'),
    );
  });

  it('reports a bad offset where it is written', () => {
    const result = runIn(fixtures, ['check', 'plans/bad-offset.json', '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: 'plans/bad-offset.json',
        line: 13,
        column: 7,
        path: '$.timePoints[0].offset',
        message: 'unknown field "month": check its spelling, or remove it',
        hint: 'did you mean "months"?',
      },
      {
        file: 'plans/bad-offset.json',
        line: 13,
        column: 7,
        path: '$.timePoints[0].offset',
        message: 'a span names at least one of "months", "weeks" and "days", e.g. {"weeks": 6}',
      },
      {
        file: 'plans/bad-offset.json',
        line: 14,
        column: 36,
        path: '$.timePoints[0].window.closesAfter.days',
        message: 'must be at least 0',
      },
    ]);
  });

  it('reports a plan whose file is not named after its id', () => {
    expect(runIn(fixtures, ['check', 'plans/misnamed.json']).stdout).toBe(
      'plans/misnamed.json:2:3  $.id  the plan "named-otherwise" is in misnamed.json: a plan\'s file is named after its id, named-otherwise.json (or named-otherwise-1.json for an older version kept for the enrolments that follow it)\n1 file checked, 1 problem\n',
    );
  });

  it('reports JSON syntax errors in a plan at their place', () => {
    const { problems } = checkSources([{ file: 'plans/broken.json', text: '{\n  "id": "broken",\n}' }]);
    expect(problems).toEqual([
      { file: 'plans/broken.json', line: 3, column: 1, path: '$', message: 'not valid JSON: Expected double-quoted property name' },
    ]);
  });
});

describe('check on a plan beside a draft questionnaire', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'eprom-plans-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('lets a plan ask a questionnaire among the files checked, as well as the shipped ones', () => {
    const draft = JSON.parse(readFileSync(join(projectRoot, 'questionnaires/demo-wellbeing.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(scratch, 'draft.json'), JSON.stringify({ ...draft, $schema: undefined, id: 'draft-form' }, null, 2));
    mkdirSync(join(scratch, 'plans'));
    const plan = JSON.parse(readFileSync(join(fixtures, 'plans/misnamed.json'), 'utf8')) as { timePoints: { questionnaires: string[] }[] };
    plan.timePoints[0]!.questionnaires = ['draft-form@1', 'ede-q@6.0'];
    writeFileSync(join(scratch, 'plans/named-otherwise.json'), JSON.stringify(plan, null, 2));
    expect(runIn(scratch, ['check', '.'])).toMatchObject({ status: 0, stdout: '2 files checked, 0 problems\n' });
    expect(runIn(scratch, ['check', 'plans'])).toMatchObject({
      status: 1,
      stdout: expect.stringContaining('there is no questionnaire draft-form@1'),
    });
  });
});
