// The exports at register scale: one million submissions (CIA answers with the register's scores)
// in each store, exported as CSV, JSON and FHIR NDJSON through the same streams the routes and
// `npm run register -- export` use, into a sink that counts bytes. Records the time and the peak
// memory (rss and heap, sampled every 20 ms) over what the process held before the export.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { computeScores, visibility, type Answers } from '../src/core/index.js';
import { parseDefinition } from '../src/core/parse-definition.js';
import { exportChunks } from '../src/cli/register-export.js';
import { openPostgresDatabase, openSqliteDatabase } from '../src/server/store/dialect.js';
import { openPgStore, openSqliteStore } from '../src/server/store/kysely-store.js';
import { registerSchema } from '../src/server/store/schema.js';
import type { RegisterStore } from '../src/server/store/store.js';
import { log } from './lib.js';
import { startBenchPostgres } from './postgres.js';

export interface ExportBenchRun {
  store: 'sqlite' | 'postgres';
  format: 'csv' | 'json' | 'fhir';
  submissions: number;
  seconds: number;
  megabytes: number;
  /** Above what the process held before the export. */
  peakRssMiB: number;
  peakHeapMiB: number;
}

export interface ExportsResult {
  submissions: number;
  runs: ExportBenchRun[];
  skipped?: string;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function template(root: string) {
  const parsed = parseDefinition(JSON.parse(await readFile(path.join(root, 'questionnaires/cia-3.0.json'), 'utf8')));
  if (!parsed.ok) throw new Error('cia-3.0.json does not parse');
  const answers: Answers = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`q${i + 1}`, { value: (i * 7) % 4 }]));
  const scores = computeScores(parsed.definition, visibility(parsed.definition, answers).effective);
  return { parsed, answers, scores };
}

/** One real order and submission, then `count` copies made by the database itself. */
async function seed(store: RegisterStore, root: string) {
  const { parsed, answers, scores } = await template(root);
  const at = '2026-01-01T00:00:00.000Z';
  await store.insertDefinition({ key: 'cia@3.0', hash: parsed.hash, json: parsed.definition }, at);
  await store.insertOrder({
    id: 'template',
    patientRef: 'pseudo-template',
    measurementPoint: 'basis',
    questionnaires: [{ key: 'cia@3.0', hash: parsed.hash }],
    validFrom: at,
    validUntil: '2027-01-01T00:00:00.000Z',
    createdAt: at,
    codeHash: 'code-template',
    encryptionKid: 'kid',
    unit: 'Poliklinikk A',
    deviceKey: null,
    deviceThumbprint: null,
    claimedAt: at,
    releasedAt: null,
    cancelledAt: null,
  });
  await store.insertSubmission({
    submissionId: 'template',
    orderId: 'template',
    definitionKey: 'cia@3.0',
    definitionHash: parsed.hash,
    token: 'x'.repeat(2400),
    tokenHash: 'sha256-template',
    payloadHash: 'sha256-template',
    deviceThumbprint: 'thumb',
    deviceKey: null,
    answers,
    scores,
    deviceScores: scores,
    noticesShown: [],
    language: 'nb',
    startedAt: at,
    completedAt: at,
    appVersion: 'bench',
    receivedAt: at,
    receipt: 'receipt',
  });
}

function copySql(table: 'orders' | 'submissions', overrides: Record<string, string>, from: string, where: string) {
  const columns = Object.keys(registerSchema[table].columns);
  const values = columns.map((column) => overrides[column] ?? `t.${column}`);
  return `insert into ${table} (${columns.join(', ')}) select ${values.join(', ')} from ${from} where ${where}`;
}

