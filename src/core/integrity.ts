// Checks a schema-valid definition for what the schema alone cannot see: references, duplicates,
// ranges that make sense, and a text in every declared language.
import { formatPath, type JsonPath, type Problem } from './problems.js';
import type { AnswerableItem, Condition, Definition, LeafItem, LocalisedText } from './definition.js';
import { isAnswerable, leafItems } from './visibility.js';
import { optionSetOf, optionsOf } from './answers.js';
import { checkScoresAndExamples } from './scoring-integrity.js';
import { didYouMean } from './suggest.js';
import { neverShown } from './reachability.js';
import { checkResultRules } from './integrity-results.js';
import { checkRepeats } from './integrity-repeats.js';

function isLocalisedText(value: unknown, key: string | number | undefined): value is LocalisedText {
  return (
    typeof key === 'string' &&
    ['title', 'introduction', 'text', 'help', 'unit', 'label'].includes(key) &&
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value)
  );
}

/** Fields with no texts in them; some are keyed by item id, which may be any word, "text" too. */
const textlessFields = new Set(['visibleWhen', 'itemValues', 'formula', 'examples']);

function checkTexts(definition: Definition, problems: Problem[]) {
  const declared = definition.languages;
  const walk = (value: unknown, path: JsonPath) => {
    const key = path[path.length - 1];
    if (isLocalisedText(value, key)) {
      for (const language of declared)
        if (!(language in value)) problems.push({ path, message: `the "${language}" text is missing`, missingLanguage: language });
      for (const language of Object.keys(value))
        if (!declared.includes(language))
          problems.push({
            path: [...path, language],
            message: `"${language}" is not among the definition's languages (${declared.join(', ')}): add it to "languages" or remove this text`,
          });
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) if (!textlessFields.has(k)) walk(v, [...path, k]);
  };
  walk(definition, []);
  const seen = new Set<string>();
  declared.forEach((language, i) => {
    if (seen.has(language)) problems.push({ path: ['languages', i], message: `"${language}" is listed twice` });
    seen.add(language);
  });
}

/** The path of every leaf item and group, by id, as written in the file. */
function itemPaths(definition: Definition): Map<string, JsonPath> {
  const paths = new Map<string, JsonPath>();
  definition.items.forEach((item, i) => {
    paths.set(item.id, ['items', i]);
    if (item.kind === 'group') item.items.forEach((child, j) => paths.set(child.id, ['items', i, 'items', j]));
  });
  return paths;
}

function checkDuplicateIds(definition: Definition, problems: Problem[]) {
  const seen = new Map<string, JsonPath>();
  definition.items.forEach((item, i) => {
    const entries: [string, JsonPath][] = [[item.id, ['items', i, 'id']]];
    if (item.kind === 'group') item.items.forEach((child, j) => entries.push([child.id, ['items', i, 'items', j, 'id']]));
    for (const [id, path] of entries) {
      const first = seen.get(id);
      if (first) problems.push({ path, message: `the id "${id}" is already used at ${formatPath(first)}` });
      else seen.set(id, path);
    }
  });
}

/** A FHIR linkId must be unique too: an item's own (kept from an import), or else its id. */
function checkLinkIds(definition: Definition, problems: Problem[]) {
  // two ids alike are reported as such; here only a clash that a kept linkId makes
  const seen = new Map<string, boolean>();
  definition.items.forEach((item, i) => {
    const entries = [{ item, path: ['items', i] }];
    if (item.kind === 'group') item.items.forEach((child, j) => entries.push({ item: child, path: ['items', i, 'items', j] }));
    for (const entry of entries) {
      const linkId = entry.item.linkId ?? entry.item.id;
      const isKept = entry.item.linkId !== undefined;
      const earlier = seen.get(linkId);
      if (earlier !== undefined && (earlier || isKept))
        problems.push({ path: [...entry.path, 'linkId'], message: `the linkId "${linkId}" is used twice` });
      seen.set(linkId, earlier === true || isKept);
    }
  });
}

