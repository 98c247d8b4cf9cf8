// `fhir import` on real questionnaires: a partial import (a question left out) writes what it could
// but fails, naming each question left out; `--valuesets` supplies the canonical value sets.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { run } from '../../src/cli/run.js';
import { projectRoot } from '../core/fixtures.js';

const corpus = `${projectRoot}test/fixtures/fhir-corpus`;

function runCli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, {
    root: projectRoot,
    cwd: corpus,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { status, stdout, stderr };
}

describe('fhir import of a questionnaire whose questions cannot all be carried over', () => {
  it('fails, names each question left out, and still writes the rest', () => {
    const { status, stdout, stderr } = runCli(['fhir', 'import', 'lforms/argonaut-phq9-ish.json']);
    expect(status).toBe(1);
    expect(stderr).toContain('1 question is left out, so the import is partial:');
    expect(stderr).toContain(
      '  g1.q9: cannot have its options: its value set http://fhir.org/guides/argonaut-questionnaire/ValueSet/PHQ-9',
    );
    expect(JSON.parse(stdout)).toMatchObject({ items: [{ kind: 'group' }, { kind: 'group' }] });
  });

  it('reads canonical value sets from --valuesets, and then succeeds', () => {
    const without = runCli(['fhir', 'import', 'lforms/q-with-answerValueSet-radiobutton-checkbox.json']);
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('give it with --valuesets <folder>');
    const given = runCli(['fhir', 'import', 'lforms/q-with-answerValueSet-radiobutton-checkbox.json', '--valuesets', 'valuesets']);
    expect(given.stderr).not.toContain('left out, so the import is partial');
    expect(given.status).toBe(0);
    const written = JSON.parse(given.stdout) as { items: { options?: { code: string }[] }[] };
    expect(written.items).toHaveLength(6);
    expect(written.items[0]?.options?.map((o) => o.code)).toEqual(['N', 'Y', 'asked-unknown']);
  });

  it('takes --valuesets with import only, and a folder that exists', () => {
    expect(parseCommandLine(['fhir', 'export', 'x.json', '--valuesets', 'v'])).toEqual({
      ok: false,
      message: '--valuesets goes with fhir import',
    });
    expect(runCli(['fhir', 'import', 'lforms/phq9.json', '--valuesets', 'no-such-folder']).status).toBe(2);
  });
});
