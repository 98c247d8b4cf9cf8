// `schema`: the JSON Schema generated from the zod schema, and the check that the committed file is current.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { definitionJsonSchema, planSchemaFile, renderDefinitionJsonSchema, schemaFile } from '../../src/cli/schema.js';
import { run } from '../../src/cli/run.js';
import { projectRoot } from '../core/fixtures.js';

type Schema = Record<string, unknown> & {
  properties: Record<string, Schema>;
  required?: string[];
  $defs?: Record<string, Schema>;
  oneOf?: Schema[];
  items?: Schema;
  anyOf?: Schema[];
};

function runIn(root: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, { root, cwd: root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

/** Every `$ref` in the schema. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

describe('the generated JSON Schema', () => {
  const schema = definitionJsonSchema() as Schema;

  it('is draft 2020-12 with an id and a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toEqual(expect.any(String));
    expect(schema.title).toBe('Questionnaire definition');
    expect(Object.keys(schema).slice(0, 3)).toEqual(['$schema', '$id', 'title']);
  });

  it('requires only what an author must write', () => {
    expect([...(schema.required ?? [])].sort()).toEqual(['id', 'items', 'languages', 'license', 'source', 'title', 'version']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain('$schema');
  });

  it('describes the recursive condition and score expression once each, by reference', () => {
    const condition = schema.$defs?.condition;
    const expression = schema.$defs?.expression;
    expect(Object.keys(schema.$defs ?? {})).toEqual(['condition', 'expression']);
    expect(condition?.oneOf).toHaveLength(9);
    expect(expression?.oneOf).toHaveLength(8);
    const refs = refsIn(schema);
    expect(refs.length).toBeGreaterThan(10);
    expect(new Set(refs)).toEqual(new Set(['#/$defs/condition', '#/$defs/expression']));
    // all, any and not refer back to the condition itself
    expect(refsIn(condition)).toHaveLength(3);
    // add, multiply, subtract, divide and power refer back to the expression itself
    expect(new Set(refsIn(expression))).toEqual(new Set(['#/$defs/expression']));
    expect(refsIn(expression)).toHaveLength(5);
  });

  it('lists every item kind', () => {
    const kinds = (schema.properties.items?.items?.oneOf ?? schema.properties.items?.items?.anyOf ?? []).map(
      (item) => (item.properties.kind as { const?: string } | undefined)?.const,
    );
    expect(kinds).toEqual([
      'single-choice',
      'multiple-choice',
      'scale',
      'integer',
      'decimal',
      'yes-no',
      'date',
      'text',
      'long-text',
      'display',
      'group',
    ]);
  });

  it('is written with two spaces and a final newline', () => {
    const text = renderDefinitionJsonSchema();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"\$schema"/);
    expect(JSON.parse(text)).toEqual(schema);
  });
});

describe('the schema command', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'eprom-schema-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the committed schema up to date', () => {
    expect(readFileSync(join(projectRoot, schemaFile), 'utf8')).toBe(renderDefinitionJsonSchema());
    expect(runIn(projectRoot, ['schema', '--check'])).toEqual({
      status: 0,
      stdout: `${schemaFile} is up to date\n${planSchemaFile} is up to date\n`,
      stderr: '',
    });
  });

  it('writes the schema, and then finds it up to date', () => {
    expect(runIn(scratch, ['schema', '--check'])).toMatchObject({ status: 1, stderr: expect.stringContaining('is missing') });
    expect(runIn(scratch, ['schema'])).toMatchObject({ status: 0, stdout: `wrote ${schemaFile}\nwrote ${planSchemaFile}\n` });
    expect(readFileSync(join(scratch, schemaFile), 'utf8')).toBe(renderDefinitionJsonSchema());
    expect(runIn(scratch, ['schema', '--check']).status).toBe(0);
  });

  it('fails the check when the file differs, and writes nothing', () => {
    const path = join(scratch, schemaFile);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{}\n');
    const result = runIn(scratch, ['schema', '--check']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${schemaFile} is out of date: run "npm run questionnaires -- schema" and commit the file\n`);
    expect(readFileSync(path, 'utf8')).toBe('{}\n');
  });

  it('is what the demo questionnaire names as its $schema', () => {
    const demo = JSON.parse(readFileSync(join(projectRoot, 'questionnaires/demo-wellbeing.json'), 'utf8')) as { $schema: string };
    expect(join(projectRoot, 'questionnaires', demo.$schema)).toBe(join(projectRoot, schemaFile));
  });
});

describe('editor help', () => {
  it('describes every field of the format, so an editor shows help while typing', () => {
    const undescribed: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
      if (typeof value !== 'object' || value === null) return;
      const node = value as Record<string, unknown>;
      for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>))
        if (!property.description && !property.$ref) undescribed.push(`${path}.${name}`);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(definitionJsonSchema(), '#');
    expect(undescribed).toEqual([]);
  });

  it('gives examples of ids, codes, languages and texts', () => {
    const text = JSON.stringify(definitionJsonSchema());
    for (const example of ['"examples":["nb","nn","en"]', '"examples":["q1","mood_overall","ede-q"]', '"examples":["yes","0","work-full"]'])
      expect(text).toContain(example);
  });
});
