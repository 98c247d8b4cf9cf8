// The SurveyJS page of the side-by-side benchmark, built into tmp/bench/surveyjs (not shipped).
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompressPlugin } from '../../scripts/precompress-plugin.js';
import { toSurveyJs } from './convert.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const edeQ = JSON.parse(readFileSync(path.join(root, 'questionnaires/ede-q-6.0.json'), 'utf8')) as Parameters<typeof toSurveyJs>[0];

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  define: { __SURVEY_JSON__: JSON.stringify(toSurveyJs(edeQ)) },
  // Compressed copies as for our app, so both are served alike.
  plugins: [react(), precompressPlugin()],
  build: { outDir: path.join(root, 'tmp/bench/surveyjs'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  logLevel: 'warn',
});
