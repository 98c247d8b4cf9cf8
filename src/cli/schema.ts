// `schema`: the JSON Schema of a definition, generated from the zod schema (the single source of
// truth) so editors can complete and check questionnaire files while they are written.
import { z } from 'zod';
import { condition, definitionSchema } from '../core/definition.js';

/** Where the schema is written, relative to the project root; definitions point at it with `$schema`. */
export const schemaFile = 'questionnaires/schema/definition.schema.json';

const schemaId = 'urn:eprom:questionnaire-definition';

/** zod names the definitions it extracts to break a cycle `__schema0`, …; give them real names. */
function nameDefinitions(schema: Record<string, unknown>): Record<string, unknown> {
  const defs = (schema.$defs ?? {}) as Record<string, { description?: string }>;
  const names = new Map<string, string>();
  for (const [name, def] of Object.entries(defs))
    if (name.startsWith('__schema') && def.description === condition.description) names.set(name, 'condition');
  if (names.size === 0) return schema;
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        if (key === '$ref' && typeof v === 'string') {
          const match = /^#\/\$defs\/(.+)$/.exec(v);
          const renamed = match?.[1] && names.get(match[1]);
          return [key, renamed ? `#/$defs/${renamed}` : v];
        }
        return [key, rename(v)];
      }),
    );
  };
  const renamedDefs = Object.fromEntries(Object.entries(defs).map(([name, def]) => [names.get(name) ?? name, rename(def)]));
  return { ...(rename(schema) as Record<string, unknown>), $defs: renamedDefs };
}

export function definitionJsonSchema(): Record<string, unknown> {
  // "input": what an author writes, so optional fields are not listed as required.
  const generated = z.toJSONSchema(definitionSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = nameDefinitions(generated);
  return {
    $schema,
    $id: schemaId,
    title: 'Questionnaire definition',
    ...rest,
  };
}

/** The file's exact text: two-space indentation and a final newline, so diffs stay small. */
export function renderDefinitionJsonSchema(): string {
  return JSON.stringify(definitionJsonSchema(), null, 2) + '\n';
}
