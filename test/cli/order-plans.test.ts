// Measurement plans on the staff command line (npm run order -- enrol | enrolments | event | pause |
// resume | end), against a real register endpoint on a free port: the register makes the basis order
// on enrolment's day, records the event, and pauses, resumes and ends the enrolment.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOrderCli } from '../../src/cli/order.js';
import { formatDate, osloDateOf } from '../../src/core/plans/oslo-time.js';
import { staffToken, startTestRegister, type TestRegister } from '../server/setup.js';

let register: TestRegister;
let url: string;

beforeAll(async () => {
  register = await startTestRegister({ env: { SCHEDULER_INTERVAL_SECONDS: '0' } });
  await register.app.listen({ port: 0, host: '127.0.0.1' });
  const address = register.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => register.close());

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runOrderCli([...args, '--url', url], {
    env: { STAFF_TOKEN: staffToken },
    fetch,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

test('enrol, see the enrolment with its first order, record discharge, pause, resume and end', async () => {
  const today = formatDate(osloDateOf(new Date()));
  const enrolled = await run(
    'enrol',
    '--patient',
    'pseudo-cli',
    '--plan',
    'kvarus',
    '--unit',
    'Poliklinikk A',
    '--language',
    'nn',
    '--from',
    today,
    '--setting',
    'interval=2m',
  );
  expect(enrolled.stderr).toBe('');
  expect(enrolled.code).toBe(0);
  const id = /^(\S+) {2}pseudo-cli {2}kvarus@\S+ {2}Poliklinikk A {2}active/m.exec(enrolled.stdout)?.[1] ?? '';
  expect(id).not.toBe('');

  await register.runScheduler(new Date());
  const listed = await run('enrolments', '--patient', 'pseudo-cli');
  expect(listed.stdout).toContain(`${id}  pseudo-cli`);
  expect(listed.stdout).toMatch(/ {2}basis#1 {2}ordered /);

  const event = await run('event', id, 'discharged=2027-06-01');
  expect([event.code, event.stdout]).toEqual([0, expect.stringContaining('event discharged at 2027-05-31T22:00:00.000Z')]);
  expect((await run('pause', id)).stdout).toMatch(/^Paused:\n.* paused /);
  expect((await run('resume', id)).stdout).toMatch(/^Resumed:\n.* active /);
  expect((await run('end', id)).stdout).toMatch(/^Ended:\n.* ended /);
  const again = await run('pause', id);
  expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('the plan enrolment has ended')]);
});

test('wrong input is said before anything is sent (exit 2), and refusals in plain words (exit 1)', async () => {
  expect(await run('enrol', '--patient', 'p', '--plan', 'kvarus')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('enrol needs --patient, --plan and --unit'),
  });
  expect(await run('enrol', '--patient', 'p', '--plan', 'kvarus', '--unit', 'U', '--setting', 'interval')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('--setting takes ID=SPAN'),
  });
  expect(await run('enrol', '--patient', 'p', '--plan', 'kvarus', '--unit', 'U', '--from', '1 June')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('--from must be a day as YYYY-MM-DD'),
  });
  expect(await run('event', 'some-id', 'discharged')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('event takes NAME=YYYY-MM-DD'),
  });
  expect(await run('pause')).toMatchObject({ code: 2, stderr: expect.stringContaining('pause needs an enrolment id') });
  expect(await run('enrol', '--patient', 'p', '--plan', 'nothing', '--unit', 'U')).toMatchObject({
    code: 1,
    stderr: expect.stringContaining('the register has no measurement plan by that id'),
  });
  expect(await run('pause', 'no-such-enrolment')).toMatchObject({
    code: 1,
    stderr: expect.stringContaining('there is no such order or enrolment'),
  });
});

test('birth month and sex: given at enrolment, corrected and removed with subject, and wrong ones said before anything is sent', async () => {
  const enrolled = await run(
    'enrol',
    '--patient',
    'pseudo-iso',
    '--plan',
    'norspis',
    '--unit',
    'U',
    '--birth-month',
    '2011-04',
    '--sex',
    'female',
  );
  expect([enrolled.code, enrolled.stderr]).toEqual([0, '']);
  expect(enrolled.stdout).toContain('  born 2011-04  sex female');
  const id = /^(\S+) {2}pseudo-iso /m.exec(enrolled.stdout)?.[1] ?? '';
  expect(id).not.toBe('');

  expect(await run('subject', id, '--birth-month', '2011-05')).toMatchObject({
    code: 0,
    stdout: 'Birth month and sex of pseudo-iso: 2011-05, female\n',
  });
  expect(await run('subject', id, '--sex', 'none')).toMatchObject({
    code: 0,
    stdout: 'Birth month and sex of pseudo-iso: 2011-05, (not given)\n',
  });
  expect((await register.store.getPlanEnrolment(id))?.sex).toBeNull();
  expect((await run('enrolments', '--patient', 'pseudo-iso')).stdout).toContain('  born 2011-05  sex (not given)');

  for (const [args, said] of [
    [['subject', id, '--birth-month', '2011-13'], '--birth-month must be a month from 1900-01 to this month as YYYY-MM'],
    [['subject', id, '--birth-month', '1899-12'], '--birth-month must be a month'],
    [['subject', id, '--sex', 'f'], '--sex is female or male (or none)'],
    [['subject', id], 'subject needs --birth-month or --sex'],
    [['subject', '--sex', 'male'], 'subject needs an enrolment id'],
    [['enrol', '--patient', 'p', '--plan', 'norspis', '--unit', 'U', '--sex', 'none'], '--sex is female or male, not "none"'],
  ] as const)
    expect(await run(...args)).toMatchObject({ code: 2, stderr: expect.stringContaining(said) });
  expect((await register.store.getPlanEnrolment(id))?.birthMonth).toBe('2011-05');
  expect(await run('subject', 'no-such-enrolment', '--sex', 'male')).toMatchObject({
    code: 1,
    stderr: expect.stringContaining('there is no such order or enrolment'),
  });
});
