// The one way a plan is read: the schema, then its integrity against the shipped questionnaires.
// check-plan-text.ts places each problem at its line and column, for `check` and authors.
import type { z } from 'zod/mini';
import { contentHash } from '../content-hash.js';
import { fromZodIssues, humanError, type Problem } from '../problems.js';
import { planKey, planSchema, type Plan } from './plan.js';
import { checkPlanIntegrity, type PlanContext } from './plan-integrity.js';

export interface ParsedPlan {
  plan: Plan;
  /** `id@version`, e.g. "kvarus@1". */
  key: string;
  /** `sha256-…` over the canonical JSON, as for definitions: an enrolment can pin the plan it follows. */
  hash: string;
}

export type PlanParseResult = ({ ok: true } & ParsedPlan) | { ok: false; problems: Problem[] };

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path)
    node = typeof node === 'object' && node !== null && typeof key !== 'symbol' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

/**
 * A span is a duration or a setting reference, and zod reports a wrong one as "invalid input" to
 * both: the author meant the one whose shape they wrote, so its own issues are reported instead.
 */
function withUnionsOpened(issues: readonly z.core.$ZodIssue[], input: unknown): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || 'discriminator' in issue || issue.errors.length !== 2) return [issue];
    const value = valueAt(input, issue.path);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [issue];
    const meant = issue.errors['setting' in value ? 1 : 0] ?? [];
    return withUnionsOpened(
      meant.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })),
      input,
    );
  });
}

export function parsePlan(input: unknown, context: PlanContext): PlanParseResult {
  const result = planSchema.safeParse(input, { error: humanError });
  if (!result.success) return { ok: false, problems: fromZodIssues(withUnionsOpened(result.error.issues, input), input, planSchema) };
  const problems = checkPlanIntegrity(result.data, context);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, plan: result.data, key: planKey(result.data), hash: contentHash(result.data) };
}
