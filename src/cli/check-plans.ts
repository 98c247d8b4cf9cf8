// `check` for measurement plans: files in a folder named plans/ (questionnaires/plans/<id>.json).
// Each is checked against the questionnaires it may ask, with problems at their line and column.
import { basename, dirname } from 'node:path';
import { withoutByteOrderMark } from '../core/check-text.js';
import { jsonLocator } from '../core/json-locate.js';
import { checkPlanText } from '../core/plans/check-plan-text.js';
import { contentHash } from '../core/content-hash.js';
import { planFileRole, planKey, type Plan } from '../core/plans/plan.js';
import { formatPath } from '../core/problems.js';
import type { CheckProblem, SourceFile } from './check.js';
import { publishedOn, type PublishedLock } from './published.js';

/** The folder plans live in, beside the questionnaires: a file in a folder of this name is a plan. */
export const plansFolderName = 'plans';

export const isPlanFile = (file: string): boolean => basename(dirname(file)) === plansFolderName;

export interface PlanCheck {
  problems: CheckProblem[];
  plan?: Plan;
}

/** One plan file's problems; `definitionKeys` are the questionnaires it may ask, id@version. */
export function checkPlanSource(source: SourceFile, definitionKeys: ReadonlySet<string>): PlanCheck {
  const { file } = source;
  const { problems, plan } = checkPlanText(source.text, { definitionKeys });
  const found: CheckProblem[] = problems.map(({ line, column, path, message, hint, missingLanguage }) => ({
    file,
    line,
    column,
    path,
    message,
    ...(hint ? { hint } : {}),
    ...(missingLanguage ? { language: missingLanguage } : {}),
  }));
  // The register and the preview find a plan by its id: questionnaires/plans/<id>.json, and an older
  // version kept for its enrolments by its id and version.
  if (plan && !planFileRole(basename(file), plan))
    found.push({
      file,
      ...jsonLocator(withoutByteOrderMark(source.text))(['id']),
      path: formatPath(['id']),
      message: `the plan "${plan.id}" is in ${basename(file)}: a plan's file is named after its id, ${plan.id}.json (or ${plan.id}-${plan.version}.json for an older version kept for the enrolments that follow it)`,
    });
  return plan && found.length === 0 ? { problems: found, plan } : { problems: found };
}

/** A published plan version never changes (enrolments follow it by its hash): its content must be what was published. */
export function planVersionProblems(source: SourceFile, plan: Plan, lock: PublishedLock): CheckProblem[] {
  const key = planKey(plan);
  const entry = lock.plans?.find((e) => e.key === key);
  if (!entry || entry.hash === contentHash(plan)) return [];
  return [
    {
      file: source.file,
      ...jsonLocator(withoutByteOrderMark(source.text))(['version']),
      path: formatPath(['version']),
      message: `the plan ${key} was published on ${publishedOn(entry)} and has been changed since: a published version never changes (enrolments follow it). Put the published text back, or give your changes a new "version" and publish that (npm run questionnaires -- publish ${source.file})`,
    },
  ];
}
