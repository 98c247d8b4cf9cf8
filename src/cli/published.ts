// questionnaires/published.json: every published id@version with its content hash. A published
// version never changes (the register and the app keep serving it for the orders that use it), so
// `check` fails when a published version's content differs from what was published.
import { z } from 'zod';

export const lockFileName = 'published.json';

const publishedEntry = z.strictObject({
  key: z.string().regex(/^[A-Za-z][\w-]*@\d+(\.\d+){0,2}$/, 'a key is id@version, e.g. "ede-q@6.0"'),
  hash: z.string().regex(/^sha256-[0-9a-f]{64}$/, 'a hash is "sha256-" and 64 hexadecimal digits'),
  file: z.string().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
});
export type PublishedEntry = z.infer<typeof publishedEntry>;

export const publishedLock = z.strictObject({
  $comment: z.string().optional(),
  published: z.array(publishedEntry),
  /** The measurement plans (questionnaires/plans/<id>.json), published and kept like the questionnaires. */
  plans: z.array(publishedEntry).optional(),
});
export type PublishedLock = z.infer<typeof publishedLock>;

const comment =
  'Written by "npm run questionnaires -- publish <file>". Each published id@version and the hash of its content: a published version never changes, so publish a changed questionnaire as a new version.';

export const emptyLock: PublishedLock = { $comment: comment, published: [] };

export type LockReadResult = { ok: true; lock: PublishedLock } | { ok: false; message: string };

/** Reads the lock file's text; a missing file is an empty lock. */
export function readLock(text: string | undefined): LockReadResult {
  if (text === undefined) return { ok: true, lock: emptyLock };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = publishedLock.safeParse(json);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`).join('; ') };
  for (const list of [parsed.data.published, parsed.data.plans ?? []]) {
    const seen = new Set<string>();
    for (const entry of list) {
      if (seen.has(entry.key)) return { ok: false, message: `${entry.key} is listed twice` };
      seen.add(entry.key);
    }
  }
  return { ok: true, lock: parsed.data };
}

const withEntry = (list: readonly PublishedEntry[], entry: PublishedEntry) =>
  [...list.filter((e) => e.key !== entry.key), entry].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** The lock with one more version, sorted by key so that its diffs stay small. */
export function withPublished(lock: PublishedLock, entry: PublishedEntry): PublishedLock {
  return { ...lock, $comment: lock.$comment ?? comment, published: withEntry(lock.published, entry) };
}

/** The lock with one more plan version (its file as plans/<id>.json). */
export function withPublishedPlan(lock: PublishedLock, entry: PublishedEntry): PublishedLock {
  return { ...lock, $comment: lock.$comment ?? comment, plans: withEntry(lock.plans ?? [], entry) };
}

export function renderLock(lock: PublishedLock): string {
  return JSON.stringify(lock, null, 2) + '\n';
}

/** The date part of a publishing time, for messages. */
export function publishedOn(entry: PublishedEntry): string {
  return entry.publishedAt.slice(0, 10);
}
