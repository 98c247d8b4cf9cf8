// The shape of every row this device keeps in IndexedDB. Rows are read back through these schemas:
// storage can hold anything (an older bundle, a bug, a browser extension), so its shape is never trusted.
import type { Collection, IndexableType } from 'dexie';
import { z } from 'zod';
import { answer, formatPath, languageCode } from '../core/index.js';

const timestamp = z.iso.datetime();

export const definitionRow = z.strictObject({
  /** `id@version`. */
  key: z.string().min(1),
  id: z.string().min(1),
  version: z.string().min(1),
  hash: z.string().min(1),
  /** The definition as a plain object; parsed again with parseDefinition when loaded. */
  json: z.record(z.string(), z.unknown()),
  storedAt: timestamp,
});
export type DefinitionRow = z.infer<typeof definitionRow>;

export const ResponseStatus = { inProgress: 'in-progress', completed: 'completed' } as const;
export type ResponseStatus = (typeof ResponseStatus)[keyof typeof ResponseStatus];

export const responseRecord = z.strictObject({
  id: z.string().min(1),
  definitionKey: z.string().min(1),
  definitionHash: z.string().min(1),
  status: z.enum([ResponseStatus.inProgress, ResponseStatus.completed]),
  pageIndex: z.int().min(0),
  onReview: z.boolean(),
  language: languageCode.nullable(),
  startedAt: timestamp,
  updatedAt: timestamp,
  completedAt: timestamp.nullable(),
});
export type ResponseRecord = z.infer<typeof responseRecord>;

/** One answer per row, so two tabs answering different items never overwrite each other. */
export const answerRow = z.strictObject({
  responseId: z.string().min(1),
  itemId: z.string().min(1),
  answer,
  answeredAt: timestamp,
});
export type AnswerRow = z.infer<typeof answerRow>;

/** A row read back from IndexedDB does not have the shape this code wrote. */
export class StoredRowError extends Error {
  override name = 'StoredRowError';
  constructor(
    readonly table: string,
    readonly rowKey: string,
    /** Where the row is wrong and how; never the stored values, which may be health data. */
    readonly problems: string[],
  ) {
    super(`The stored ${table} row ${rowKey} is damaged and cannot be read: ${problems.join('; ')}`);
  }
}

/** Parses a stored row, naming only the fields that are wrong, not their contents. */
export function parseStoredRow<T>(schema: z.ZodType<T>, row: unknown, table: string, rowKey: string): T {
  const result = schema.safeParse(row, { reportInput: false });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    return `${formatPath(path)} ${issue.code.replace(/_/g, ' ')}`;
  });
  throw new StoredRowError(table, rowKey, problems);
}

function formatKey(key: IndexableType): string {
  return Array.isArray(key) ? key.map(String).join('/') : String(key);
}

/** Reads and parses every row of a collection; one damaged row fails the read, none is dropped. */
export async function readRows<T>(collection: Collection<unknown>, schema: z.ZodType<T>, table: string): Promise<T[]> {
  const found: { row: unknown; key: IndexableType }[] = [];
  await collection.each((row, cursor) => {
    found.push({ row, key: cursor.primaryKey });
  });
  return found.map(({ row, key }) => parseStoredRow(schema, row, table, formatKey(key)));
}
