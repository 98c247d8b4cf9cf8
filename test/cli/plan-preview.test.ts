// `npm run register -- plan preview`: what staff see for the shipped plans, and the refusals of a
// wrong command line, an unknown plan, a plan with problems, and events or settings it does not have.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePlanPreviewArgs } from '../../src/cli/plan-preview.js';
import { runRegisterCli } from '../../src/cli/register.js';
import { projectRoot } from '../core/fixtures.js';

async function preview(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const env = { QUESTIONNAIRES_DIR: path.join(projectRoot, 'questionnaires') };
  const code = await runRegisterCli(
    ['plan', 'preview', ...args],
    env,
    (t) => void (stdout += t),
    (t) => void (stderr += t),
  );
  return { code, stdout, stderr };
}

describe('plan preview', () => {
  test('prints a KVARUS course in Oslo local dates: windows, reminders and questionnaires', async () => {
    const result = await preview('kvarus', '--from', '2027-01-15', '--event', 'discharged=2027-06-01');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      [
        'kvarus@2  KVARUS: a course of substance use treatment',
        'Enrolled 2027-01-15; discharged 2027-06-01.',
        'Settings: interval 6 weeks (default; 5 weeks to 26 weeks), answerWindow 14 days (default; 7 days to 28 days)',
        'Oslo local dates: a window opens at 00:00 on its first day and closes at midnight after its last day.',
        '',
        'time point      #  due         window (first day – last day)  reminders                                             questionnaires',
        'basis           1  2027-01-15  2027-01-15 – 2027-01-29        2027-01-18 10:00, 2027-01-22 10:00                    kvarus-basis@2',
        'malepunkt       1  2027-02-26  2027-02-26 – 2027-03-12        2027-03-01 10:00, 2027-03-05 10:00                    kvarus-malepunkt@2',
        'malepunkt       2  2027-04-09  2027-04-09 – 2027-04-23        2027-04-12 10:00, 2027-04-16 10:00                    kvarus-malepunkt@2',
        'malepunkt       3  2027-05-21  2027-05-21 – 2027-06-04        2027-05-24 10:00, 2027-05-28 10:00                    kvarus-malepunkt@2',
        'avslutning      1  2027-06-01  2027-05-25 – 2027-06-15        2027-05-28 10:00, 2027-06-01 10:00                    kvarus-avslutning@2',
        'oppfolging-12m  1  2028-06-01  2028-05-18 – 2028-07-01        2028-05-25 10:00, 2028-06-01 10:00, 2028-06-15 10:00  kvarus-oppfolging@2',
        '',
        'Windows that open on or after 2029-06-01 are not shown (--until).',
        '',
      ].join('\n'),
    );
  });

  test("takes the unit's settings and a horizon, and says what waits for an event not given", async () => {
    const result = await preview('kvarus', '--from', '2027-01-15', '--setting', 'interval=8w', '--until', '2027-06-01');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Settings: interval 8 weeks (set; 5 weeks to 26 weeks), answerWindow 14 days (default; 7 days to 28 days)',
    );
    expect(
      result.stdout
        .split('\n')
        .filter((line) => line.startsWith('malepunkt'))
        .map((line) => line.split(/ {2,}/)[2]),
    ).toEqual(['2027-03-12', '2027-05-07']);
    expect(result.stdout).toContain(
      [
        'Waiting:',
        '  malepunkt: repeats every 8 weeks (interval) until "discharged", which is not given: listed up to 2027-06-01',
        '  avslutning: due 0 days after "discharged", which is not given (--event discharged=YYYY-MM-DD)',
        '  oppfolging-12m: due 12 months after "discharged", which is not given (--event discharged=YYYY-MM-DD)',
      ].join('\n'),
    );
  });

  test('prints the first week after an ECT series that ends as summer time begins', async () => {
    const result = await preview('ect', '--from', '2027-03-20', '--event', 'ectSeriesEnded=2027-03-27');
    expect(result.stdout).toMatch(
      /^etter-serie {4}1 {2}2027-03-28 {2}2027-03-28 – 2027-04-03 {8}2027-03-30 10:00, 2027-04-01 10:00 {2}ect-madrs-s@2, ect-oppfolging@1$/m,
    );
  });

  test('reads a plan file by its path, and refuses one with problems, at their line and column', async () => {
    const result = await preview(path.join(projectRoot, 'test/fixtures/plans/mistakes.json'), '--from', '2027-01-15');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mistakes.json:30:7  $.timePoints[2].anchor  unknown anchor "discharge"');
    expect(result.stderr).toContain('The plan has problems: fix them first');
  });

  test('refuses an unknown plan, and events and settings the plan does not have', async () => {
    expect(await preview('kvarsu', '--from', '2027-01-15')).toMatchObject({ code: 2, stderr: expect.stringContaining('no such plan') });
    expect(await preview('kvarus', '--from', '2027-01-15', '--event', 'discharge=2027-06-01')).toMatchObject({
      code: 2,
      stderr: 'the plan has no event "discharge": it has "discharged"\n',
    });
    expect(await preview('kvarus', '--from', '2027-01-15', '--setting', 'interval=1w')).toMatchObject({
      code: 2,
      stderr: '"interval" is 1 week, outside what the plan allows: 5 weeks to 26 weeks\n',
    });
  });

  test('refuses a wrong command line with the usage', async () => {
    const wrong = await preview('kvarus', '--from', '15.01.2027');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^--from takes a date YYYY-MM-DD, not "15.01.2027"\n\nUsage: npm run register/);
    expect(wrong.stderr).toContain('plan preview <plan file or id> --from YYYY-MM-DD');
  });
});

