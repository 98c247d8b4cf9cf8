// The floors of the benchmark (issue 19), built into tmp/bench/floors (not shipped): bare.html (no
// framework, raw IndexedDB), react.html (React 19 and Dexie) and stack.html (the design card's stack:
// React, Dexie, i18next and zod, its page fetched), each showing the first page of EDE-Q (?q=ede-q)
// or of the generated 300-item questionnaire (?q=bench-300).
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompressPlugin } from '../../scripts/precompress-plugin.js';
import { bigQuestionnaire } from '../big-questionnaire.js';
import { floorPage } from './spec.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const edeQ = JSON.parse(readFileSync(path.join(root, 'questionnaires/ede-q-6.0.json'), 'utf8')) as unknown;

const pages = { 'ede-q': floorPage(edeQ), 'bench-300': floorPage(bigQuestionnaire()) };

/** The pages again as JSON files (pages/<q>.json), for the stack floor, which fetches its page. */
function floorPagesAsJson(): Plugin {
  return {
    name: 'floor-pages-as-json',
    generateBundle() {
      for (const [q, page] of Object.entries(pages))
        this.emitFile({ type: 'asset', fileName: `pages/${q}.json`, source: JSON.stringify(page) });
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  define: { __FLOOR_PAGES__: JSON.stringify(pages) },
  // Compressed copies as for our app, so all are served alike.
  plugins: [react(), precompressPlugin(), floorPagesAsJson()],
  build: {
    outDir: path.join(root, 'tmp/bench/floors'),
    emptyOutDir: true,
    target: 'es2022',
    // For bench/profile.ts, which puts each sample down to its source (the register does not serve the maps).
    sourcemap: true,
    rollupOptions: {
      input: {
        index: path.join(here, 'index.html'),
        bare: path.join(here, 'bare.html'),
        react: path.join(here, 'react.html'),
        stack: path.join(here, 'stack.html'),
      },
    },
  },
  logLevel: 'warn',
});
