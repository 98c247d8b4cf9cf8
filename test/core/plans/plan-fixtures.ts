// The shipped plans and questionnaires, and small tools to read and edit a plan in tests.
import { readdirSync, readFileSync } from 'node:fs';
import { parseDefinitionText } from '../../../src/core/parse-definition.js';
import { parsePlan } from '../../../src/core/plans/parse-plan.js';
import type { Plan } from '../../../src/core/plans/plan.js';
import { formatPath } from '../../../src/core/problems.js';
import { projectRoot } from '../fixtures.js';

const questionnaires = `${projectRoot}questionnaires/`;

/** The id@version of every shipped questionnaire. */
export const shippedKeys: ReadonlySet<string> = new Set(
  readdirSync(questionnaires)
    .filter((name) => name.endsWith('.json') && name !== 'published.json')
    .flatMap((name) => {
      const parsed = parseDefinitionText(readFileSync(`${questionnaires}${name}`, 'utf8'));
      return parsed.ok ? [parsed.key] : [];
    }),
);

export const context = { definitionKeys: shippedKeys };

export const plansFolder = `${questionnaires}plans/`;

export function planJson(id: string): unknown {
  return JSON.parse(readFileSync(`${plansFolder}${id}.json`, 'utf8')) as unknown;
}

/** Parses a plan that must be valid. */
export function planOf(input: unknown): Plan {
  const result = parsePlan(input, context);
  if (!result.ok) throw new Error(result.problems.map((p) => `${formatPath(p.path)} ${p.message}`).join('; '));
  return result.plan;
}

export const shippedPlan = (id: string): Plan => planOf(planJson(id));

/** The problems as an author reads them: formatted path and message. */
export function planProblems(input: unknown): { path: string; message: string; hint?: string }[] {
  const result = parsePlan(input, context);
  return result.ok
    ? []
    : result.problems.map((p) => ({ path: formatPath(p.path), message: p.message, ...(p.hint ? { hint: p.hint } : {}) }));
}

const names = { nb: 'Namn', nn: 'Namn', en: 'Name' };

/** A small valid plan with one time point, to build on. */
export function minimalPlan(timePoint: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'test',
    version: '1',
    title: names,
    license: 'Test plan',
    source: { citation: 'Test' },
    events: [{ id: 'ended', name: names }],
    timePoints: [
      {
        id: 'point',
        name: names,
        questionnaires: ['demo-wellbeing@1'],
        anchor: 'enrolment',
        offset: { days: 0 },
        window: { closesAfter: { days: 6 } },
        ...timePoint,
      },
    ],
    ...more,
  };
}

export { names };
