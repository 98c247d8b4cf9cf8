// The service account's token rotated while the register runs: the new one works at once, the old
// one no longer does, and STAFF_TOKEN set in the environment is changed there, not by the command.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runRegisterCli } from '../../src/cli/register.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister({ env: { STAFF_TOKEN: undefined } });
});
afterEach(async () => register.close());

async function rotate(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRegisterCli(
    ['staff-token', 'rotate', '--data-dir', register.dataDir],
    env,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join(''), err: err.join('') };
}

const withBearer = (token: string) =>
  register.app.inject({ method: 'GET', url: '/api/orders', headers: { authorization: `Bearer ${token}` } });

test('rotate: a new token in the data folder, taken up by the running register; the old one refused', async () => {
  const old = register.staffToken;
  expect((await withBearer(old)).statusCode).toBe(200);
  const rotated = await rotate();
  expect(rotated.code).toBe(0);
  // Not a terminal: the token is not printed.
  expect(rotated.out).toBe(`A new staff token is in ${register.dataDir}/staff-token; the old one no longer works.\n`);
  const fresh = (await readFile(`${register.dataDir}/staff-token`, 'utf8')).trim();
  expect(fresh).not.toBe(old);
  expect((await withBearer(fresh)).statusCode).toBe(200);
  const refused = await withBearer(old);
  expectCountedRefusal('staff token', 'rotated away', { status: refused.statusCode, json: refused.json() }, 401, 'unauthorized');
});

test('with STAFF_TOKEN set, rotate changes nothing and says where to change it', async () => {
  const refused = await rotate({ STAFF_TOKEN: 'a-staff-token-from-the-environment-0123' });
  expect([refused.code, refused.err]).toEqual([1, expect.stringContaining('STAFF_TOKEN is set')]);
});
