// `check` for measurement plans: files in a folder named plans/ (questionnaires/plans/<id>.json).
// Each is checked against the questionnaires it may ask, with problems at their line and column.
import { basename, dirname } from 'node:path';
import { withoutByteOrderMark } from '../core/check-text.js';
import { jsonLocator } from '../core/json-locate.js';
import { checkPlanText } from '../core/plans/check-plan-text.js';
import type { Plan } from '../core/plans/plan.js';
import { formatPath } from '../core/problems.js';
import type { CheckProblem, SourceFile } from './check.js';

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
  // The register and the preview find a plan by its id: questionnaires/plans/<id>.json.
  if (plan && basename(file) !== `${plan.id}.json`)
    found.push({
      file,
      ...jsonLocator(withoutByteOrderMark(source.text))(['id']),
      path: formatPath(['id']),
      message: `the plan "${plan.id}" is in ${basename(file)}: a plan's file is named after its id, ${plan.id}.json`,
    });
  return plan && found.length === 0 ? { problems: found, plan } : { problems: found };
}
