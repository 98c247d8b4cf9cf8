// `npm run keys -- rotate|list` on a data folder, as the server reads it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runKeysCli } from '../../src/cli/keys.js';
import { loadRegisterKeys } from '../../src/server/keys.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-keys-'));
});
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runKeysCli(
    args,
    { DATA_DIR: dataDir },
    (t) => (stdout += t),
    (t) => (stderr += t),
  );
  return { code, stdout, stderr };
}

test('rotate appends a key that the server then uses for new orders; list shows key ids, never keys', async () => {
  const { keys: first } = await loadRegisterKeys(dataDir);
  const rotated = await run('rotate');
  expect(rotated.code).toBe(0);
  const { keys: second } = await loadRegisterKeys(dataDir);
  expect(second.current.kid).not.toBe(first.current.kid);
  expect(rotated.stdout).toContain(`New encryption key ${second.current.kid}`);
  expect([...second.encryptionByKid.keys()]).toEqual([first.current.kid, second.current.kid]);
  expect(second.hashCode('ABCD-EFGH-JKMN')).toBe(first.hashCode('abcd efgh jkmn'));

  const listed = await run('list');
  expect(listed.stdout.trim().split('\n')).toEqual([
    expect.stringMatching(new RegExp(`^encryption  ${first.current.kid}  made \\S+$`)),
    expect.stringMatching(new RegExp(`^encryption  ${second.current.kid}  made \\S+  \\(new orders use this one\\)$`)),
    expect.stringMatching(new RegExp(`^receipt     ${first.receipt.kid}  made \\S+$`)),
  ]);
  const file = JSON.parse(await readFile(path.join(dataDir, 'keys.json'), 'utf8')) as { encryption: { privateJwk: { d: string } }[] };
  for (const key of file.encryption) expect(listed.stdout).not.toContain(key.privateJwk.d);
});

test('no keys yet, an unknown command, an unknown flag', async () => {
  expect(await run('rotate')).toMatchObject({ code: 1, stderr: expect.stringContaining('there are no keys there yet') });
  expect(await run('shred')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "shred"') });
  expect(await run('list', '--force')).toMatchObject({ code: 2 });
});
