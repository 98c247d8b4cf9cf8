// `schema`: the JSON Schema of a definition, generated from the zod schema (the single source of
// truth) so editors can complete and check questionnaire files while they are written.
import { z } from 'zod';
import { definitionSchema } from '../core/definition.js';
import { definitionDocs } from '../core/definition-docs.js';

/** Where the schema is written, relative to the project root; definitions point at it with `$schema`. */
export const schemaFile = 'questionnaires/schema/definition.schema.json';

const schemaId = 'urn:eprom:questionnaire-definition';

export function definitionJsonSchema(): Record<string, unknown> {
  // "input": what an author writes, so optional fields are not listed as required. The descriptions,
  // examples and the $defs names (condition, expression) come from definition-docs.ts.
  const generated = z.toJSONSchema(definitionSchema, { target: 'draft-2020-12', io: 'input', metadata: definitionDocs }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
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
