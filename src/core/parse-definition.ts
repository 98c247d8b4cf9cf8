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

/** The 1-based line and column of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

/** JSON.parse with the position of a syntax error as a line and column. */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const where = position
      ? lineAndColumn(text, Number(position[1]))
      : lineCol
        ? { line: Number(lineCol[1]), column: Number(lineCol[2]) }
        : {};
    return { ok: false, message: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, ...where };
  }
}

export function parseDefinitionText(text: string): ParseResult {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, problems: [{ path: [], message: json.message }] };
  return parseDefinition(json.value);
}
