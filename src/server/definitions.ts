// The questionnaires the register can order: every definition file in the questionnaires folder.
// A file that is not a valid definition is left out with a warning rather than stopping the
// register: submissions are checked against the snapshots in the store, not against these files.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPath, type ParsedDefinition } from '../core/index.js';
import { parseDefinition, parseDefinitionText } from '../core/parse-definition.js';
import type { RegisterStore } from './store/store.js';

export interface LoadedDefinitions {
  definitions: Map<string, ParsedDefinition>;
  /** For the person starting the register: files left out, and why. */
  warnings: string[];
}

export async function loadDefinitions(folder: string): Promise<LoadedDefinitions> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json') && entry.name !== 'published.json')
    .map((entry) => entry.name)
    .sort();
  const definitions = new Map<string, ParsedDefinition>();
  const warnings: string[] = [];
  for (const name of names) {
    const result = parseDefinitionText(await readFile(path.join(folder, name), 'utf8'));
    if (!result.ok) {
      const problems = result.problems.slice(0, 3).map((p) => `${formatPath(p.path)} ${p.message}`.trim());
      warnings.push(`${name} is left out: it is not a valid definition (${problems.join('; ')}); see npm run questionnaires -- check`);
    } else if (definitions.has(result.key)) {
      warnings.push(`${name} is left out: it defines ${result.key} again`);
    } else {
      definitions.set(result.key, { definition: result.definition, hash: result.hash, key: result.key });
    }
  }
  return { definitions, warnings };
}

/** Definition files that differ from what orders already use: a published version must not change. */
export async function changedSincePublished(definitions: ReadonlyMap<string, ParsedDefinition>, store: RegisterStore): Promise<string[]> {
  const warnings: string[] = [];
  for (const [key, parsed] of definitions) {
    const stored = await store.getDefinition(key);
    if (stored && stored.hash !== parsed.hash)
      warnings.push(
        `${key} has changed since orders first used it (kept ${stored.hash}, file ${parsed.hash}): new orders for it are refused; publish the change as a new version`,
      );
  }
  return warnings;
}

/**
 * The definitions orders refer to, read from their snapshots (which never change once stored) and
 * kept parsed. The snapshot, not the file, is what answers are checked against.
 */
export function snapshotReader(store: RegisterStore): (key: string) => Promise<ParsedDefinition | undefined> {
  const parsedByKey = new Map<string, ParsedDefinition>();
  return async (key) => {
    const cached = parsedByKey.get(key);
    if (cached) return cached;
    const stored = await store.getDefinition(key);
    if (!stored) return undefined;
    const parsed = parseDefinition(stored.json);
    if (!parsed.ok) return undefined;
    // The order pinned the stored hash; a newer parser may normalise the same text differently.
    const snapshot = { definition: parsed.definition, hash: stored.hash, key };
    parsedByKey.set(key, snapshot);
    return snapshot;
  };
}
