// The staff command line for orders, against a real register endpoint on a free port.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { explainRefusal, explanations, runOrderCli } from '../../src/cli/order.js';
import { staffToken, startTestRegister, type TestRegister } from '../server/setup.js';

let register: TestRegister;
let url: string;

beforeAll(async () => {
  register = await startTestRegister();
  await register.app.listen({ port: 0, host: '127.0.0.1' });
  const address = register.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => register.close());

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runOrderCli(args, {
    env: { STAFF_TOKEN: staffToken },
    fetch,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

test('create prints the access code and link; list shows the order; release frees it; export writes CSV', async () => {
  const created = await run(
    'create',
    '--url',
    url,
    '--patient',
    'pseudo-7',
    '--questionnaire',
    'demo-wellbeing@1',
    '--point',
    'målepunkt',
    '--valid-days',
    '14',
  );
  expect(created.code).toBe(0);
  const id = /Order (\S+)/.exec(created.stdout)?.[1] ?? '';
  expect(created.stdout).toMatch(/Access code: {4}[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/);
  expect(created.stdout).toContain("Patient's link: https://register.example/#/claim/");
  const listed = await run('list', '--url', url, '--patient', 'pseudo-7');
  expect(listed.stdout).toContain(`${id}  open       pseudo-7  målepunkt  demo-wellbeing@1  0 received`);
  expect((await run('release', id, '--url', url)).stdout).toContain(`Order ${id} released`);
  const exported = await run('export', '--url', url, '--format', 'csv');
  expect(exported.stdout.split('\r\n')[0]).toMatch(/^submission_id,order_id,patient_ref/);
});

test('refusals are explained in plain words, with exit codes 1 (refused) and 2 (usage)', async () => {
  const national = await run('create', '--url', url, '--patient', '01019012345', '--questionnaire', 'demo-wellbeing@1', '--point', 'basis');
  expect([national.code, national.stderr]).toEqual([
    1,
    "Error: the patient reference looks like a national identity number; use the register's pseudonym\n",
  ]);
  const badToken = await runOrderCli(['list', '--url', url, '--token', 'wrong'], {
    env: {},
    fetch,
    stdout: () => undefined,
    stderr: () => undefined,
  });
  expect(badToken).toBe(1);
  const missing = await run('create', '--url', url, '--patient', 'p');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('create needs --patient, at least one --questionnaire and --point');
  const unreachable = await run('list', '--url', 'http://127.0.0.1:9');
  expect(unreachable.stderr).toContain('could not reach the register at http://127.0.0.1:9');
});

test("every refusal code has a plain sentence; bodies that are not the API's error shape are still explained", () => {
  expect(explainRefusal(409, JSON.stringify({ error: 'orderClaimed', message: 'x' }))).toBe('another device has claimed the order');
  expect(
    explainRefusal(
      409,
      JSON.stringify({
        error: 'unknownQuestionnaire',
        message: 'ede-q@6.0 has changed since orders first used it',
        details: ['ede-q@6.0: kept a, file b'],
      }),
    ),
  ).toBe(
    'the register cannot order that questionnaire version\n  The register says: ede-q@6.0 has changed since orders first used it\n    ede-q@6.0: kept a, file b',
  );
  expect(explainRefusal(502, '<html>Bad gateway</html>')).toBe('the register answered 502 without an explanation');
  expect(explainRefusal(500, '{"unexpected":true}')).toBe('the register answered 500 without an explanation');
  for (const sentence of Object.values(explanations)) expect(sentence).toMatch(/^[a-z].*[^.]$/);
});

test('usage mistakes exit with 2 before anything is sent; the token may come from the data folder', async () => {
  expect(
    (
      await run(
        'create',
        '--url',
        url,
        '--patient',
        'p',
        '--questionnaire',
        'demo-wellbeing@1',
        '--point',
        'basis',
        '--valid-from',
        'tomorrow',
      )
    ).code,
  ).toBe(2);
  expect((await run('export', '--url', url, '--questionnaire', 'a@1', '--questionnaire', 'b@1')).code).toBe(2);
  expect((await run('export', '--url', url, '--format', 'xml')).code).toBe(2);
  expect((await run('frobnicate')).stderr).toContain('unknown command "frobnicate"');
  expect((await run('list', '--nope')).code).toBe(2);
  const noToken = await runOrderCli(['list', '--url', url, '--data-dir', '/nonexistent'], {
    env: {},
    fetch,
    stdout: () => undefined,
    stderr: () => undefined,
  });
  expect(noToken).toBe(2);

  const dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-cli-'));
  try {
    await writeFile(path.join(dataDir, 'staff-token'), `${staffToken}\n`);
    let stdout = '';
    const listed = await runOrderCli(['list', '--url', url, '--data-dir', dataDir], {
      env: {},
      fetch,
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
    });
    expect([listed, stdout.length > 0]).toEqual([0, true]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('export --out writes a file only its owner can read; unknown questionnaires are explained', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-cli-'));
  try {
    const out = path.join(dataDir, 'export.json');
    expect((await run('export', '--url', url, '--format', 'json', '--out', out)).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ submissions: expect.any(Array) });
    expect(((await stat(out)).mode & 0o777).toString(8)).toBe('600');
    const unknown = await run('export', '--url', url, '--questionnaire', 'nope@1');
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      'Error: the register cannot order that questionnaire version\n  The register says: No order has used nope@1\n',
    ]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
