// The questionnaires shipped with the app: an index and one JSON file each, emitted at build time
// (scripts/questionnaires-plugin.ts) and precached by the service worker.
import { z } from 'zod/mini';
import { localisedText } from '../core/index.js';

export const catalogueEntry = z.object({
  key: z.string(),
  file: z.string().check(z.regex(/^[\w.@-]+\.json$/)),
  title: localisedText,
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
