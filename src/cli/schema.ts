// `schema`: the JSON Schemas of a definition and of a measurement plan, generated from the zod
// schemas (the single source of truth) so editors can complete and check the files while they are written.
import { z } from 'zod';
import { definitionSchema } from '../core/definition.js';
import { definitionDocs } from '../core/definition-docs.js';
import { planDocs } from '../core/plans/plan-docs.js';
import { planSchema } from '../core/plans/plan.js';

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

/** Where the plans' schema is written; plans in questionnaires/plans/ point at it with `$schema`. */
export const planSchemaFile = 'questionnaires/schema/plan.schema.json';

export function planJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(planSchema, { target: 'draft-2020-12', io: 'input', metadata: planDocs }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: 'urn:eprom:measurement-plan', title: 'Measurement plan', ...rest };
}

/** Every generated schema file, by its path from the project root, and its exact text. */
export function renderedSchemas(): { file: string; text: string }[] {
  return [
    { file: schemaFile, text: renderDefinitionJsonSchema() },
    { file: planSchemaFile, text: JSON.stringify(planJsonSchema(), null, 2) + '\n' },
  ];
}
