// Checks what a definition says about its results beyond the scores themselves: the thresholds of
// meaningful change, the alerts' and rules' ids, and the items a rule between items compares.
// (The alerts' conditions are checked with the notices' in integrity.ts.)
import type { Definition, ChangeThreshold, ScoreChange } from './definition.js';
import type { JsonPath, Problem } from './problems.js';
import { didYouMean } from './suggest.js';
import { isAnswerable, leafItems } from './visibility.js';

const numericKinds = new Set(['scale', 'integer', 'decimal']);

function checkThreshold(threshold: ChangeThreshold, path: JsonPath, problems: Problem[]) {
  if ((threshold.by === undefined) === (threshold.relative === undefined))
    problems.push({ path, message: 'give either "by" (a change of at least this much) or "relative" (a share of the earlier value)' });
}

function checkChange(change: ScoreChange, path: JsonPath, problems: Problem[]) {
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  if (!change.improvement && !change.deterioration && !change.remission)
    problems.push({ path, message: 'give "improvement", "deterioration" or "remission": what counts as a meaningful change' });
  if (change.improvement) {
    checkThreshold(change.improvement, at('improvement'), problems);
    if (change.better === 'lower' && change.improvement.relative !== undefined && change.improvement.relative > 1)
      problems.push({
        path: at('improvement', 'relative'),
        message: `a fall of more than the whole earlier value (${change.improvement.relative}) is never reached: a relative fall is at most 1`,
      });
  }
  if (change.deterioration) {
    checkThreshold(change.deterioration, at('deterioration'), problems);
    if (change.better === 'higher' && change.deterioration.relative !== undefined && change.deterioration.relative > 1)
      problems.push({
        path: at('deterioration', 'relative'),
        message: `a fall of more than the whole earlier value (${change.deterioration.relative}) is never reached: a relative fall is at most 1`,
      });
  }
  const remission = change.remission;
  if (remission) {
    if (remission.atMost === undefined && remission.atLeast === undefined)
      problems.push({ path: at('remission'), message: 'remission needs "atMost", "atLeast" or both' });
    else if (remission.atMost !== undefined && remission.atLeast !== undefined && remission.atLeast > remission.atMost)
      problems.push({
        path: at('remission', 'atMost'),
        message: `"atMost" (${remission.atMost}) is below "atLeast" (${remission.atLeast}), so remission is never reached`,
      });
    else if (change.better === 'lower' && remission.atMost === undefined)
      problems.push({
        path: at('remission'),
        message: 'a lower score is better ("better": "lower"), so remission is a value "atMost" something',
      });
    else if (change.better === 'higher' && remission.atLeast === undefined)
      problems.push({
        path: at('remission'),
        message: 'a higher score is better ("better": "higher"), so remission is a value "atLeast" something',
      });
  }
}

function checkUniqueIds(ids: readonly string[], path: JsonPath, what: string, problems: Problem[]) {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) problems.push({ path: [...path, i, 'id'], message: `the ${what} id "${id}" is used twice` });
    seen.add(id);
  });
}

function checkRules(definition: Definition, problems: Problem[]) {
  const rules = definition.rules ?? [];
  checkUniqueIds(
    rules.map((r) => r.id),
    ['rules'],
    'rule',
    problems,
  );
  const items = new Map(leafItems(definition).map((item) => [item.id, item]));
  const numeric = [...items.values()].filter((item) => isAnswerable(item) && numericKinds.has(item.kind)).map((item) => item.id);
  rules.forEach((rule, i) => {
    for (const side of ['left', 'right'] as const) {
      const id = rule[side];
      const item = items.get(id);
      const path = ['rules', i, side];
      if (!item) {
        const hint = didYouMean(id, numeric);
        problems.push({ path, message: `there is no item "${id}"`, ...(hint ? { hint } : {}) });
      } else if (!isAnswerable(item) || !numericKinds.has(item.kind))
        problems.push({ path, message: `"${id}" is a ${item.kind} item: a rule compares scale, integer and decimal items` });
    }
    if (rule.left === rule.right)
      problems.push({ path: ['rules', i, 'right'], message: `a rule compares two items, and "${rule.left}" is on both sides` });
  });
}

/** The problems of the definition's change thresholds, alert ids and rules between items. */
export function checkResultRules(definition: Definition): Problem[] {
  const problems: Problem[] = [];
  definition.scores?.forEach((score, i) => {
    if (score.change) checkChange(score.change, ['scores', i, 'change'], problems);
  });
  checkUniqueIds(
    (definition.alerts ?? []).map((a) => a.id),
    ['alerts'],
    'alert',
    problems,
  );
  checkRules(definition, problems);
  return problems;
}
