// The staff console (staff/index.html, src/app/staff) is built as a build of its own into the same
// dist/, after the patient's app: one build of both would let the console's imports change the
// patient's bundle (a module shared by the two is emitted once, with every export either uses), and
// the patient's route must not carry a byte of it. Its files are named staff-* under assets/, and
// the service worker's manifest leaves them out (vite.config.ts), so patients' phones never
// precache them. `vite build` builds both; the dev server serves /staff/ from the same config.
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { precompressPlugin } from './precompress-plugin.js';

export function staffConsolePlugin(define: Record<string, string>): Plugin {
  return {
    name: 'eprom-staff-console',
    apply: 'build',
    // Not for the nested build itself, which is made without the config file and so without this plugin.
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        define,
        plugins: [react(), precompressPlugin()],
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          sourcemap: 'hidden',
          chunkSizeWarningLimit: 700,
          rolldownOptions: {
            input: { staff: 'staff/index.html' },
            output: {
              entryFileNames: 'assets/staff-[hash].js',
              chunkFileNames: 'assets/staff-[name]-[hash].js',
              assetFileNames: 'assets/staff-[name]-[hash][extname]',
            },
          },
        },
      });
    },
  };
}
