// The staff command line for orders, against a real register endpoint on a free port.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOrderCli } from '../../src/cli/order.js';
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
  const code = await runOrderCli(args, { env: { STAFF_TOKEN: staffToken }, fetch, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

test('create prints the access code and link; list shows the order; release frees it; export writes CSV', async () => {
  const created = await run('create', '--url', url, '--patient', 'pseudo-7', '--questionnaire', 'demo-wellbeing@1', '--point', 'målepunkt', '--valid-days', '14');
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
  expect([national.code, national.stderr]).toEqual([1, "Error: the patient reference looks like a national identity number; use the register's pseudonym\n"]);
  const badToken = await runOrderCli(['list', '--url', url, '--token', 'wrong'], { env: {}, fetch, stdout: () => undefined, stderr: () => undefined });
  expect(badToken).toBe(1);
  const missing = await run('create', '--url', url, '--patient', 'p');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('create needs --patient, at least one --questionnaire and --point');
  const unreachable = await run('list', '--url', 'http://127.0.0.1:9');
  expect(unreachable.stderr).toContain('could not reach the register at http://127.0.0.1:9');
});
