// CSV for statisticians: one row per submission, one column per item id.
import type { SubmissionRecord } from './store/store.js';

const fixed = ['submission_id', 'order_id', 'patient_ref', 'measurement_point', 'questionnaire_id', 'version', 'hash', 'language', 'started_at', 'completed_at', 'received_at'] as const;

function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n\r;]/.test(text) || /^[=+@]|^-(?!\d)/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function answerCell(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return '';
  if ('declined' in entry) return 'declined';
  const value = (entry as { value?: unknown }).value;
  return Array.isArray(value) ? value.join(';') : value === undefined ? '' : String(value);
}

export function toCsv(rows: (SubmissionRecord & { patientRef: string; measurementPoint: string })[]): string {
  const items = [...new Set(rows.flatMap((row) => Object.keys(row.answers)))].sort();
  const lines = [[...fixed, ...items].map(cell).join(',')];
  for (const row of rows) {
    const [id, version] = row.questionnaireKey.split('@');
    const base = [row.submissionId, row.orderId, row.patientRef, row.measurementPoint, id, version, row.definitionHash, row.language, row.startedAt, row.completedAt, row.receivedAt];
    lines.push([...base, ...items.map((item) => answerCell(row.answers[item]))].map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
