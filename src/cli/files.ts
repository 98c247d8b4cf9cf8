// Which files `check` reads: the files named, and every *.json file under the folders named.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders never searched: the generated JSON Schema lives in schema/, and it is no definition. */
const skippedFolders = new Set(['schema', 'node_modules']);

/** The version lock sits beside the definitions, and it is no definition either. */
const skippedFiles = new Set(['published.json']);

export interface CollectedFiles {
  /** Definition files in a stable order, spelled as the arguments were (relative stays relative). */
  files: string[];
  /** Arguments that name nothing on disk. */
  missing: string[];
}

function isFolderSearched(name: string): boolean {
  return !skippedFolders.has(name) && !name.startsWith('.');
}

/** The *.json files under `folder` (spelled relative to `cwd` or absolute), in name order. */
function jsonFilesUnder(cwd: string, folder: string): string[] {
  const entries = readdirSync(resolve(cwd, folder), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return isFolderSearched(entry.name) ? jsonFilesUnder(cwd, path) : [];
    return entry.isFile() && entry.name.endsWith('.json') && !skippedFiles.has(entry.name) ? [path] : [];
  });
}

/** A file named explicitly is checked whatever its name; a folder is searched for *.json files. */
export function collectDefinitionFiles(paths: readonly string[], cwd: string): CollectedFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const stats = statSync(resolve(cwd, path), { throwIfNoEntry: false });
    if (!stats) {
      missing.push(path);
      continue;
    }
    const found = stats.isDirectory() ? jsonFilesUnder(cwd, path) : [path];
    for (const file of found) {
      const absolute = resolve(cwd, file);
      if (!seen.has(absolute)) files.push(file);
      seen.add(absolute);
    }
  }
  return { files, missing };
}
