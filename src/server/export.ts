// CSV for statisticians: one row per submission; after the fixed columns, one column per item id
// of the questionnaires in the export, in the order the definition asks them. Restrict an export
// to one questionnaire (?questionnaire=id@version) for columns that mean one thing.
import { isAnswerable, leafItems, type ParsedDefinition } from '../core/index.js';
import type { ListedSubmission } from './store/store.js';

export const fixedColumns = [
  'submission_id',
  'order_id',
  'patient_ref',
  'measurement_point',
  'questionnaire_id',
  'version',
  'hash',
  'language',
  'started_at',
  'completed_at',
  'received_at',
] as const;

export type ExportRow = ListedSubmission;

/** A submission in the JSON the API and the export answer: the definition key keeps its wire name and its place. */
export function exportedSubmission({ submissionId, orderId, definitionKey, ...rest }: ExportRow) {
  return { submissionId, orderId, questionnaireKey: definitionKey, ...rest };
}

/**
 * What a spreadsheet skips before it decides a cell is a formula: whitespace (no-break space too),
 * the zero-width characters and the byte order mark.
 */
const ignoredFirst = String.raw`\s\u200B-\u200D\u2060\uFEFF`;
/** A formula starts with one of these, in ASCII or full width (＝ ＋ － ＠), after anything ignored. */
const formulaStart = new RegExp(String.raw`^[${ignoredFirst}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]`, 'u');

/**
 * RFC 4180 quoting. A text a spreadsheet would run as a formula gets a leading apostrophe, and so
 * does a text that already starts with one: a reader removes exactly one leading apostrophe to get
 * the stored text back, so `'=1` (exported `''=1`) and `=1` (exported `'=1`) stay apart. Numbers,
 * negative ones too, are left alone.
 */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (text.startsWith("'") || (formulaStart.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text))) text = `'${text}`;
  // Semicolons too: spreadsheets set to a Norwegian locale split on them.
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function answerCell(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return '';
  if ('declined' in entry) return 'declined';
  const value = (entry as { value?: unknown }).value;
  return Array.isArray(value) ? value.join(';') : value === undefined ? '' : String(value);
}

/** The item columns: each questionnaire's answerable items in its own order, then anything else answered. */
export function itemColumns(definitions: readonly ParsedDefinition[], rows: readonly ExportRow[]): string[] {
  const columns = new Set(
    definitions.flatMap(({ definition }) =>
      leafItems(definition)
        .filter(isAnswerable)
        .map((item) => item.id),
    ),
  );
  for (const row of rows) for (const id of Object.keys(row.answers)) columns.add(id);
  return [...columns];
}

export function toCsv(rows: readonly ExportRow[], definitions: readonly ParsedDefinition[]): string {
  const items = itemColumns(definitions, rows);
  const lines = [[...fixedColumns, ...items].map(csvCell).join(',')];
  for (const row of rows) {
    const at = row.definitionKey.lastIndexOf('@');
    const fixed = [
      row.submissionId,
      row.orderId,
      row.patientRef,
      row.measurementPoint,
      row.definitionKey.slice(0, at),
      row.definitionKey.slice(at + 1),
      row.definitionHash,
      row.language,
      row.startedAt,
      row.completedAt,
      row.receivedAt,
    ];
    const answers = items.map((item) => answerCell(Object.hasOwn(row.answers, item) ? row.answers[item] : undefined));
    lines.push([...fixed, ...answers].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
