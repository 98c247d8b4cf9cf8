// The two tap floors of the benchmark (issue 19), built into tmp/bench/floors (not shipped):
// bare.html (no framework, raw IndexedDB) and react.html (React 19 and Dexie), each showing the first
// page of EDE-Q (?q=ede-q) or of the generated 300-item questionnaire (?q=bench-300).
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompressPlugin } from '../../scripts/precompress-plugin.js';
import { bigQuestionnaire } from '../big-questionnaire.js';
import { floorPage } from './spec.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const edeQ = JSON.parse(readFileSync(path.join(root, 'questionnaires/ede-q-6.0.json'), 'utf8')) as unknown;

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  define: { __FLOOR_PAGES__: JSON.stringify({ 'ede-q': floorPage(edeQ), 'bench-300': floorPage(bigQuestionnaire()) }) },
  // Compressed copies as for our app, so all are served alike.
  plugins: [react(), precompressPlugin()],
  build: {
    outDir: path.join(root, 'tmp/bench/floors'),
    emptyOutDir: true,
    target: 'es2022',
    // For bench/profile.ts, which puts each sample down to its source (the register does not serve the maps).
    sourcemap: true,
    rollupOptions: {
      input: { index: path.join(here, 'index.html'), bare: path.join(here, 'bare.html'), react: path.join(here, 'react.html') },
    },
  },
  logLevel: 'warn',
});
