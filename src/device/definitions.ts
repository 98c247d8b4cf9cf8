// The questionnaire definitions a device has answered or may answer, kept so that a response can
// always be shown, validated and sealed against the exact text the person saw.
import { definitionKey, isAnswerable, leafItems, type Definition, type ParsedDefinition } from '../core/index.js';
import { digestContentHash } from './content-hash.js';
import type { DeviceDatabase } from './database.js';
import { definitionRow, parseStoredRow, type DefinitionRow } from './rows.js';

/** The same id@version arrived with different content: a published version must never change. */
export class DefinitionConflictError extends Error {
  override name = 'DefinitionConflictError';
  constructor(
    readonly key: string,
    readonly storedHash: string,
    readonly newHash: string,
  ) {
    super(
      `Definition ${key} is already stored with different content (stored ${storedHash}, new ${newHash}); publish a new version instead of changing this one`,
    );
  }
}

/** A stored definition no longer parses, or no longer matches the hash it was stored under. */
export class StoredDefinitionError extends Error {
  override name = 'StoredDefinitionError';
  constructor(
    readonly key: string,
    readonly problems: string[],
  ) {
    super(`The stored definition ${key} cannot be used: ${problems.join('; ')}`);
  }
}

/** Stores a parsed definition; storing the same content again does nothing. */
export async function storeDefinition(db: DeviceDatabase, parsed: ParsedDefinition): Promise<void> {
  await db.transaction('rw', db.definitions, async () => {
    const existing = await db.definitions.get(parsed.key);
    if (existing !== undefined) {
      const stored = parseStoredRow(definitionRow, existing, 'definitions', parsed.key);
      if (stored.hash === parsed.hash) return;
      throw new DefinitionConflictError(parsed.key, stored.hash, parsed.hash);
    }
    const row: DefinitionRow = {
      key: parsed.key,
      id: parsed.definition.id,
      version: parsed.definition.version,
      hash: parsed.hash,
      json: parsed.definition,
      storedAt: new Date().toISOString(),
    };
    await db.definitions.add(row);
  });
}

/**
 * Loads a definition and checks its content hash against the hash it was stored with. It was checked
 * in full, shape and references, before it was stored (a claim checks every definition it receives;
 * the app's own were checked by its build, and their hash says so), and the hash is over every byte
 * of its content: an unchanged hash says it is still that definition, so its shape is not checked
 * again. The schema (hundreds of zod schemas built when its module is evaluated) then stays off the
 * patient's first page, and a response resumes without parsing its definition.
 */
export async function loadDefinition(db: DeviceDatabase, key: string): Promise<ParsedDefinition | undefined> {
  const found = await db.definitions.get(key);
  if (found === undefined) return undefined;
  const row = parseStoredRow(definitionRow, found, 'definitions', key);
  const read = await readStored(row);
  if (!read.ok) throw new StoredDefinitionError(key, read.problems);
  return { definition: read.definition, hash: row.hash, key };
}

/** The stored definition, when its content still hashes as stored and it is the one its row names. */
async function readStored(row: DefinitionRow): Promise<{ ok: true; definition: Definition } | { ok: false; problems: string[] }> {
  const hash = await digestContentHash(row.json);
  const definition = row.json as unknown as Definition;
  const problems = [
    hash !== row.hash && `its content hash is ${hash}, not the ${row.hash} it was stored with`,
    definitionKey(definition) !== row.key && `it is the definition ${definitionKey(definition)}`,
    (row.id !== definition.id || row.version !== definition.version) && `its row names ${row.id}@${row.version}`,
  ].filter((problem): problem is string => problem !== false);
  return problems.length === 0 ? { ok: true, definition } : { ok: false, problems };
}

type Titled = Pick<Definition, 'title' | 'languages'> & { itemCount: number };

/** The title, languages and number of questions of every stored definition, by key, for lists; a damaged row is left out. */
export async function listDefinitionTitles(db: DeviceDatabase): Promise<Map<string, Titled>> {
  const titles = new Map<string, Titled>();
  for (const found of await db.definitions.toArray()) {
    const row = definitionRow.safeParse(found);
    const read = row.success ? await readStored(row.data) : null;
    if (!row.success || !read?.ok) continue;
    const { title, languages } = read.definition;
    titles.set(row.data.key, {
      title,
      languages,
      itemCount: leafItems(read.definition).filter(isAnswerable).length,
    });
  }
  return titles;
}
