// The plans' JSON Schema: generated from the zod schema, committed up to date, every field
// described for editors, and it accepts the shipped plans (checked with Ajv, as an editor would).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, planSchemaFile, renderedSchemas } from '../../src/cli/schema.js';
import { projectRoot } from '../core/fixtures.js';

const plansFolder = join(projectRoot, 'questionnaires/plans');
const shipped = readdirSync(plansFolder).map((name) => ({
  name,
  json: JSON.parse(readFileSync(join(plansFolder, name), 'utf8')) as unknown,
}));

describe('the plan JSON Schema', () => {
  const schema = planJsonSchema();

  it('is committed as generated', () => {
    const rendered = renderedSchemas().find((s) => s.file === planSchemaFile);
    expect(readFileSync(join(projectRoot, planSchemaFile), 'utf8')).toBe(rendered?.text);
    expect(schema).toMatchObject({ $id: 'urn:eprom:measurement-plan', title: 'Measurement plan' });
  });

  it('requires what an author must write, and names spans and setting references once each', () => {
    expect([...((schema.required as string[] | undefined) ?? [])].sort()).toEqual([
      'id',
      'license',
      'source',
      'timePoints',
      'title',
      'version',
    ]);
    expect(Object.keys((schema.$defs as object | undefined) ?? {})).toEqual(['span', 'settingReference']);
  });

  it('accepts every shipped plan, which names it as its $schema', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const { name, json } of shipped) {
      expect(validate(json) ? [] : validate.errors, name).toEqual([]);
      expect(join(plansFolder, (json as { $schema: string }).$schema)).toBe(join(projectRoot, planSchemaFile));
    }
    expect(validate({ ...(shipped[0]?.json as object), timePoint: [] })).toBe(false);
    const ect = shipped.find((plan) => plan.name === 'ect.json')?.json as { timePoints: { offset: unknown }[] };
    expect(validate({ ...ect, timePoints: [{ ...ect.timePoints[0], offset: {} }] })).toBe(false);
    expect(validate({ ...ect, timePoints: [{ ...ect.timePoints[0], offset: { setting: 'interval' } }] })).toBe(true);
  });

  it('describes every field, so an editor shows help while typing', () => {
    const undescribed: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
      if (typeof value !== 'object' || value === null) return;
      const node = value as Record<string, unknown>;
      for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>))
        if (!property.description && !property.$ref) undescribed.push(`${path}.${name}`);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(undescribed).toEqual([]);
  });
});
