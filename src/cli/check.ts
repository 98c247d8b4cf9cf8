// `check`: every problem in a set of definition and plan files, placed at its line and column, and
// the version lock. Pure: the files come in as text, so this runs the same in tests as on the command line.
import { checkDefinitionText, withoutByteOrderMark } from '../core/check-text.js';
import { jsonLocator } from '../core/json-locate.js';
import { formatPath } from '../core/problems.js';
import { isIndicatorFile } from './check-indicators.js';
import { planKey } from '../core/plans/plan.js';
import { checkPlanSource, isPlanFile, planVersionProblems } from './check-plans.js';
import { publishedOn, type PublishedLock } from './published.js';

export interface SourceFile {
  /** The file's name as it is shown in the report. */
  file: string;
  text: string;
}

export interface CheckProblem {
  file: string;
  line: number;
  column: number;
  /** The JSON path as formatted by the core, e.g. `$.items[2].text.nb`. */
  path: string;
  message: string;
  /** What the author may have meant, e.g. `did you mean "q12"?`. */
  hint?: string;
  /** For a text missing in a declared language: that language. */
  language?: string;
}

/** A valid definition: which file holds it, its `id@version` and its content hash. */
export interface CheckedDefinition {
  file: string;
  key: string;
  hash: string;
}

export interface CheckResult {
  fileCount: number;
  problems: CheckProblem[];
  /** Valid definitions that are not in the version lock (yet): not a problem, a reminder. */
  unpublished?: CheckedDefinition[];
}

export interface LockContext {
  lock: PublishedLock;
  /** The lock file as shown in reports, e.g. `questionnaires/published.json`. */
  lockFile: string;
  lockText: string;
  /** Whether every published version must be among the files checked (the whole questionnaires folder was). */
  isEveryPublishedExpected: boolean;
}

/**
 * The problems of one file, plus its `id@version` and content hash when it is valid. A valid
 * definition's example answer sets are scored, and every expected score they miss is a problem.
 */
export function checkSource(source: SourceFile): { problems: CheckProblem[]; checked?: CheckedDefinition } {
  const { file } = source;
  const { problems, parsed } = checkDefinitionText(source.text);
  return {
    problems: problems.map(({ line, column, path, message, hint, missingLanguage }) => ({
      file,
      line,
      column,
      path,
      message,
      ...(hint ? { hint } : {}),
      ...(missingLanguage ? { language: missingLanguage } : {}),
    })),
    ...(parsed ? { checked: { file, key: parsed.key, hash: parsed.hash } } : {}),
  };
}

const versionProblem = (source: SourceFile, message: string): CheckProblem => ({
  file: source.file,
  ...jsonLocator(withoutByteOrderMark(source.text))(['version']),
  path: formatPath(['version']),
  message,
});

/**
 * Checks each file, then the set: two files with the same `id@version` but different content mean
 * a published definition was changed without raising its version; so does a file whose content
 * differs from the hash the lock recorded when its version was published. Files in a plans/ folder
 * are measurement plans, checked against `shippedKeys` (the questionnaires in questionnaires/) and
 * the valid definitions among the files.
 */
export function checkSources(sources: readonly SourceFile[], lockContext?: LockContext, shippedKeys?: ReadonlySet<string>): CheckResult {
  const problems: CheckProblem[] = [];
  const firstByKey = new Map<string, CheckedDefinition>();
  const unpublished: CheckedDefinition[] = [];
  const lockByKey = new Map((lockContext?.lock.published ?? []).map((entry) => [entry.key, entry]));
  for (const source of sources.filter((s) => !isPlanFile(s.file) && !isIndicatorFile(s.file))) {
    const { problems: found, checked } = checkSource(source);
    problems.push(...found);
    if (!checked) continue;
    const { key, hash } = checked;
    const first = firstByKey.get(key);
    if (!first) firstByKey.set(key, checked);
    else if (first.hash !== hash)
      problems.push(
        versionProblem(
          source,
          `${key} is also defined in ${first.file}, with different content: a published version never changes, so give the changed definition a new "version"`,
        ),
      );
    const entry = lockByKey.get(key);
    if (!lockContext) continue;
    if (!entry) {
      if (!first) unpublished.push(checked);
    } else if (entry.hash !== hash)
      problems.push(
        versionProblem(
          source,
          `${key} was published on ${publishedOn(entry)} and has been changed since: a published version never changes. Put the published text back, or give your changes a new "version" and publish that (npm run questionnaires -- publish ${source.file})`,
        ),
      );
  }
  const definitionKeys = new Set([...(shippedKeys ?? []), ...firstByKey.keys()]);
  const planKeys = new Set<string>();
  for (const source of sources.filter((s) => isPlanFile(s.file))) {
    const { problems: found, plan } = checkPlanSource(source, definitionKeys);
    if (plan) planKeys.add(planKey(plan));
    problems.push(...found, ...(plan && lockContext ? planVersionProblems(source, plan, lockContext.lock) : []));
  }
  if (lockContext?.isEveryPublishedExpected) {
    const locate = jsonLocator(lockContext.lockText);
    (lockContext.lock.plans ?? []).forEach((entry, i) => {
      if (planKeys.has(entry.key)) return;
      problems.push({
        file: lockContext.lockFile,
        ...locate(['plans', i]),
        path: formatPath(['plans', i]),
        message: `the plan ${entry.key} is published, but no file holds it any more: enrolments may still follow it, so keep it as ${entry.file}`,
      });
    });
    lockContext.lock.published.forEach((entry, i) => {
      if (firstByKey.has(entry.key)) return;
      problems.push({
        file: lockContext.lockFile,
        ...locate(['published', i]),
        path: formatPath(['published', i]),
        message: `${entry.key} is published, but no file defines it any more: orders may still refer to it, so put ${entry.file} back`,
      });
    });
  }
  return { fileCount: sources.length, problems, ...(lockContext ? { unpublished } : {}) };
}
