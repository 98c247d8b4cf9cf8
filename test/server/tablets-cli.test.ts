// `npm run register -- tablets list|revoke`, on the register's own database (SQLite file or PostgreSQL).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runRegisterCli } from '../../src/cli/register.js';
import { startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const where = register.databaseUrl === undefined ? ['--data-dir', register.dataDir] : ['--database-url', register.databaseUrl];
  const code = await runRegisterCli(
    [...argv, ...where],
    {},
    (text) => (out += text),
    (text) => (err += text),
  );
  return { code, out, err };
}

test('lists the tablets and revokes one, whose token is then refused', async () => {
  const enrolment = await register.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' });
  const token = String((await register.post('/api/tablets', { code: String(enrolment.json.code), name: 'Venterom 2' })).json.tabletToken);
  const [tablet] = await register.store.listTablets({});
  const id = tablet?.id ?? '';

  const listed = await cli('tablets', 'list', '--unit', 'Poliklinikk A');
  expect(listed.code).toBe(0);
  expect(listed.out).toMatch(new RegExp(`^${id}\\s+Poliklinikk A\\s+Venterom 2\\s+\\S+\\s+\\S+\\s+-$`, 'm'));
  expect(listed.out).not.toContain(token);
  expect((await cli('tablets', 'list', '--unit', 'Sengepost B')).out).toBe('No tablets are enrolled for Sengepost B.\n');

  const revoked = await cli('tablets', 'revoke', id);
  expect(revoked.code).toBe(0);
  expect(revoked.out).toContain(`Tablet ${id} is revoked`);
  const refused = await register.app.inject({ method: 'GET', url: '/api/tablets/orders', headers: { authorization: `Bearer ${token}` } });
  expect([refused.statusCode, refused.json().error]).toEqual([401, 'tabletRevoked']);
  expect((await cli('tablets', 'list')).out).toMatch(new RegExp(`^${id}\\s.*\\d{4}-\\d\\d-\\d\\dT\\S+Z$`, 'm'));
});

test('an unknown tablet, a missing id and an unknown action are refused', async () => {
  const unknown = await cli('tablets', 'revoke', 'no-such-tablet');
  expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('No tablet has this id')]);
  expect((await cli('tablets', 'revoke')).code).toBe(2);
  expect((await cli('tablets', 'forget', 'x')).code).toBe(2);
});
