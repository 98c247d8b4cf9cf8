// Writes a brotli and a gzip copy beside each script, stylesheet and image under assets/, so the
// register's static server (preCompressed) sends a patient's phone about a quarter of the bytes.
// Only assets/: their names carry a content hash, so a copy can never be older than its file. Files
// whose names stay the same from version to version (index.html, sw.js, the questionnaires) are
// sent as they are, never from a copy that a new deployment could leave behind.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Smaller files gain nothing worth a second request path. */
const minimumBytes = 1024;

export function precompressPlugin(): Plugin {
  return {
    name: 'eprom-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      const files = Object.values(bundle).filter((file) => file.fileName.startsWith('assets/') && /\.(js|css|svg)$/.test(file.fileName));
      await Promise.all(
        files.map(async (file) => {
          const bytes = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          if (bytes.length < minimumBytes) return;
          const target = path.join(outDir, file.fileName);
          const [br, gz] = await Promise.all([
            brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
            gzipped(bytes, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)]);
        }),
      );
    },
  };
}
