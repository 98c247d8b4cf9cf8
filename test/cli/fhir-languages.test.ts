// Translations as Helsenorge publishes them: `fhir export --per-language` writes a Bundle of one
// Questionnaire per language, and `fhir import` reads such a Bundle back into one definition.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { run } from '../../src/cli/run.js';
import { fromFhirLanguageBundle, toFhirLanguageBundle } from '../../src/core/fhir/index.js';
import { parseDefinitionText } from '../../src/core/parse-definition.js';
import { projectRoot } from '../core/fixtures.js';

function runCli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, {
    root: projectRoot,
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { status, stdout, stderr };
}

const cia = parseDefinitionText(readFileSync(`${projectRoot}questionnaires/cia-3.0.json`, 'utf8'));
if (!cia.ok) throw new Error('cia-3.0.json is not valid');

describe('one Questionnaire per language', () => {
  it('writes each language as a Questionnaire of its own, with the same canonical URL and version', () => {
    const { bundle } = toFhirLanguageBundle(cia);
    expect(bundle.entry.map((e) => [e.resource.id, e.resource.language, e.resource.url, e.resource.version])).toEqual(
      cia.definition.languages.map((language) => [`cia-3.0-${language}`, language, 'urn:eprom:questionnaire:cia', '3.0']),
    );
    // in its language alone: no translation extensions
    for (const { resource } of bundle.entry) expect(JSON.stringify(resource)).not.toContain('StructureDefinition/translation');
    const nn = bundle.entry.find((e) => e.resource.language === 'nn')?.resource;
    expect(nn?.title).toBe(cia.definition.title.nn);
  });

  it('reads such a Bundle back as one definition, with every language', () => {
    const { bundle } = toFhirLanguageBundle(cia);
    const imported = fromFhirLanguageBundle(JSON.parse(JSON.stringify(bundle)));
    expect(imported.problems).toEqual([]);
    expect(imported.definition?.languages).toEqual(cia.definition.languages);
    expect(imported.definition?.title).toEqual(cia.definition.title);
    const back = JSON.stringify(imported.definition);
    for (const item of cia.definition.items) if (item.kind === 'group' && item.title) expect(back).toContain(JSON.stringify(item.title.nn));
  });

  it('leaves out what is not a language version of the same questionnaire, and says so', () => {
    const { bundle } = toFhirLanguageBundle(cia);
    const [nb, , en] = bundle.entry;
    if (!nb || !en) throw new Error('three languages expected');
    const other = { ...en, resource: { ...en.resource, url: 'urn:other', id: 'other-en' } };
    const again = { ...nb, resource: { ...nb.resource, id: 'cia-again' } };
    const imported = fromFhirLanguageBundle({ entry: [nb, other, again] });
    expect(imported.definition?.languages).toEqual(['nb']);
    expect(imported.report).toContain(
      'other-en is another questionnaire (urn:other|3.0) than the first (urn:eprom:questionnaire:cia|3.0): left out',
    );
    expect(imported.report).toContain('cia-again is in nb again: left out');
  });

  it('on the command line: export --per-language, then import, gives the definition back in every language', () => {
    const folder = mkdtempSync(join(tmpdir(), 'fhir-languages-'));
    const exported = runCli(
      ['fhir', 'export', `${projectRoot}questionnaires/cia-3.0.json`, '--per-language', '--out', 'cia.bundle.json'],
      folder,
    );
    expect(exported.status).toBe(0);
    expect(JSON.parse(readFileSync(join(folder, 'cia.bundle.json'), 'utf8'))).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const imported = runCli(['fhir', 'import', 'cia.bundle.json', '--out', 'cia.json'], folder);
    expect(imported.stderr).toContain('wrote cia.json');
    const definition = JSON.parse(readFileSync(join(folder, 'cia.json'), 'utf8')) as { languages: string[] };
    expect(definition.languages).toEqual(['nb', 'nn', 'en']);
    writeFileSync(join(folder, 'empty.json'), JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }));
    expect(runCli(['fhir', 'import', 'empty.json'], folder)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('the Bundle holds no Questionnaire'),
    });
    expect(parseCommandLine(['fhir', 'import', 'x.json', '--per-language'])).toEqual({
      ok: false,
      message: '--per-language goes with fhir export',
    });
  });
});