describe('reading the preview command line', () => {
  const refusal = (...args: string[]) => {
    try {
      parsePlanPreviewArgs(args);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  test('reads dates, events and settings', () => {
    expect(
      parsePlanPreviewArgs(['preview', 'kvarus', '--from', '2027-01-15', '--event', 'discharged=2027-06-01', '--setting', 'interval=1m2w']),
    ).toEqual({
      name: 'plan-preview',
      plan: 'kvarus',
      from: { year: 2027, month: 1, day: 15 },
      events: { discharged: { year: 2027, month: 6, day: 1 } },
      settings: { interval: { months: 1, weeks: 2 } },
    });
  });

  test('says what is wrong', () => {
    expect(refusal()).toBe('plan needs a command: preview');
    expect(refusal('show')).toBe('unknown plan command "show": use preview');
    expect(refusal('preview', '--from', '2027-01-15')).toBe('name the plan: a file or a plan id');
    expect(refusal('preview', 'a', 'b', '--from', '2027-01-15')).toBe('name one plan only');
    expect(refusal('preview', 'kvarus')).toBe('--from is missing: the day the patient is enrolled, YYYY-MM-DD');
    expect(refusal('preview', 'kvarus', '--from', '2027-02-30')).toBe('--from takes a date YYYY-MM-DD, not "2027-02-30"');
    expect(refusal('preview', 'kvarus', '--from', '2027-01-15', '--event', 'discharged')).toBe(
      '--event takes NAME=VALUE, not "discharged"',
    );
    expect(refusal('preview', 'kvarus', '--from', '2027-01-15', '--event', 'a=2027-01-01', '--event', 'a=2027-01-02')).toBe(
      '--event a is given twice',
    );
    expect(refusal('preview', 'kvarus', '--from', '2027-01-15', '--setting', 'interval=6 weeks')).toBe(
      '--setting interval takes a span such as 6w, 14d, 3m or 1m2w, not "6 weeks"',
    );
    expect(refusal('preview', 'kvarus', '--from', '2027-01-15', '--event', 'discharged=2027-06-31')).toBe(
      '--event discharged takes a date YYYY-MM-DD, not "2027-06-31"',
    );
  });
});
