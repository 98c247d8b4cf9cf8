// The `check` command line: its options, output and exit status.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { run, type CliIo } from '../../src/cli/run.js';
import { projectRoot } from '../core/fixtures.js';
import { folder } from './check-fixtures.js';

/** Runs the command line in the project root, capturing what it prints. */
function runCli(argv: string[], io: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, {
    root: projectRoot,
    cwd: projectRoot,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    ...io,
  });
  return { status, stdout, stderr };
}

describe('the command line', () => {
  it('reads commands and options', () => {
    expect(parseCommandLine(['check'])).toEqual({ ok: true, command: { name: 'check', paths: [], isJson: false } });
    expect(parseCommandLine(['check', 'a.json', '--json', 'b'])).toEqual({
      ok: true,
      command: { name: 'check', paths: ['a.json', 'b'], isJson: true },
    });
    expect(parseCommandLine(['schema', '--check'])).toEqual({ ok: true, command: { name: 'schema', isCheckOnly: true } });
    expect(parseCommandLine(['--help'])).toEqual({ ok: true, command: { name: 'help' } });
    expect(parseCommandLine([])).toEqual({ ok: false, message: 'a command is missing' });
    expect(parseCommandLine(['validate'])).toEqual({ ok: false, message: 'unknown command "validate"' });
    expect(parseCommandLine(['check', '--check'])).toMatchObject({ ok: false });
    expect(parseCommandLine(['schema', 'extra'])).toMatchObject({ ok: false });
  });

  it('checks the shipped questionnaires/ folder clean by default', () => {
    const { status, stdout, stderr } = runCli(['check']);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[1-9]\d* files? checked, 0 problems\n$/);
    expect(status).toBe(0);
  });

  it('exits with 1 and one line per problem when there are problems', () => {
    const { status, stdout } = runCli(['check', `${folder}/rejected`]);
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('3 files checked, 10 problems');
    // one line per problem; texts missing in a language are listed under a line naming the language
    const located = /^( {2})?test\/fixtures\/definitions\/rejected\/[\w-]+\.json:\d+:\d+ {2}\$\S*( {2}\S|$)/;
    const body = lines.slice(0, -1);
    expect(body.filter((line) => !/^Texts missing in "\w+"/.test(line)).every((line) => located.test(line))).toBe(true);
    expect(body.filter((line) => located.test(line))).toHaveLength(10);
    expect(body).toContain('Texts missing in "nn" (1): write them, or remove "nn" from "languages"');
  });

  it('prints only JSON with --json', () => {
    const { status, stdout } = runCli(['check', '--json', `${folder}/accepted`, `${folder}/rejected/not-json.json`]);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ file: `${folder}/rejected/not-json.json`, line: 6, column: 18 })]);
    expect(JSON.parse(runCli(['check', '--json', `${folder}/accepted`]).stdout)).toEqual([]);
  });

  it('reports paths relative to the folder it runs in', () => {
    const { stdout } = runCli(['check', 'rejected/not-json.json'], { cwd: join(projectRoot, folder) });
    expect(stdout).toMatch(/^rejected\/not-json\.json:6:18 {2}\$ {2}not valid JSON/);
  });

  it.each([
    [['check', 'no/such/folder'], 'no such file or folder: no/such/folder'],
    [['validate'], 'unknown command "validate"'],
    [[], 'a command is missing'],
    [['check', '--fix'], "Unknown option '--fix'"],
  ])('answers %j with a usage error', (argv, message) => {
    const { status, stdout, stderr } = runCli(argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: npm run questionnaires -- check');
  });

  it('shows its usage on help', () => {
    const { status, stdout } = runCli(['help']);
    expect(status).toBe(0);
    expect(stdout).toContain('Exit status');
  });

  it('runs for real: npx tsx src/cli/main.ts check', () => {
    const clean = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'check'], { cwd: projectRoot, encoding: 'utf8' });
    expect(clean.stdout).toMatch(/^[1-9]\d* files? checked, 0 problems\n$/);
    expect(clean.status).toBe(0);
    const broken = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'check', `${folder}/rejected/broken-references.json`], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(broken.stdout).toContain(`${folder}/rejected/broken-references.json:13:42  $.items[0].visibleWhen.item`);
    expect(broken.stdout).toMatch(/1 file checked, 5 problems\n$/);
    expect(broken.status).toBe(1);
  }, 60_000);
});
