// Lint rules, and the direction of imports between layers (DESIGN.md): core imports nothing of the
// others; app and device never import server; server never imports app or device.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const layer = (group, message) => ({ group, message });

const notServer = layer(
  ['**/server/**', '**/cli/**', 'fastify', '@fastify/*', 'better-sqlite3'],
  'The app and the device layer never import the server or the command line.',
);
const browserOnly = layer(['node:*'], 'This code runs in the browser.');

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'tmp/', 'questionnaires/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody awaits loses its error, and one passed where a void
    // callback is expected runs unobserved.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The service worker has a config of its own (WebWorker library), outside tsconfig.json.
    files: ['src/app/sw.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.sw.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Small rooms: a file that grows past 300 lines holds two ideas, a function past 80 two steps.
    // Data tables (locale files, the definition format's documentation) are not code.
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/core/definition-docs.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      layer(
        ['**/app/**', '**/device/**', '**/server/**', '**/cli/**'],
        'src/core is the pure centre: it imports nothing of the other layers.',
      ),
      layer(
        ['react', 'react-*', 'dexie', 'dexie-*', 'fastify', '@fastify/*', 'i18next', 'react-i18next', 'better-sqlite3', 'workbox-*'],
        'src/core has no UI, storage or HTTP.',
      ),
      layer(['node:*', 'fs', 'path', 'crypto'], 'src/core runs in the browser too: no Node modules.'),
    ),
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: restrict(browserOnly, notServer),
  },
  {
    files: ['src/device/**/*.ts'],
    rules: restrict(browserOnly, notServer, layer(['**/app/**', 'react', 'react-*'], 'The device layer knows nothing of the React app.')),
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrict(
      layer(
        ['**/app/**', '**/device/**', 'react', 'react-*', 'dexie'],
        'The server and the command line never import the app or the device layer.',
      ),
    ),
  },
);
