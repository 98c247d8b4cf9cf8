// A definition's shape and identity (its schema, content hash and id@version) without the checks of
// its own references (integrity.ts). For a definition that was checked in full where it entered (the
// register when it loads its questionnaires, the device when it claims an order, the app's build for
// its catalogue) and whose content hash says it has not changed since: the patient's first screen
// then does not carry the checks' code, nor a SHA-256 (the app hashes with WebCrypto:
// device/content-hash.ts). parse-definition.ts adds the hash (core/content-hash.ts) and the checks.
import { definitionSchema, type Definition } from './definition.js';
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

/** The definition's shape against the schema, without its hash: for a caller that takes the hash itself. */
export function readDefinitionShape(input: unknown): { ok: true; definition: Definition } | { ok: false; problems: Problem[] } {
  const result = definitionSchema.safeParse(input, { error: humanError });
  return result.success ? { ok: true, definition: result.data } : { ok: false, problems: fromZodIssues(result.error.issues, input) };
}

/** A definition known by its hash, with its key. */
export function identified(definition: Definition, hash: string): ParseResult {
  return { ok: true, definition, hash, key: definitionKey(definition) };
}
