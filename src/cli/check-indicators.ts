// `check` for quality indicators: files in a folder named indicators/ (questionnaires/indicators/<register>.json),
// checked against the shipped plans and questionnaires, with problems at their line and column.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Definition } from '../core/definition.js';
import { checkIndicatorText } from '../core/indicators/check-indicator-text.js';
import type { IndicatorContext } from '../core/indicators/indicator-integrity.js';
import type { ParsedDefinition } from '../core/parse-definition.js';
import { planFileRole, type Plan } from '../core/plans/plan.js';
import type { CheckProblem, SourceFile } from './check.js';
import { checkPlanSource, plansFolderName } from './check-plans.js';

export const indicatorsFolderName = 'indicators';

export const isIndicatorFile = (file: string): boolean => basename(dirname(file)) === indicatorsFolderName;

/** The context indicators are checked in: the plans in `questionnairesFolder`/plans and the shipped definitions. */
export function shippedIndicatorContext(
  questionnairesFolder: string,
  definitions: ReadonlyMap<string, ParsedDefinition>,
): IndicatorContext {
  const byId = new Map<string, Definition[]>();
  for (const { definition } of definitions.values()) byId.set(definition.id, [...(byId.get(definition.id) ?? []), definition]);
  const plans = new Map<string, Plan>();
  const folder = join(questionnairesFolder, plansFolderName);
  const keys = new Set(definitions.keys());
  for (const name of existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.json')) : []) {
    const { plan } = checkPlanSource({ file: name, text: readFileSync(join(folder, name), 'utf8') }, keys);
    // Indicators are computed on the plan's time points as its current version names them.
    if (plan && planFileRole(name, plan) === 'current') plans.set(plan.id, plan);
  }
  return { plans, definitions: byId };
}

export function checkIndicatorSource(source: SourceFile, context: IndicatorContext): CheckProblem[] {
  return checkIndicatorText(source.text, context).problems.map(({ line, column, path, message, hint, missingLanguage }) => ({
    file: source.file,
    line,
    column,
    path,
    message,
    ...(hint ? { hint } : {}),
    ...(missingLanguage ? { language: missingLanguage } : {}),
  }));
}