async function copies(kind: 'sqlite' | 'postgres', target: string, count: number) {
  const opened = kind === 'sqlite' ? openSqliteDatabase(target) : openPostgresDatabase(target);
  const { db } = opened;
  try {
    const isLite = kind === 'sqlite';
    const series = isLite
      ? `(with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count - 1}) select i from n) as n`
      : `generate_series(1, ${count - 1}) as n(i)`;
    const received = isLite
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (n.i / 10) || ' seconds')`
      : `to_char(timestamp '2026-01-01' + (n.i / 10) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const id = (prefix: string) => (isLite ? `'${prefix}' || n.i` : `'${prefix}' || n.i::text`);
    await sql
      .raw(
        copySql(
          'orders',
          {
            id: id('o-'),
            code_hash: id('code-'),
            patient_ref: id('pseudo-'),
            unit: isLite ? `'Poliklinikk ' || (n.i % 7)` : `'Poliklinikk ' || (n.i % 7)::text`,
          },
          `${series}, orders as t`,
          `t.id = 'template'`,
        ),
      )
      .execute(db);
    await sql
      .raw(
        copySql(
          'submissions',
          {
            submission_id: id('s-'),
            order_id: id('o-'),
            token_hash: id('sha256-t-'),
            payload_hash: id('sha256-p-'),
            received_at: received,
          },
          `${series}, submissions as t`,
          `t.submission_id = 'template'`,
        ),
      )
      .execute(db);
    if (!isLite) await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
}

async function exportOnce(
  store: RegisterStore,
  kind: 'sqlite' | 'postgres',
  format: 'csv' | 'json' | 'fhir',
  submissions: number,
): Promise<ExportBenchRun> {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of exportChunks(store, { format, query: {} })) bytes += Buffer.byteLength(chunk);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  return {
    store: kind,
    format,
    submissions,
    seconds: Math.round(seconds * 10) / 10,
    megabytes: mib(bytes),
    peakRssMiB: mib(peakRss - before.rss),
    peakHeapMiB: mib(peakHeap - before.heapUsed),
  };
}

async function measureStore(kind: 'sqlite' | 'postgres', target: string, root: string, count: number): Promise<ExportBenchRun[]> {
  const open = () => (kind === 'sqlite' ? openSqliteStore(target) : openPgStore(target));
  let store = await open();
  await seed(store, root);
  await store.close();
  log(`exports: ${count} submissions into ${kind}`);
  await copies(kind, target, count);
  store = await open();
  try {
    const runs: ExportBenchRun[] = [];
    for (const format of ['csv', 'json', 'fhir'] as const) {
      log(`exports: ${kind} ${format}`);
      runs.push(await exportOnce(store, kind, format, count));
    }
    return runs;
  } finally {
    await store.close();
  }
}

export async function measureExports(root: string, count = Number(process.env.BENCH_EXPORT_COUNT ?? 1_000_000)): Promise<ExportsResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eprom-bench-exports-'));
  const runs: ExportBenchRun[] = [];
  let skipped: string | undefined;
  try {
    runs.push(...(await measureStore('sqlite', path.join(dir, 'register.sqlite'), root, count)));
    const postgres = await startBenchPostgres();
    if ('skipped' in postgres) skipped = `PostgreSQL: ${postgres.skipped}`;
    else
      try {
        runs.push(...(await measureStore('postgres', await postgres.freshDatabase(), root, count)));
      } finally {
        postgres.stop();
      }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { submissions: count, runs, ...(skipped ? { skipped } : {}) };
}

/** The table for bench/results.md and the README. */
export function renderExports(result: ExportsResult, lines: string[]): void {
  lines.push(
    `**Exports** (issue 17): ${result.submissions.toLocaleString('en')} submissions (CIA answers with the register's scores) in each store, ` +
      'streamed page by page into a counting sink; peak memory over what the process held before',
    '',
    '| store | format | time | size | peak rss | peak heap |',
    '| --- | --- | --- | --- | --- | --- |',
    ...result.runs.map(
      (run) =>
        `| ${run.store} | ${run.format} | ${run.seconds} s | ${run.megabytes} MiB | +${run.peakRssMiB} MiB | +${run.peakHeapMiB} MiB |`,
    ),
    ...(result.skipped ? ['', `Not measured: ${result.skipped}.`] : []),
    '',
  );
}
