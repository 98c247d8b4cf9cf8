// `npm run register -- export --format csv|json|fhir [--from --to --unit --questionnaire] > file`:
// the register's exports on the machine that holds its store, streamed page by page as the HTTP
// exports are (server/export-stream.ts), so a million submissions need no more memory than a page.
// Recorded in the audit trail as the command line's export, with its filter.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { exportQuery } from '../core/index.js';
import { readConfig } from '../server/config.js';
import { createAudit } from '../server/audit.js';
import { snapshotReader } from '../server/definitions.js';
import { exportFilterOf } from '../server/export-routes.js';
import { csvExport, fhirExport, jsonExport, type ExportSource } from '../server/export-stream.js';
import { openPgStore, openSqliteStore } from '../server/store/kysely-store.js';
import type { RegisterStore } from '../server/store/store.js';

export const exportUsage = `  export --format csv|json|fhir [--from DAY|TIME] [--to DAY|TIME] [--unit UNIT]
         [--questionnaire ID@VERSION] [--patient-ref REF] [--data-dir DIR] [--database-url URL]
      Write the submissions to standard output, oldest received first, with the register's scores:
      csv (one column per item and per score: value, band, flags, why no score), json, or fhir
      (one FHIR R4 QuestionnaireResponse a line, NDJSON). --from/--to: received from the start of
      DAY to its end (UTC), or from/to a time with its offset. Read page by page: any size.
`;

export const ExportFormat = { csv: 'csv', json: 'json', fhir: 'fhir' } as const;
export type ExportFormat = (typeof ExportFormat)[keyof typeof ExportFormat];

export interface ExportCommand {
  name: 'export';
  format: ExportFormat;
  query: z.infer<typeof exportQuery>;
  dataDir?: string;
  databaseUrl?: string;
}

/** Reads the arguments after `export`; throws with the reason when they are wrong. */
export function parseExportArgs(args: readonly string[]): ExportCommand {
  const { values } = parseArgs({
    args: [...args],
    options: {
      format: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      unit: { type: 'string' },
      questionnaire: { type: 'string' },
      'patient-ref': { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = z.enum(ExportFormat).safeParse(values.format);
  if (!format.success) throw new Error(`export takes --format csv, json or fhir${values.format ? `, not "${values.format}"` : ''}`);
  const query = z.safeParse(exportQuery, {
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    ...(values.unit !== undefined ? { unit: values.unit } : {}),
    ...(values.questionnaire !== undefined ? { questionnaire: values.questionnaire } : {}),
    ...(values['patient-ref'] !== undefined ? { patientRef: values['patient-ref'] } : {}),
  });
  if (!query.success) throw new Error(`export: ${query.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {
    name: 'export',
    format: format.data,
    query: query.data,
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}),
  };
}

async function openStore(command: ExportCommand, env: NodeJS.ProcessEnv): Promise<RegisterStore | string> {
  const config = readConfig(env, command.dataDir !== undefined ? ['--data-dir', command.dataDir] : []);
  const databaseUrl = command.databaseUrl ?? config.databaseUrl;
  if (databaseUrl !== undefined) return openPgStore(databaseUrl);
  const file = path.join(config.dataDir, 'register.sqlite');
  if (!existsSync(file)) return `There is no register at ${file}: name its data folder (--data-dir) or its database (--database-url).`;
  return openSqliteStore(file);
}

/** The export's text, chunk by chunk, for a caller that writes it out (and waits while its reader is behind). */
export function exportChunks(
  store: RegisterStore,
  command: Pick<ExportCommand, 'format' | 'query'>,
  pageSize?: number,
): AsyncIterable<string> {
  const source: ExportSource = { store, definitionFor: snapshotReader(store), ...(pageSize !== undefined ? { pageSize } : {}) };
  const filter = exportFilterOf(command.query, 'all');
  if (command.format === 'csv') return csvExport(source, filter);
  if (command.format === 'json') return jsonExport(source, filter);
  return fhirExport(source, filter);
}

/** `write` returns a promise while the output is full, so the store is read no faster than the output takes it. */
export async function runExportCommand(
  command: ExportCommand,
  env: NodeJS.ProcessEnv,
  write: (chunk: string) => Promise<void>,
  err: (text: string) => void,
): Promise<number> {
  const store = await openStore(command, env);
  if (typeof store === 'string') {
    err(`${store}\n`);
    return 1;
  }
  try {
    const { questionnaire } = command.query;
    if (questionnaire !== undefined && !(await store.getDefinition(questionnaire))) {
      err(`No order has used ${questionnaire}.\n`);
      return 1;
    }
    await createAudit(store, () => new Date()).record(
      null,
      { action: `export.${command.format}`, objects: { ...command.query } },
      null,
      'command line (npm run register -- export)',
    );
    for await (const chunk of exportChunks(store, command)) await write(chunk);
    return 0;
  } finally {
    await store.close();
  }
}

/** Writes to a stream, waiting for it to drain when it says it is full. */
export function writerTo(output: NodeJS.WritableStream): (chunk: string) => Promise<void> {
  return (chunk) =>
    new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      output.once('error', onError);
      const isFull = !output.write(chunk);
      const done = () => {
        output.off('error', onError);
        resolve();
      };
      if (isFull) output.once('drain', done);
      else done();
    });
}

/** The command's exit code; a store that fails mid-way is said on `err` (what was written stays written). */
export async function runExportCli(
  command: ExportCommand,
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
  output?: NodeJS.WritableStream,
): Promise<number> {
  try {
    return await runExportCommand(command, env, output ? writerTo(output) : async (chunk) => out(chunk), err);
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
