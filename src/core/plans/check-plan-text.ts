// What `check` finds in one plan file's text, each problem placed at its line and column. Authoring
// only, like check-text.ts: not exported from the plans index.
import { placeProblems, withoutByteOrderMark, type LocatedProblem } from '../check-text.js';
import { parseJson } from '../json-locate.js';
import { formatPath } from '../problems.js';
import type { Plan } from './plan.js';
import type { PlanContext } from './plan-integrity.js';
import { parsePlan } from './parse-plan.js';

export interface PlanTextCheck {
  problems: LocatedProblem[];
  plan?: Plan;
}

/** Every problem of a plan file's text, at its line and column. */
export function checkPlanText(source: string, context: PlanContext): PlanTextCheck {
  const text = withoutByteOrderMark(source);
  const json = parseJson(text);
  if (!json.ok) return { problems: [{ line: json.line, column: json.column, path: formatPath([]), jsonPath: [], message: json.message }] };
  const result = parsePlan(json.value, context);
  return result.ok ? { problems: [], plan: result.plan } : { problems: placeProblems(text, result.problems, json.index) };
}
