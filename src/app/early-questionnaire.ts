// The questionnaire a link opens is fetched from main.tsx, before React's first render, so that the
// network waits while the bundle starts instead of after it. Only the files (and the code that checks
// them) are fetched early; they are parsed and checked when the screen asks for them, exactly as if
// fetched then.
import { createContext, useContext } from 'react';
import { fetchCatalogue, fetchDefinitionText, type Catalogue, type CatalogueEntry } from './catalogue.js';
import { parseRoute } from './routing.js';

export interface EarlyQuestionnaire {
  /** The catalogue and the file of `key`, fetched once; null when `key` is not what was fetched or it was taken already. */
  take: (key: string) => { catalogue: Promise<Catalogue>; definitionText: (entry: CatalogueEntry) => Promise<string> } | null;
}

/** Starts fetching the questionnaire that the address opens, if it opens one from the catalogue. */
export function fetchEarly(hash: string, fetcher: typeof fetch = fetch): EarlyQuestionnaire | null {
  const route = parseRoute(hash);
  if (route.name !== 'questionnaire') return null;
  const catalogue = fetchCatalogue(fetcher);
  const text = catalogue.then((c) => {
    const entry = c.questionnaires.find((q) => q.key === route.key);
    // A file the build did not vouch for is checked in full (parse-definition.ts, a chunk of its own): load it meanwhile.
    if (entry && entry.textHash === undefined) import('../core/parse-definition.js').catch(() => undefined);
    return entry ? { entry, text: fetchDefinitionText(entry, fetcher) } : null;
  });
  // Nobody may ever ask (a response in progress resumes from the device): a failure is reported only to whoever takes it.
  text.then(
    (t) => t?.text.catch(() => undefined),
    () => undefined,
  );
  let isTaken = false;
  return {
    take: (key) => {
      if (isTaken || key !== route.key) return null;
      isTaken = true;
      return {
        catalogue,
        definitionText: async (entry) => {
          const early = await text;
          return early && early.entry.file === entry.file ? early.text : fetchDefinitionText(entry, fetcher);
        },
      };
    },
  };
}

export const EarlyQuestionnaireContext = createContext<EarlyQuestionnaire | null>(null);

export const useEarlyQuestionnaire = (): EarlyQuestionnaire | null => useContext(EarlyQuestionnaireContext);
