// `check`: problems placed at file:line:column, the summary, the JSON report and the exit status.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { checkSources, type SourceFile } from '../../src/cli/check.js';
import { collectDefinitionFiles } from '../../src/cli/files.js';
import { formatJsonReport, formatProblem, formatReport } from '../../src/cli/report.js';
import { run, type CliIo } from '../../src/cli/run.js';
import { fixtureText, projectRoot } from '../core/fixtures.js';

const folder = 'test/fixtures/definitions';
const source = (name: string): SourceFile => ({ file: `${folder}/${name}`, text: fixtureText(name) });

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

describe('checkSources', () => {
  it('finds nothing wrong in a good file', () => {
    const result = checkSources([source('accepted/small-form.json')]);
    expect(result).toEqual({ fileCount: 1, problems: [] });
    expect(formatReport(result)).toBe('1 file checked, 0 problems\n');
  });

  it('places each problem at its line and column, in the order of the file', () => {
    const { problems } = checkSources([source('rejected/broken-references.json')]);
    const file = `${folder}/rejected/broken-references.json`;
    expect(problems).toEqual([
      {
        file,
        line: 13,
        column: 42,
        path: '$.items[0].visibleWhen.item',
        message: '"second" comes later in the form: a condition can only refer to earlier items',
      },
      { file, line: 15, column: 75, path: '$.items[1].optionSet', message: 'there is no option set "moods" in "optionSets"' },
      {
        file,
        line: 24,
        column: 31,
        path: '$.items[3].visibleWhen.conditions[0].item',
        message: '"note" is a display text and has no answer',
      },
      { file, line: 25, column: 29, path: '$.items[3].visibleWhen.conditions[1].item', message: 'there is no item "ghost"' },
      {
        file,
        line: 26,
        column: 59,
        path: '$.items[3].visibleWhen.conditions[2].condition.item',
        message: 'a condition cannot refer to its own item "third"',
      },
    ]);
    expect(formatProblem(problems[0]!)).toBe(
      `${file}:13:42  $.items[0].visibleWhen.item  "second" comes later in the form: a condition can only refer to earlier items`,
    );
  });

  it('places a missing field at the object that lacks it', () => {
    const text =
      '{\n  "id": "x",\n  "version": "1",\n  "languages": ["en"],\n  "title": { "en": "X" },\n  "source": { "citation": "X" },\n  "items": [{ "id": "q", "kind": "yes-no", "text": {} }]\n}\n';
    const { problems } = checkSources([{ file: 'x.json', text }]);
    expect(problems).toEqual([{ file: 'x.json', line: 1, column: 1, path: '$.license', message: 'this field is required but missing' }]);
    const withLicense = text.replace('"id": "x",', '"id": "x", "license": "X",');
    expect(checkSources([{ file: 'x.json', text: withLicense }]).problems).toEqual([
      { file: 'x.json', line: 7, column: 44, path: '$.items[0].text', message: 'the "en" text is missing', language: 'en' },
    ]);
  });

  it('places a JSON syntax error at its line and column', () => {
    const { problems } = checkSources([source('rejected/not-json.json')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 6, column: 18, path: '$' });
    expect(problems[0]?.message).toMatch(/^not valid JSON: /);
  });

  it('places a syntax error that V8 gives no position for', () => {
    const { problems } = checkSources([{ file: 'x.json', text: '{\n  "id": \n}\n' }]);
    expect(problems).toMatchObject([{ file: 'x.json', line: 3, column: 1, path: '$' }]);
    expect(checkSources([{ file: 'y.json', text: '{\n  "id": "x",\n' }]).problems).toMatchObject([{ line: 3, column: 1 }]);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(checkSources([{ file: 'bom.json', text: '\uFEFF' + fixtureText('accepted/minimal.json') }]).problems).toEqual([]);
  });

  it('reports a definition changed under an unchanged id@version', () => {
    const result = checkSources(['first.json', 'reordered.json', 'second.json'].map((name) => source(`same-version/${name}`)));
    expect(result.problems).toEqual([
      {
        file: `${folder}/same-version/second.json`,
        line: 3,
        column: 3,
        path: '$.version',
        message: `same-version@2 is also defined in ${folder}/same-version/first.json, with different content: a published version never changes, so give the changed definition a new "version"`,
      },
    ]);
    expect(formatReport(result).split('\n').at(-2)).toBe('3 files checked, 1 problem');
  });

  it('prints the problems as a JSON array for other tools', () => {
    const result = checkSources([source('accepted/minimal.json'), source('rejected/texts-and-duplicates.json')]);
    const printed = JSON.parse(formatJsonReport(result)) as unknown[];
    expect(printed).toHaveLength(4);
    for (const problem of printed as Record<string, unknown>[]) {
      expect(problem).toMatchObject({
        file: `${folder}/rejected/texts-and-duplicates.json`,
        line: expect.any(Number),
        column: expect.any(Number),
        path: expect.stringMatching(/^\$/),
        message: expect.any(String),
      });
      expect(
        Object.keys(problem).filter((key) => !['file', 'line', 'column', 'path', 'message', 'hint', 'language'].includes(key)),
      ).toEqual([]);
    }
    expect(printed).toContainEqual(expect.objectContaining({ path: '$.items[0].title', language: 'nn' }));
    expect(formatJsonReport(checkSources([]))).toBe('[]\n');
  });
});

