// The samples of a CPU profile put down to the parts of a page (bench/profile.ts): each sample's
// own (self) time goes to the code it is in, found through the bundle's source maps; a native
// function (no script of its own) counts for its nearest caller that has one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { segments } from './size.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
  children?: number[];
}
export interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A bundle's source map, to find the source file of a generated line and column. */
class SourceMapLookup {
  private readonly lines = new Map<number, [number, number][]>();
  constructor(
    private readonly sources: string[],
    mappings: string,
  ) {
    for (const [line, column, source] of segments(mappings)) {
      const list = this.lines.get(line) ?? [];
      list.push([column, source]);
      this.lines.set(line, list);
    }
  }
  sourceAt(line: number, column: number): string | undefined {
    const list = this.lines.get(line);
    if (!list) return undefined;
    let found: number | undefined;
    for (const [start, source] of list) {
      if (start > column) break;
      found = source;
    }
    return found === undefined || found < 0 ? undefined : this.sources[found];
  }
}

/** The map of a served script, read from the built app (the register does not serve source maps). */
function readSourceMap(distDir: string, url: string): SourceMapLookup | null {
  const file = path.join(distDir, new URL(url).pathname);
  if (!existsSync(`${file}.map`)) return null;
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  return new SourceMapLookup(map.sources, map.mappings);
}

const harness = 'the benchmark (Playwright, the probe)';

const liveQueryFunctions =
  /liveQuery|useLiveQuery|useObservable|signalSubscribers|obsSetsOverlap|RangeSet|extendObservabilitySet|globalEvents|storagemutated/i;

/** The part of the app a source file belongs to. */
export function partOf(source: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  if (pkg === 'react-dom' || pkg === 'scheduler') return 'React rendering (react-dom, scheduler)';
  if (pkg === 'react') return 'React (hooks, elements)';
  if (pkg === 'dexie-react-hooks') return 'live queries (dexie-react-hooks, Dexie observability)';
  if (pkg === 'dexie')
    return liveQueryFunctions.test(functionName) ? 'live queries (dexie-react-hooks, Dexie observability)' : 'Dexie (transactions, put)';
  if (pkg === 'i18next' || pkg === 'react-i18next') return 'i18n (i18next, react-i18next)';
  if (pkg) return pkg;
  if (source.includes('bench/floors/')) return "the floor page's own script";
  const app = /\/src\/([^/]+)\/(?:([^/]+)\/)?/.exec(source);
  if (app?.[1] === 'app') return `src/app${app[2] && !app[2].includes('.') ? `/${app[2]}` : ''}`;
  return app ? `src/${app[1]}` : 'other script';
}

/** Milliseconds to add to a profile timestamp (µs) / 1000 to get the page's performance.now(). */
export function clockOffset(profile: Profile, mark: { start: number; end: number }): number {
  let at = profile.startTime;
  const marked: number[] = [];
  // The mark's own nodes and those it calls (performance.now).
  const inMark = new Set<number>();
  const add = (node: ProfileNode | undefined, isInside: boolean) => {
    if (!node) return;
    const inside = isInside || node.callFrame.functionName === '__profileClockMark';
    if (inside) inMark.add(node.id);
    for (const child of node.children ?? []) add(byId.get(child), inside);
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  add(profile.nodes[0], false);
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (inMark.has(id)) marked.push(at / 1000);
  });
  if (marked.length < 2) throw new Error('the clock mark was not sampled: no way to find the taps in the profile');
  return (mark.start - marked[0]! + (mark.end - marked[marked.length - 1]!)) / 2;
}

export interface Attribution {
  /** Self time by part, µs. */
  self: Map<string, number>;
  /** Self time by function and its source, µs. */
  functions: Map<string, number>;
  busyUs: number;
  harnessUs: number;
}

/** The samples inside the windows (page milliseconds; `offset` turns profile time into page time) by part. */
export function attribute(profile: Profile, windows: { from: number; to: number }[], offset: number, distDir: string): Attribution {
  const inWindow = (us: number) => {
    const ms = us / 1000 + offset;
    return windows.some((w) => ms >= w.from && ms <= w.to);
  };
  const self = new Map<string, number>();
  const functions = new Map<string, number>();
  const maps = new Map<string, SourceMapLookup | null>();
  let busyUs = 0;
  let harnessUs = 0;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]!);
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)' || !inWindow(at)) continue;
    let part: string;
    let where = node;
    if (node.callFrame.functionName === '(program)') part = "browser's own work ((program): style, layout, paint, events, IndexedDB)";
    else if (node.callFrame.functionName === '(garbage collector)') part = 'garbage collection';
    else {
      // A native function counts for its nearest caller that has a script.
      while (!where.callFrame.url && parentOf.has(where.id)) where = byId.get(parentOf.get(where.id)!)!;
      const { url: scriptUrl, lineNumber, columnNumber, functionName } = where.callFrame;
      if (!scriptUrl || !scriptUrl.startsWith('http')) part = harness;
      else {
        if (!maps.has(scriptUrl)) maps.set(scriptUrl, readSourceMap(distDir, scriptUrl));
        const source = maps.get(scriptUrl)?.sourceAt(lineNumber, columnNumber) ?? '';
        part = partOf(source, functionName);
        const label = `${node.callFrame.functionName || '(anonymous)'} ${source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')}`;
        functions.set(label, (functions.get(label) ?? 0) + us);
      }
    }
    if (part === harness) harnessUs += us;
    else {
      busyUs += us;
      self.set(part, (self.get(part) ?? 0) + us);
    }
  }
  return { self, functions, busyUs, harnessUs };
}
