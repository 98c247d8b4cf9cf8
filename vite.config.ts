import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressPlugin } from './scripts/precompress-plugin.js';
import { questionnairesPlugin } from './scripts/questionnaires-plugin.js';
import { staffConsolePlugin } from './scripts/staff-console-plugin.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const define = { __APP_VERSION__: JSON.stringify(version) };

export default defineConfig({
  define,
  plugins: [
    react(),
    // The staff console at /staff/: a build of its own, after this one (see the plugin).
    staffConsolePlugin(define),
    questionnairesPlugin('questionnaires'),
    precompressPlugin(),
    VitePWA({
      strategies: 'injectManifest', // our own service worker (src/app/sw.ts), for Background Sync
      srcDir: 'src/app',
      filename: 'sw.ts',
      registerType: 'prompt', // a new version waits for the person's consent; see use-service-worker.ts
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
        // The staff console is not precached on patients' phones: its page and its chunks (named
        // staff-* by scripts/staff-console-plugin.ts) are loaded only when someone opens /staff/.
        globIgnores: ['staff/**', 'assets/staff-*'],
      },
      includeAssets: ['icon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: 'Svar – spørreskjema for kvalitetsregistre',
        short_name: 'Svar',
        description: 'Spørreskjema for nasjonale kvalitetsregistre, også uten nett',
        lang: 'nb',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#1d4f6e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    // Written for bench/size.ts and for reading a stack trace, but not named in the bundles: the
    // register does not serve them either (src/server/app.ts), since they hold the full sources.
    sourcemap: 'hidden',
    // One bundle for the patient's route: everything the first page imports statically (its size is
    // measured and compared in the benchmarks), where rolldown would otherwise make a chunk of every
    // module that a lazy chunk shares. What is loaded later comes in chunks of its own, and rolldown's
    // helpers in a small one (rolldown-runtime) that both need.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
});
