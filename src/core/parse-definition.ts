// The one way a definition is read, by the app, the register endpoint and the command line.
import { contentHash } from './content-hash.js';
import { checkIntegrity } from './integrity.js';
import { definitionSchema } from './definition.js';
import { fromZodIssues, humanError } from './problems.js';
import { identified, type ParseResult } from './read-definition.js';

export { definitionKey, type ParsedDefinition, type ParseResult } from './read-definition.js';

/**
 * The definition's shape against the schema, and its hash and key; its references are not checked.
 * The schema is here, not in read-definition.ts: it is hundreds of zod schemas, built when this module is
 * evaluated, and the patient's first page reads only definitions whose hash says they were checked.
 */
export function parseDefinitionShape(input: unknown): ParseResult {
  const result = definitionSchema.safeParse(input, { error: humanError });
  if (!result.success) return { ok: false, problems: fromZodIssues(result.error.issues, input, definitionSchema) };
  return identified(result.data, contentHash(result.data));
}

/** Validates a definition (already parsed from JSON) against the schema and its own references. */
export function parseDefinition(input: unknown): ParseResult {
  const result = parseDefinitionShape(input);
  if (!result.ok) return result;
  const problems = checkIntegrity(result.definition);
  return problems.length > 0 ? { ok: false, problems } : result;
}

/**
 * Reads a definition's text with JSON.parse alone: the app parses fetched definitions, and positions
 * in the text are for authors (`checkDefinitionText`, which the command line and the preview use).
 */
export function parseDefinitionText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: [], message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return parseDefinition(value);
}
