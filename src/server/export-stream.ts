// The exports as streams: the store is read one page at a time (keyset pagination,
// store/export-operations.ts) and each page is written out before the next is read, so an export of
// a million submissions holds one page in memory. CSV, JSON ({"submissions":[…]}) and FHIR R4
// QuestionnaireResponses as NDJSON (one resource a line, as FHIR's bulk data export writes them).
import { Readable } from 'node:stream';
import { answers as answersSchema, scoreResults, type ParsedDefinition } from '../core/index.js';
import { toFhirQuestionnaireResponse } from '../core/fhir/index.js';
import { csvLayout, exportedSubmission, scoresDiffer, type ExportRow } from './export.js';
import type { ExportCursor, ExportFilter } from './store/export-operations.js';
import type { RegisterStore } from './store/store.js';

/** Submissions read from the store at a time. */
export const exportPageSize = 500;

export interface ExportSource {
  store: Pick<RegisterStore, 'exportPage' | 'exportQuestionnaireKeys'>;
  /** The definition a submission answered (the order's snapshot). */
  definitionFor: (key: string) => Promise<ParsedDefinition | undefined>;
  pageSize?: number;
}

/** The filter's submissions, page by page, oldest received first. */
export async function* exportPages({ store, pageSize = exportPageSize }: ExportSource, filter: ExportFilter): AsyncGenerator<ExportRow[]> {
  let after: ExportCursor | undefined;
  for (;;) {
    const page = await store.exportPage(filter, after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    if (!last) return;
    after = { receivedAt: last.receivedAt, submissionId: last.submissionId };
    // SQLite answers synchronously: without a turn of the event loop between pages, a long export
    // to a fast reader would hold up every other request (and timer) until it ends.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Each definition once per export (an export has few). */
function definitions(source: ExportSource) {
  const found = new Map<string, Promise<ParsedDefinition | undefined>>();
  return (key: string) => {
    let parsed = found.get(key);
    if (!parsed) found.set(key, (parsed = source.definitionFor(key)));
    return parsed;
  };
}

export async function* csvExport(source: ExportSource, filter: ExportFilter): AsyncGenerator<string> {
  const keys = filter.definitionKey !== undefined ? [filter.definitionKey] : await source.store.exportQuestionnaireKeys(filter);
  const definitionOf = definitions(source);
  const parsed = (await Promise.all(keys.map(definitionOf))).filter((found) => found !== undefined);
  const { header, line } = csvLayout(parsed);
  yield header;
  for await (const page of exportPages(source, filter)) yield page.map(line).join('');
}

export async function* jsonExport(source: ExportSource, filter: ExportFilter): AsyncGenerator<string> {
  yield '{"submissions":[';
  let isFirst = true;
  for await (const page of exportPages(source, filter)) {
    const rows = page.map((row) => JSON.stringify(exportedSubmission(row)));
    yield (isFirst ? '' : ',') + rows.join(',');
    isFirst = false;
  }
  yield ']}\n';
}

/** One QuestionnaireResponse a line; a submission whose definition or answers cannot be read is left out and counted. */
export async function* fhirExport(source: ExportSource, filter: ExportFilter, skipped?: { count: number }): AsyncGenerator<string> {
  const definitionOf = definitions(source);
  for await (const page of exportPages(source, filter)) {
    const lines: string[] = [];
    for (const row of page) {
      const parsed = await definitionOf(row.definitionKey);
      const answers = answersSchema.safeParse(row.answers);
      if (!parsed || !answers.success) {
        if (skipped) skipped.count += 1;
        continue;
      }
      const scores = scoreResults.safeParse(row.scores);
      const differ = scoresDiffer(row);
      const resource = toFhirQuestionnaireResponse({
        parsed,
        submissionId: row.submissionId,
        answers: answers.data,
        language: row.language,
        completedAt: row.completedAt,
        noticesShown: row.noticesShown,
        patientRef: row.patientRef,
        ...(scores.success ? { scores: scores.data } : {}),
        ...(differ !== null ? { deviceScoresDiffer: differ } : {}),
      });
      lines.push(JSON.stringify(resource) + '\n');
    }
    if (lines.length > 0) yield lines.join('');
  }
}

/** A stream for Fastify's reply or a file: pulls the next page only when the reader has taken the last. */
export const streamOf = (chunks: AsyncIterable<string>) => Readable.from(chunks, { objectMode: false, highWaterMark: 1 });