function checkOptionCodes(codes: string[], path: JsonPath, problems: Problem[]) {
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (seen.has(code)) problems.push({ path: [...path, i, 'code'], message: `the option code "${code}" is used twice` });
    seen.add(code);
  });
}

function checkItem(definition: Definition, item: AnswerableItem, path: JsonPath, problems: Problem[]) {
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice': {
      if (item.options && item.optionSet)
        problems.push({ path: at('optionSet'), message: 'give either "options" or "optionSet", not both' });
      else if (!item.options && !item.optionSet) problems.push({ path, message: 'a choice needs "options" or an "optionSet"' });
      else if (item.optionSet && !optionSetOf(definition, item.optionSet))
        problems.push(
          withHint(
            {
              path: at('optionSet'),
              message: `there is no option set "${item.optionSet}" in "optionSets"`,
            },
            didYouMean(item.optionSet, Object.keys(definition.optionSets ?? {})),
          ),
        );
      if (item.options)
        checkOptionCodes(
          item.options.map((o) => o.code),
          at('options'),
          problems,
        );
      if (item.kind === 'multiple-choice') {
        const count = optionsOf(definition, item).length;
        if (item.minSelected !== undefined && item.maxSelected !== undefined && item.minSelected > item.maxSelected)
          problems.push({ path: at('minSelected'), message: '"minSelected" is larger than "maxSelected"' });
        if (count > 0 && item.maxSelected !== undefined && item.maxSelected > count)
          problems.push({ path: at('maxSelected'), message: `"maxSelected" is larger than the ${count} options` });
      }
      return;
    }
    case 'scale': {
      if (item.min >= item.max) problems.push({ path: at('max'), message: '"max" must be larger than "min"' });
      const seen = new Set<number>();
      item.labels.forEach((label, i) => {
        if (label.value < item.min || label.value > item.max)
          problems.push({
            path: at('labels', i, 'value'),
            message: `the label's value ${label.value} is outside the scale ${item.min}–${item.max}`,
          });
        if (seen.has(label.value)) problems.push({ path: at('labels', i, 'value'), message: `the step ${label.value} has two labels` });
        seen.add(label.value);
      });
      return;
    }
    case 'integer':
    case 'decimal':
    case 'date':
      if (item.min !== undefined && item.max !== undefined && item.min > item.max)
        problems.push({ path: at('max'), message: '"max" is smaller than "min"' });
      return;
    default:
      return;
  }
}

function withHint(problem: Problem, hint: string | undefined): Problem {
  return hint ? { ...problem, hint } : problem;
}

/** The value types an item's answers have, for checking what a condition compares them with. */
function valueFits(
  definition: Definition,
  item: AnswerableItem,
  value: string | number | boolean,
): { message: string; hint?: string } | null {
  const plain = (message: string | null) => (message === null ? null : { message });
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice': {
      const codes = optionsOf(definition, item).map((o) => o.code);
      // an item without options is reported where its options should be
      if (codes.length === 0 || (typeof value === 'string' && codes.includes(value))) return null;
      const hint = didYouMean(String(value), codes);
      return {
        message: `"${item.id}" has no option with the code ${JSON.stringify(value)} (its codes: ${codes.join(', ')})`,
        ...(hint ? { hint } : {}),
      };
    }
    case 'scale':
    case 'integer':
    case 'decimal':
      return plain(typeof value === 'number' ? null : `"${item.id}" is answered with a number, not ${JSON.stringify(value)}`);
    case 'yes-no':
      return plain(typeof value === 'boolean' ? null : `"${item.id}" is answered with true or false, not ${JSON.stringify(value)}`);
    default:
      return plain(typeof value === 'string' ? null : `"${item.id}" is answered with a text, not ${JSON.stringify(value)}`);
  }
}

