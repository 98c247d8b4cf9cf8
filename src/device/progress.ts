// "My answers over time" (issue 17): on the patient's own phone, the scores a definition marks
// showToPatient are kept after each completed questionnaire, with the register's receipt once it
// arrives. Only on the device: nothing here is sent. Never on a shared waiting-room tablet (the
// caller asks shared-device-mode.ts before recording).
import { z } from 'zod/mini';
import { computeScores, identifier, localisedText, patientScores, type Answers, type Definition } from '../core/index.js';
import type { DeviceDatabase } from './database.js';
import { receiptRow } from './rows.js';

const timestamp = z.iso.datetime({ offset: true });

/** One score as the patient may see it, with its band's label and every band's, for "what the bands mean". */
export const progressScore = z.strictObject({
  scoreId: identifier,
  title: localisedText,
  value: z.number(),
  decimals: z.optional(z.int()),
  bandId: z.optional(identifier),
  bands: z.array(z.strictObject({ id: identifier, from: z.optional(z.number()), label: localisedText })),
});
export type ProgressScore = z.infer<typeof progressScore>;

export const progressRow = z.strictObject({
  /** The response's id: one row per completed response. */
  responseId: z.string().check(z.minLength(1)),
  /** The questionnaire's id without its version, so that its versions form one course. */
  definitionId: identifier,
  definitionKey: z.string().check(z.minLength(1)),
  title: localisedText,
  completedAt: timestamp,
  scores: z.array(progressScore).check(z.minLength(1)),
  /** The register's receipt, once the submission is acknowledged. */
  receipt: z.nullable(receiptRow),
});
export type ProgressRow = z.infer<typeof progressRow>;

/** The scores of a completed response that its definition lets the patient see; none, no row. */
export function progressOf(
  definition: Definition,
  definitionKey: string,
  responseId: string,
  answers: Answers,
  completedAt: string,
): ProgressRow | null {
  const scores = patientScores(definition, computeScores(definition, answers)).flatMap(({ score, result }) =>
    result.status === 'score'
      ? [
          {
            scoreId: score.id,
            title: score.title,
            value: result.value,
            ...(score.decimals === undefined ? {} : { decimals: score.decimals }),
            ...(result.band ? { bandId: result.band.id } : {}),
            bands: (score.bands ?? []).map((band) => ({
              id: band.id,
              ...(band.from === undefined ? {} : { from: band.from }),
              label: band.label,
            })),
          },
        ]
      : [],
  );
  if (scores.length === 0) return null;
  return { responseId, definitionId: definition.id, definitionKey, title: definition.title, completedAt, scores, receipt: null };
}

/** Keeps a completed response's scores; a second call for the same response replaces the first. */
export async function recordProgress(db: DeviceDatabase, row: ProgressRow): Promise<void> {
  await db.progress.put(progressRow.parse(row));
}

/** Adds the register's receipt to the row of a response, if it has one. */
export async function attachProgressReceipt(db: DeviceDatabase, responseId: string, receipt: ProgressRow['receipt']): Promise<void> {
  await db.progress.update(responseId, { receipt });
}

/** Every kept row, oldest first; rows that do not parse (a newer app's, a damaged one) are left out. */
export async function listProgress(db: DeviceDatabase): Promise<ProgressRow[]> {
  const rows = await db.progress.orderBy('completedAt').toArray();
  return rows.flatMap((row) => {
    const parsed = progressRow.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Deletes everything kept for "My answers over time". */
export async function deleteProgress(db: DeviceDatabase): Promise<void> {
  await db.progress.clear();
}
