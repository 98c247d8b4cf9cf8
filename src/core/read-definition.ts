// A definition's identity (its content hash and id@version) without its schema or the checks of its
// own references. For a definition that was checked in full where it entered (the register when it
// loads its questionnaires, the device when it claims an order, the app's build for its catalogue)
// and whose content hash says it has not changed since: the patient's first screen then does not
// build the schema (hundreds of zod schemas), carry the checks' code, nor a SHA-256 (the app hashes
// with WebCrypto: device/content-hash.ts). parse-definition.ts checks the schema, adds the hash
// (core/content-hash.ts) and the checks.
import type { Definition } from './definition.js';
import type { Problem } from './problems.js';

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

/** A definition known by its hash, with its key. */
export function identified(definition: Definition, hash: string): ParseResult {
  return { ok: true, definition, hash, key: definitionKey(definition) };
}