function checkCondition(
  definition: Definition,
  condition: Condition,
  path: JsonPath,
  ownerId: string,
  earlier: ReadonlyMap<string, LeafItem>,
  all: ReadonlyMap<string, LeafItem>,
  problems: Problem[],
) {
  switch (condition.op) {
    case 'all':
    case 'any':
      condition.conditions.forEach((c, i) => checkCondition(definition, c, [...path, 'conditions', i], ownerId, earlier, all, problems));
      return;
    case 'not':
      checkCondition(definition, condition.condition, [...path, 'condition'], ownerId, earlier, all, problems);
      return;
  }
  const at = [...path, 'item'];
  const target = earlier.get(condition.item);
  if (condition.item === ownerId) {
    problems.push({ path: at, message: `a condition cannot refer to its own item "${ownerId}"` });
    return;
  }
  if (!target) {
    problems.push(
      all.has(condition.item)
        ? { path: at, message: `"${condition.item}" comes later in the form: a condition can only refer to earlier items` }
        : withHint(
            { path: at, message: `there is no item "${condition.item}"` },
            didYouMean(
              condition.item,
              [...all.values()].filter(isAnswerable).map((item) => item.id),
            ),
          ),
    );
    return;
  }
  if (!isAnswerable(target)) {
    problems.push({ path: at, message: `"${condition.item}" is a display text and has no answer` });
    return;
  }
  const values = condition.op === 'oneOf' ? condition.values : condition.op === 'answered' ? [] : [condition.value];
  if ((condition.op === 'greaterThan' || condition.op === 'lessThan') && !['scale', 'integer', 'decimal'].includes(target.kind)) {
    problems.push({ path: at, message: `"${condition.item}" is not a number, so it cannot be compared with ${condition.op}` });
    return;
  }
  values.forEach((value, i) => {
    const problem = valueFits(definition, target, value);
    if (problem) problems.push({ path: condition.op === 'oneOf' ? [...path, 'values', i] : [...path, 'value'], ...problem });
  });
}

export function checkIntegrity(definition: Definition): Problem[] {
  const problems: Problem[] = [];
  checkTexts(definition, problems);
  checkDuplicateIds(definition, problems);
  checkLinkIds(definition, problems);
  for (const [id, options] of Object.entries(definition.optionSets ?? {}))
    checkOptionCodes(
      options.map((o) => o.code),
      ['optionSets', id],
      problems,
    );

  const paths = itemPaths(definition);
  const all = new Map(leafItems(definition).map((item) => [item.id, item]));
  const earlier = new Map<string, LeafItem>();
  const conditionAt = (condition: Condition | undefined, path: JsonPath, ownerId: string) => {
    if (condition) checkCondition(definition, condition, [...path, 'visibleWhen'], ownerId, earlier, all, problems);
  };
  const beforeConditions = problems.length;
  for (const item of definition.items) {
    conditionAt(item.visibleWhen, paths.get(item.id) ?? [], item.id);
    const children = item.kind === 'group' ? item.items : [item];
    for (const child of children) {
      const path = paths.get(child.id) ?? [];
      if (child !== item) conditionAt(child.visibleWhen, path, child.id);
      if (isAnswerable(child)) checkItem(definition, child, path, problems);
      earlier.set(child.id, child);
    }
  }
  problems.push(...checkScoresAndExamples(definition));
  // A notice may look at any item: it is evaluated on all the answers, after each one.
  definition.notices?.forEach((notice, i) => {
    checkCondition(definition, notice.when, ['notices', i, 'when'], notice.id, all, all, problems);
  });
  // An alert, like a notice, looks at all the answers.
  definition.alerts?.forEach((alert, i) => {
    checkCondition(definition, alert.when, ['alerts', i, 'when'], alert.id, all, all, problems);
  });
  // Whether a condition can ever hold is only worth asking of conditions that are otherwise sound.
  const hasConditionProblems = problems
    .slice(beforeConditions)
    .some((p) => p.path.includes('visibleWhen') || p.path[0] === 'notices' || p.path[0] === 'alerts');
  if (!hasConditionProblems) problems.push(...neverShown(definition));
  const noticeIds = new Set<string>();
  definition.notices?.forEach((notice, i) => {
    if (noticeIds.has(notice.id)) problems.push({ path: ['notices', i, 'id'], message: `the notice id "${notice.id}" is used twice` });
    noticeIds.add(notice.id);
  });
  problems.push(...checkResultRules(definition), ...checkRepeats(definition));
  return problems;
}
