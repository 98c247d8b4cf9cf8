// The questionnaire definitions a device has answered or may answer, kept so that a response can
// always be shown, validated and sealed against the exact text the person saw.
import { z } from 'zod/mini';
import {
  formatPath,
  identified,
  isAnswerable,
  leafItems,
  localisedText,
  readDefinitionShape,
  type ParsedDefinition,
} from '../core/index.js';
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
 * Loads a definition and reads it again: its shape against the schema, and its content hash against the
 * hash it was stored with. Its references were checked in full when it was stored (a claim checks every
 * definition it receives), and an unchanged hash says it is still that definition.
 */
export async function loadDefinition(db: DeviceDatabase, key: string): Promise<ParsedDefinition | undefined> {
  const found = await db.definitions.get(key);
  if (found === undefined) return undefined;
  const row = parseStoredRow(definitionRow, found, 'definitions', key);
  const shape = readDefinitionShape(row.json);
  const result = shape.ok ? identified(shape.definition, await digestContentHash(shape.definition)) : shape;
  if (!result.ok) {
    throw new StoredDefinitionError(
      key,
      result.problems.map((problem) => `${formatPath(problem.path)}: ${problem.message}`),
    );
  }
  const mismatches = [
    result.key !== key && `it is the definition ${result.key}`,
    (row.id !== result.definition.id || row.version !== result.definition.version) && `its row names ${row.id}@${row.version}`,
    result.hash !== row.hash && `its content hash is ${result.hash}, not the ${row.hash} it was stored with`,
  ].filter((problem): problem is string => problem !== false);
  if (mismatches.length > 0) throw new StoredDefinitionError(key, mismatches);
  const { definition, hash } = result;
  return { definition, hash, key };
}

const titled = z.object({ title: localisedText, languages: z.array(z.string()) });
type Titled = z.infer<typeof titled> & { itemCount: number };

function countItems(json: Record<string, unknown>): number {
  const parsed = readDefinitionShape(json);
  return parsed.ok ? leafItems(parsed.definition).filter(isAnswerable).length : 0;
}

/** The title, languages and number of questions of every stored definition, by key, for lists; a damaged row is left out. */
export async function listDefinitionTitles(db: DeviceDatabase): Promise<Map<string, Titled>> {
  const titles = new Map<string, Titled>();
  for (const row of await db.definitions.toArray()) {
    const parsed = definitionRow.safeParse(row);
    const named = parsed.success ? titled.safeParse(parsed.data.json) : null;
    if (parsed.success && named?.success) titles.set(parsed.data.key, { ...named.data, itemCount: countItems(parsed.data.json) });
  }
  return titles;
}