describe('check runs the example answer sets', () => {
  // a definition laid out so that the line and column of each expected score are plain to see
  const text = (expectedTotal: string) =>
    [
      '{',
      '  "id": "x", "version": "1", "languages": ["en"], "title": { "en": "X" }, "license": "X", "source": { "citation": "X" },',
      '  "items": [',
      '    { "id": "a", "kind": "integer", "text": { "en": "A" } },',
      '    { "id": "b", "kind": "integer", "text": { "en": "B" } }',
      '  ],',
      '  "scores": [{ "id": "total", "kind": "sum", "title": { "en": "Total" }, "items": ["a", "b"] }],',
      '  "examples": [',
      '    { "name": "both", "answers": { "a": 1, "b": 2 }, "expectedScores": { "total": 3 } },',
      `    { "name": "one", "answers": { "a": 1 }, "expectedScores": { "total": ${expectedTotal} } }`,
      '  ]',
      '}',
      '',
    ].join('\n');

  it('finds nothing when each example gives the scores it expects', () => {
    expect(checkSources([{ file: 'x.json', text: text('null') }]).problems).toEqual([]);
  });

  it('reports a wrong expected score at its file, line and column', () => {
    const result = checkSources([{ file: 'x.json', text: text('1') }]);
    expect(result.problems).toEqual([
      {
        file: 'x.json',
        line: 10,
        column: 65,
        path: '$.examples[1].expectedScores.total',
        message: 'example "one": the score "total" gives no score (tooFewAnswered), but 1 is expected',
      },
    ]);
    expect(formatReport(result)).toBe(
      'x.json:10:65  $.examples[1].expectedScores.total  example "one": the score "total" gives no score (tooFewAnswered), but 1 is expected\n1 file checked, 1 problem\n',
    );
  });

  it('reports a wrong expected score in a shipped instrument', () => {
    const file = 'questionnaires/cia-3.0.json';
    const shipped = readFileSync(join(projectRoot, file), 'utf8');
    const expected = '"expectedScores": { "global": 30,';
    expect(shipped).toContain(expected);
    const changed = shipped.replace(expected, '"expectedScores": { "global": 31,');
    const lines = changed.slice(0, changed.indexOf('"global": 31')).split('\n');
    const { problems } = checkSources([{ file, text: changed }]);
    expect(problems).toEqual([
      {
        file,
        line: lines.length,
        column: (lines.at(-1)?.length ?? 0) + 1,
        path: '$.examples[0].expectedScores.global',
        message: 'example "every item answered": the score "global" gives 30, but 31 is expected',
      },
    ]);
  });
});

describe('collectDefinitionFiles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'eprom-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('searches folders for *.json files in name order, leaving out schema/ and hidden folders', () => {
    for (const folderName of ['b', 'a/deeper', 'schema', '.hidden', 'node_modules/x'])
      mkdirSync(join(scratch, folderName), { recursive: true });
    for (const file of [
      'z.json',
      'b/one.json',
      'a/deeper/two.json',
      'a/notes.txt',
      'schema/definition.schema.json',
      '.hidden/x.json',
      'node_modules/x/y.json',
    ])
      writeFileSync(join(scratch, file), '{}');
    expect(collectDefinitionFiles(['.'], scratch)).toEqual({ files: ['a/deeper/two.json', 'b/one.json', 'z.json'], missing: [] });
  });

  it('takes a file named explicitly whatever its name, once, and lists what does not exist', () => {
    expect(collectDefinitionFiles(['a/notes.txt', 'b', 'b/one.json', 'nope'], scratch)).toEqual({
      files: ['a/notes.txt', 'b/one.json'],
      missing: ['nope'],
    });
  });

  it('finds the shipped questionnaires but not their schema', () => {
    const { files } = collectDefinitionFiles(['questionnaires'], projectRoot);
    expect(files).toContain('questionnaires/demo-wellbeing.json');
    expect(files.some((file) => file.includes('schema'))).toBe(false);
  });
});

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
