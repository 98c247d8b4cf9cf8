// Ships questionnaires/*.json with the app: each file as a static asset under /questionnaires/,
// plus an index the start page lists. The service worker precaches them with the shell.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';
import { parseJson } from '../src/core/json-locate.js';
import { parseDefinition } from '../src/core/parse-definition.js';

export interface CatalogueFile {
  file: string;
  source: string;
}

interface IndexEntry {
  key: string;
  file: string;
  title: Record<string, string>;
  /** The content hash of a file that passed every check here (src/app/catalogue.ts). */
  checked?: string;
  /** With it, the SHA-256 of the file's text as served: the app hashes the text it fetched, natively, and trusts it when it is the same. */
  textHash?: string;
}

async function readQuestionnaires(folder: string): Promise<CatalogueFile[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && name !== 'published.json').sort();
  return Promise.all(names.map(async (file) => ({ file, source: await readFile(path.join(folder, file), 'utf8') })));
}

/**
 * The index lists every file that has an id and a version. A file that passes every check has its
 * content hash and the hash of its text listed, and the app trusts a text that hashes the same; any
 * other file the app checks itself when it opens it, and shows what is wrong.
 */
export function buildIndex(files: CatalogueFile[]): { questionnaires: IndexEntry[] } {
  const questionnaires: IndexEntry[] = [];
  for (const { file, source } of files) {
    const json = parseJson(source);
    if (!json.ok || typeof json.value !== 'object' || json.value === null) continue;
    const { id, version, title } = json.value as Record<string, unknown>;
    if (typeof id !== 'string' || typeof version !== 'string') continue;
    const titles = typeof title === 'object' && title !== null ? (title as Record<string, unknown>) : {};
    const textTitles = Object.fromEntries(Object.entries(titles).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const parsed = parseDefinition(json.value);
    questionnaires.push({
      key: `${id}@${version}`,
      file,
      title: Object.keys(textTitles).length ? textTitles : { en: id },
      ...(parsed.ok ? { checked: parsed.hash, textHash: `sha256-${createHash('sha256').update(source, 'utf8').digest('hex')}` } : {}),
    });
  }
  return { questionnaires };
}

export function questionnairesPlugin(folder: string): Plugin {
  return {
    name: 'eprom-questionnaires',
    configureServer(server) {
      server.middlewares.use('/questionnaires/', (req, res, next) => {
        const name = (req.url ?? '').split('?')[0]?.replace(/^\//, '') ?? '';
        void readQuestionnaires(folder).then((files) => {
          const body = name === 'index.json' ? JSON.stringify(buildIndex(files)) : files.find((f) => f.file === name)?.source;
          if (body === undefined) return next();
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.end(body);
        }, next);
      });
    },
    async generateBundle() {
      const files = await readQuestionnaires(folder);
      for (const { file, source } of files) this.emitFile({ type: 'asset', fileName: `questionnaires/${file}`, source });
      this.emitFile({ type: 'asset', fileName: 'questionnaires/index.json', source: JSON.stringify(buildIndex(files)) });
    },
  };
}
