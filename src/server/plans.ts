// The measurement plans the register knows: every plan file in questionnaires/plans/, <id>.json the
// version new enrolments follow and <id>-<version>.json older versions that enrolments made under them
// still follow. A file that is not a valid plan is left out with a warning, as definitions are (definitions.ts).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePlan, type ParsedPlan } from '../core/plans/parse-plan.js';
import { planFileRole } from '../core/plans/plan.js';
import { formatPath } from '../core/problems.js';

export interface LoadedPlans {
  /** By plan id: the version new enrolments follow, its id@version and its content hash. */
  plans: Map<string, ParsedPlan>;
  /** By id@version: every version, the current ones and those kept for the enrolments that follow them. */
  versions: Map<string, ParsedPlan>;
  /** For the person starting the register: files left out, and why. */
  warnings: string[];
}

/**
 * Reads the plans in `folder` (questionnaires/plans; a missing folder holds none), checked against
 * the questionnaires the register can order, by id@version.
 */
export async function loadPlans(folder: string, definitionKeys: ReadonlySet<string>): Promise<LoadedPlans> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  const plans = new Map<string, ParsedPlan>();
  const versions = new Map<string, ParsedPlan>();
  const warnings: string[] = [];
  for (const name of names) {
    const result = readPlan(await readFile(path.join(folder, name), 'utf8'), definitionKeys);
    if (!result.ok) {
      warnings.push(`${name} is left out: it is not a valid plan (${result.problems}); see npm run questionnaires -- check`);
      continue;
    }
    const { plan } = result.parsed;
    const role = planFileRole(name, plan);
    if (!role)
      warnings.push(
        `${name} is left out: it holds the plan ${result.parsed.key}, which belongs in ${plan.id}.json (or ${plan.id}-${plan.version}.json, kept for the enrolments that follow it)`,
      );
    else {
      if (role === 'current') plans.set(plan.id, result.parsed);
      versions.set(result.parsed.key, result.parsed);
    }
  }
  return { plans, versions, warnings };
}

function readPlan(text: string, definitionKeys: ReadonlySet<string>): { ok: true; parsed: ParsedPlan } | { ok: false; problems: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = parsePlan(json, { definitionKeys });
  if (result.ok) return { ok: true, parsed: { plan: result.plan, key: result.key, hash: result.hash } };
  return {
    ok: false,
    problems: result.problems
      .slice(0, 3)
      .map((p) => `${formatPath(p.path)} ${p.message}`.trim())
      .join('; '),
  };
}
