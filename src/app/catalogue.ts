// The questionnaires shipped with the app: an index and one JSON file each, emitted at build time
// (scripts/questionnaires-plugin.ts) and precached by the service worker.
import { z } from 'zod/mini';
import { definitionKey, localisedText, type Definition, type ParseResult } from '../core/index.js';
import { digestText } from '../device/content-hash.js';

export const catalogueEntry = z.object({
  key: z.string(),
  file: z.string().check(z.regex(/^[\w.@-]+\.json$/)),
  title: localisedText,
  /** The content hash of the file as the build checked it in full, when it passed. */
  checked: z.optional(z.string()),
  /** With it, the SHA-256 of the file's text as the build read it. */
  textHash: z.optional(z.string()),
});
export type CatalogueEntry = z.infer<typeof catalogueEntry>;

export const catalogue = z.object({ questionnaires: z.array(catalogueEntry) });
export type Catalogue = z.infer<typeof catalogue>;

/** The server answered, but has no such file: not a network problem, and retrying will not help. */
export class MissingFileError extends Error {
  override name = 'MissingFileError';
}

const base = `${import.meta.env.BASE_URL}questionnaires/`;

export async function fetchCatalogue(fetcher: typeof fetch = fetch): Promise<Catalogue> {
  const response = await fetcher(`${base}index.json`);
  if (!response.ok) throw new Error(`the questionnaire index answered ${response.status}`);
  return catalogue.parse(await response.json());
}

/** The text of a questionnaire's file, not yet parsed. */
export async function fetchDefinitionText(entry: CatalogueEntry, fetcher: typeof fetch = fetch): Promise<string> {
  const response = await fetcher(base + entry.file);
  if (response.status === 404) throw new MissingFileError(`the questionnaire ${entry.key} is not on the server`);
  if (!response.ok) throw new Error(`the questionnaire ${entry.key} answered ${response.status}`);
  return response.text();
}

/**
 * A questionnaire file read for showing. One the build checked in full is trusted when its text is
 * byte for byte what the build read (a native SHA-256 of the text, where the content hash would first
 * take the canonical JSON of the whole definition), so the first page waits neither for the schema
 * and the checks nor for the canonical JSON; any other, or one that has changed since, is checked in
 * full here (a chunk of its own) and shown with what is wrong when it fails.
 */
export async function readCatalogueDefinition(entry: CatalogueEntry, text: string): Promise<ParseResult> {
  const trusted = await checkedAtBuild(entry, text);
  if (trusted) return trusted;
  const { parseDefinitionText } = await import('../core/parse-definition.js');
  return parseDefinitionText(text);
}

async function checkedAtBuild({ key, checked, textHash }: CatalogueEntry, text: string): Promise<ParseResult | undefined> {
  if (checked === undefined || textHash === undefined || (await digestText(text)) !== textHash) return undefined;
  const definition = JSON.parse(text) as Definition;
  return definitionKey(definition) === key ? { ok: true, definition, hash: checked, key } : undefined;
}
