// The questionnaires the register can order: every definition file in the questionnaires folder.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPath, parseDefinitionText, type ParsedDefinition } from '../core/index.js';

export async function loadDefinitions(folder: string): Promise<Map<string, ParsedDefinition>> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && name !== 'published.json').sort();
  const definitions = new Map<string, ParsedDefinition>();
  for (const name of names) {
    const result = parseDefinitionText(await readFile(path.join(folder, name), 'utf8'));
    if (!result.ok)
      throw new Error(`${name} is not a valid definition (${result.problems.map((p) => `${formatPath(p.path)} ${p.message}`).join('; ')}); run npm run questionnaires -- check`);
    if (definitions.has(result.key)) throw new Error(`${name} defines ${result.key} again`);
    definitions.set(result.key, { definition: result.definition, hash: result.hash, key: result.key });
  }
  return definitions;
}
