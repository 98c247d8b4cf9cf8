// CSV for statisticians: one row per submission; after the fixed columns, one column per item id
// of the questionnaires in the export, in the order the definition asks them (a repeating group: a
// column with its number of entries, then one per item and entry up to its maximum, `meds.1.name`,
// `meds.1.form`, … `meds.8.perDay`, as the register stores them), then the register's
// scores (value, band, flags, the reason for no score) per questionnaire and score. Restrict an
// export to one questionnaire (?questionnaire=id@version) for columns that mean one thing. The rows
// are written one at a time (export-stream.ts streams them page by page).
import { canonicalJson, roundScore, scoreResults, type ParsedDefinition, type ScoreResults } from '../core/index.js';
import { answerKeys, repeatingGroupIds } from './answer-keys.js';
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
  // true where the device's scores differ from the register's (which the export carries); empty
  // when the device sent none
  'scores_differ',
] as const;

export type ExportRow = ListedSubmission;

/** Whether the device's scores differ from the register's; null when either is missing. */
export function scoresDiffer({ scores, deviceScores }: Pick<ExportRow, 'scores' | 'deviceScores'>): boolean | null {
  if (scores === null || deviceScores === null) return null;
  return canonicalJson(scores) !== canonicalJson(deviceScores);
}

/**
 * A submission in the JSON the API and the export answer: the definition key keeps its wire name and
 * its place; the register's scores (value, band, flags, or why there is none) are `scores`, and
 * `scoresDiffer` says whether the device's (`deviceScores`) differ.
 */
export function exportedSubmission({ submissionId, orderId, definitionKey, ...rest }: ExportRow) {
  return { submissionId, orderId, questionnaireKey: definitionKey, ...rest, scoresDiffer: scoresDiffer(rest) };
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

/** The item columns: each questionnaire's answer columns in its own order (the register refuses answers to anything else). */
export function itemColumns(definitions: readonly ParsedDefinition[]): string[] {
  return [...new Set(definitions.flatMap(({ definition }) => answerKeys(definition)))];
}

/** The number of entries a repeating group's answer lists; empty when the group was not shown. */
function countCell(entry: unknown): string {
  const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
  return Array.isArray(value) ? String(value.length) : '';
}

/** What each score adds to a row, after its value column `<questionnaire>.<score>`. */
const scoreParts = ['band', 'flags', 'no_score'] as const;

interface ScoreColumn {
  name: string;
  questionnaireId: string;
  scoreId: string;
  part: 'value' | (typeof scoreParts)[number];
}

/** Per questionnaire and score: its value, band id, the flags set (joined by ;), and the reason when there is no score. */
export function scoreColumns(definitions: readonly ParsedDefinition[]): ScoreColumn[] {
  const columns = new Map<string, ScoreColumn>();
  for (const { definition } of definitions)
    for (const score of definition.scores ?? []) {
      const base = `${definition.id}.${score.id}`;
      const parts = [['value', base] as const, ...scoreParts.map((part) => [part, `${base}.${part}`] as const)];
      for (const [part, name] of parts)
        if (!columns.has(name)) columns.set(name, { name, questionnaireId: definition.id, scoreId: score.id, part });
    }
  return [...columns.values()];
}

/** The columns of an export of submissions to these questionnaires, and how to write each row. */
export function csvLayout(definitions: readonly ParsedDefinition[]) {
  const items = itemColumns(definitions);
  const scores = scoreColumns(definitions);
  const byKey = new Map(definitions.map((parsed) => [`${parsed.definition.id}@${parsed.definition.version}`, parsed]));
  const groupsByKey = new Map([...byKey].map(([key, { definition }]) => [key, repeatingGroupIds(definition)]));
  const header = [...fixedColumns, ...items, ...scores.map((column) => column.name)].map(csvCell).join(',') + '\r\n';
  const line = (row: ExportRow): string => {
    const at = row.definitionKey.lastIndexOf('@');
    const questionnaireId = row.definitionKey.slice(0, at);
    const differ = scoresDiffer(row);
    const fixed = [
      row.submissionId,
      row.orderId,
      row.patientRef,
      row.measurementPoint,
      questionnaireId,
      row.definitionKey.slice(at + 1),
      row.definitionHash,
      row.language,
      row.startedAt,
      row.completedAt,
      row.receivedAt,
      differ === null ? '' : String(differ),
    ];
    const groups = groupsByKey.get(row.definitionKey);
    const answers = items.map((item) => {
      const entry = Object.hasOwn(row.answers, item) ? row.answers[item] : undefined;
      return groups?.has(item) ? countCell(entry) : answerCell(entry);
    });
    const parsed = scoreResults.safeParse(row.scores ?? {});
    const results = parsed.success ? parsed.data : {};
    const decimalsOf = (scoreId: string) => byKey.get(row.definitionKey)?.definition.scores?.find((s) => s.id === scoreId)?.decimals ?? 0;
    return [...fixed, ...answers, ...scoreCells(results, questionnaireId, decimalsOf)].map(csvCell).join(',') + '\r\n';
  };
  function scoreCells(results: ScoreResults, questionnaireId: string, decimalsOf: (scoreId: string) => number): string[] {
    return scores.map(({ questionnaireId: of, scoreId, part }) => {
      const result = of === questionnaireId && Object.hasOwn(results, scoreId) ? results[scoreId] : undefined;
      if (!result) return '';
      if (result.status === 'noScore') return part === 'no_score' ? result.reason : '';
      if (part === 'value') return String(roundScore(result.value, decimalsOf(scoreId)));
      if (part === 'band') return result.band?.id ?? '';
      if (part === 'flags')
        return Object.entries(result.flags ?? {})
          .filter(([, isSet]) => isSet)
          .map(([id]) => id)
          .join(';');
      return '';
    });
  }
  return { header, line };
}
