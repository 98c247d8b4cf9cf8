// 1. Size: the JavaScript and CSS the patient's route loads (what dist/index.html references), and
// everything the service worker precaches (its manifest in dist/sw.js), raw, gzip and brotli
// (node:zlib, maximum levels). The patient bundle is split by package through its source map.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeResult {
  patientRoute: { files: string[]; js: Sizes; css: Sizes };
  precache: { entries: number; total: Sizes; js: Sizes; css: Sizes };
  /** Minified bytes of the patient's bundle by package, with gzip of each package's bytes alone. */
  patientJsByPackage: { name: string; raw: number; gzip: number }[];
}

export function sizes(bytes: Buffer): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const zero: Sizes = { raw: 0, gzip: 0, brotli: 0 };

/** Files each compressed on its own, as a server sends them. */
function sizesOf(dir: string, files: string[]): Sizes {
  return files.reduce((total, file) => add(total, sizes(readFileSync(path.join(dir, file)))), zero);
}

export function patientRouteFiles(distDir: string): string[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

export function precacheFiles(distDir: string): string[] {
  const sw = readFileSync(path.join(distDir, 'sw.js'), 'utf8');
  return [...new Set([...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]!))];
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's mappings into [generated line, column, source index] per segment. */
export function segments(mappings: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  let source = 0;
  let line = 0;
  for (const lineText of mappings.split(';')) {
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = base64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) {
        source += values[1]!;
        out.push([line, column, source]);
      } else out.push([line, column, -1]);
    }
    line++;
  }
  return out;
}

function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (match) return match[1]!;
  const app = /\/src\/([^/]+)\//.exec(source);
  return app ? `src/${app[1]}` : 'other';
}

export function bytesByPackage(jsFile: string): { name: string; raw: number; gzip: number }[] {
  const code = readFileSync(jsFile, 'utf8');
  // rolldown's helper chunk (rolldown-runtime) has no source map.
  if (!existsSync(jsFile + '.map')) return [{ name: 'other', raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length }];
  const map = JSON.parse(readFileSync(jsFile + '.map', 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const chunks = new Map<string, string[]>();
  const segs = segments(map.mappings);
  for (let i = 0; i < segs.length; i++) {
    const [line, column, source] = segs[i]!;
    const next = segs[i + 1];
    const text = lines[line] ?? '';
    const end = next && next[0] === line ? next[1] : text.length;
    const name = source >= 0 ? packageOf(map.sources[source] ?? '') : 'other';
    const list = chunks.get(name) ?? [];
    list.push(text.slice(column, end));
    chunks.set(name, list);
  }
  return [...chunks.entries()]
    .map(([name, parts]) => {
      const bytes = Buffer.from(parts.join(''));
      return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
}

/** A page with no service worker (the SurveyJS page): only what index.html loads. */
export function measureRoute(distDir: string): SizeResult['patientRoute'] {
  const route = patientRouteFiles(distDir);
  return {
    files: route,
    js: sizesOf(
      distDir,
      route.filter((f) => f.endsWith('.js')),
    ),
    css: sizesOf(
      distDir,
      route.filter((f) => f.endsWith('.css')),
    ),
  };
}

export function measureSize(distDir: string): SizeResult {
  const route = patientRouteFiles(distDir);
  const routeJs = route.filter((f) => f.endsWith('.js'));
  const routeCss = route.filter((f) => f.endsWith('.css'));
  const precache = precacheFiles(distDir);
  return {
    patientRoute: { files: route, js: sizesOf(distDir, routeJs), css: sizesOf(distDir, routeCss) },
    precache: {
      entries: precache.length,
      total: sizesOf(distDir, precache),
      js: sizesOf(
        distDir,
        precache.filter((f) => f.endsWith('.js')),
      ),
      css: sizesOf(
        distDir,
        precache.filter((f) => f.endsWith('.css')),
      ),
    },
    patientJsByPackage: routeJs.flatMap((file) => bytesByPackage(path.join(distDir, file))),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(measureSize(path.resolve('dist')), null, 2));
