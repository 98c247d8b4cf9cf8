// The one way a definition is read, by the app, the register endpoint and the command line.
import { contentHash } from './content-hash.js';
import { definitionSchema, type Definition } from './definition.js';
import { checkIntegrity } from './integrity.js';
import { fromZodIssues, humanError, type Problem } from './problems.js';

export interface ParsedDefinition {
  definition: Definition;
  /** `sha256-…` over the canonical JSON; see content-hash.ts. */
  hash: string;
  /** `id@version`, the key under which a published definition is known. */
  key: string;
}

export type ParseResult = ({ ok: true } & ParsedDefinition) | { ok: false; problems: Problem[] };

export function definitionKey(definition: Pick<Definition, 'id' | 'version'>): string {
  return `${definition.id}@${definition.version}`;
}

/** Validates a definition (already parsed from JSON) against the schema and its own references. */
export function parseDefinition(input: unknown): ParseResult {
  const result = definitionSchema.safeParse(input, { error: humanError });
  if (!result.success) return { ok: false, problems: fromZodIssues(result.error.issues, input) };
  const problems = checkIntegrity(result.data);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition: result.data, hash: contentHash(result.data), key: definitionKey(result.data) };
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
