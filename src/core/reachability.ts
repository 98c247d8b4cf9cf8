// Items, groups and notices that can never be shown: a condition that holds for no answers at all,
// such as "equals 3 and equals 4", or one that needs an answer to an item that is never shown.
//
// Conditions compare answers with constants, so a handful of values per item stands for all of
// them: each constant mentioned, the values just beside it, and one value mentioned nowhere. Trying
// every combination of those (with "unanswered") decides the question exactly; a condition whose
// combinations are too many to try is left alone.
import type { Answers, AnswerValue } from './answers.js';
import { optionsOf } from './answers.js';
import type { AnswerableItem, Condition, Definition, LeafItem } from './definition.js';
import type { JsonPath, Problem } from './problems.js';
import { evaluate, isAnswerable, visibility } from './visibility.js';
import { instanceKey, isRepeating } from './repeats.js';

type Constant = string | number | boolean;

/** At most this many combinations of answers are tried for one condition. */
const maxCombinations = 20_000;

function atomsOf(condition: Condition): Exclude<Condition, { op: 'all' | 'any' | 'not' }>[] {
  switch (condition.op) {
    case 'all':
    case 'any':
      return condition.conditions.flatMap(atomsOf);
    case 'not':
      return atomsOf(condition.condition);
    default:
      return [condition];
  }
}

function constantsOf(atom: ReturnType<typeof atomsOf>[number]): Constant[] {
  switch (atom.op) {
    case 'oneOf':
      return atom.values;
    case 'answered':
      return [];
    default:
      return [atom.value];
  }
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function numbersAround(constants: Constant[], step: number, min: number | undefined, max: number | undefined, isWhole: boolean): number[] {
  const thresholds = constants.filter((c): c is number => typeof c === 'number');
  const round = (n: number) => (isWhole ? n : Number(n.toFixed(8)));
  const candidates = thresholds.flatMap((t) =>
    isWhole ? [Math.floor(t) - 1, Math.floor(t), Math.ceil(t), Math.ceil(t) + 1] : [t - step, t, t + step],
  );
  candidates.push(...[min, max].filter((n): n is number => n !== undefined));
  if (candidates.length === 0) candidates.push(0);
  return unique(candidates.map(round)).filter((n) => (min === undefined || n >= min) && (max === undefined || n <= max));
}

function subsets<T>(values: T[]): T[][] {
  const all: T[][] = [];
  for (let mask = 1; mask < 1 << values.length; mask++) all.push(values.filter((_, i) => mask & (1 << i)));
  return all;
}

/** The answers that stand for every possible answer to `item` in these conditions; undefined when too many. */
function representatives(definition: Definition, item: AnswerableItem, constants: Constant[]): AnswerValue[] | undefined {
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice': {
      const codes = optionsOf(definition, item).map((o) => o.code);
      if (codes.length === 0) return undefined; // its missing options are reported already
      const mentioned = codes.filter((code) => constants.includes(code));
      const other = codes.find((code) => !mentioned.includes(code));
      const relevant = other === undefined ? mentioned : [...mentioned, other];
      if (item.kind === 'single-choice') return relevant;
      return relevant.length > 10 ? undefined : subsets(relevant);
    }
    case 'yes-no':
      return [true, false];
    case 'scale':
      return item.max - item.min <= 50
        ? Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i)
        : numbersAround(constants, 1, item.min, item.max, true);
    case 'integer':
      return numbersAround(constants, 1, item.min, item.max, true);
    case 'decimal':
      return numbersAround(constants, 10 ** -(item.decimals ?? 1), item.min, item.max, false);
    default: {
      const texts = constants.filter((c): c is string => typeof c === 'string');
      // a text no condition mentions: a date the item allows, or any other text
      const other = item.kind === 'date' ? (item.min ?? item.max ?? '2000-01-01') : '\u0000';
      return unique([...texts, other]);
    }
  }
}

interface Shown {
  id: string;
  condition: Condition;
  path: JsonPath;
  what: string;
  /** Whether it shows for these answers (all of them, hidden items' included). */
  holds: (answers: Answers) => boolean;
}

/** The answers with those to items of repeating groups moved to the groups' first entries, where the items' conditions look for them. */
function firstEntryAnswers(definition: Definition): (answers: Answers) => Answers {
  const groupOfRepeated = new Map<string, string>();
  for (const item of definition.items)
    if (item.kind === 'group' && isRepeating(item)) for (const child of item.items) groupOfRepeated.set(child.id, item.id);
  if (groupOfRepeated.size === 0) return (answers) => answers;
  return (answers) =>
    Object.fromEntries(
      Object.entries(answers).map(([id, entry]) => {
        const group = groupOfRepeated.get(id);
        return [group === undefined ? id : instanceKey(group, '1', id), entry];
      }),
    );
}

/** What conditions there are: every item by id, each item's and group's own condition, and what each one shows. */
interface Structure {
  items: Map<string, LeafItem>;
  conditionsOf: Map<string, Condition[]>; // by the id of the item or group they belong to
  groupOf: Map<string, string>;
  targets: Shown[];
}

type Domain = { id: string; values: (AnswerValue | undefined)[] };

function structureOf(definition: Definition): Structure {
  const structure: Structure = { items: new Map(), conditionsOf: new Map(), groupOf: new Map(), targets: [] };
  const { items, conditionsOf, groupOf, targets } = structure;
  const inFirstEntry = firstEntryAnswers(definition);
  const shows = (id: string) => (answers: Answers) => visibility(definition, inFirstEntry(answers)).visible.has(id);
  definition.items.forEach((item, i) => {
    const children = item.kind === 'group' ? item.items : [item];
    if (item.kind === 'group') conditionsOf.set(item.id, item.visibleWhen ? [item.visibleWhen] : []);
    // a group before its items, so that items of a group never shown are not reported one by one
    if (item.kind === 'group' && item.visibleWhen)
      targets.push({
        id: item.id,
        condition: item.visibleWhen,
        path: ['items', i, 'visibleWhen'],
        what: `the group "${item.id}"`,
        holds: shows(item.id),
      });
    children.forEach((child, j) => {
      items.set(child.id, child);
      if (item.kind === 'group') groupOf.set(child.id, item.id);
      conditionsOf.set(child.id, child.visibleWhen ? [child.visibleWhen] : []);
      if (!child.visibleWhen) return;
      const path: JsonPath = item.kind === 'group' ? ['items', i, 'items', j, 'visibleWhen'] : ['items', i, 'visibleWhen'];
      targets.push({ id: child.id, condition: child.visibleWhen, path, what: `"${child.id}"`, holds: shows(child.id) });
    });
  });
  definition.notices?.forEach((notice, i) =>
    targets.push({
      id: notice.id,
      condition: notice.when,
      path: ['notices', i, 'when'],
      what: `the notice "${notice.id}"`,
      holds: (answers) => evaluate(notice.when, visibility(definition, answers).effective),
    }),
  );
  return structure;
}

/** Every constant each item is compared with, in any condition. */
function constantsByItem(definition: Definition, { conditionsOf }: Structure): Map<string, Constant[]> {
  const allConditions = [...[...conditionsOf.values()].flat(), ...(definition.notices ?? []).map((n) => n.when)];
  const constants = new Map<string, Constant[]>();
  for (const atom of allConditions.flatMap(atomsOf)) constants.set(atom.item, [...(constants.get(atom.item) ?? []), ...constantsOf(atom)]);
  return constants;
}

/** The items whose answers decide whether `condition` holds: those it names, and those their visibility depends on. */
function dependencies({ conditionsOf, groupOf }: Structure, condition: Condition): string[] {
  const found = new Set<string>();
  const visit = (id: string) => {
    if (found.has(id)) return;
    found.add(id);
    const own = [...(conditionsOf.get(id) ?? []), ...(conditionsOf.get(groupOf.get(id) ?? '') ?? [])];
    for (const atom of own.flatMap(atomsOf)) visit(atom.item);
  };
  for (const atom of atomsOf(condition)) visit(atom.item);
  return [...found];
}

/** The answers to try for each of these items (unanswered first); undefined when the question cannot be decided so. */
function domainsOf(
  definition: Definition,
  ids: string[],
  items: Structure['items'],
  constants: Map<string, Constant[]>,
): Domain[] | undefined {
  const domains: Domain[] = [];
  let combinations = 1;
  for (const id of ids) {
    const item = items.get(id);
    const values = item && isAnswerable(item) ? representatives(definition, item, constants.get(id) ?? []) : undefined;
    if (!values) return undefined;
    domains.push({ id, values: [undefined, ...values] });
    combinations *= values.length + 1;
  }
  return combinations > maxCombinations ? undefined : domains;
}

export function neverShown(definition: Definition): Problem[] {
  const structure = structureOf(definition);
  const { groupOf } = structure;
  const constants = constantsByItem(definition, structure);
  const never = new Set<string>();
  const problems: Problem[] = [];
  for (const target of structure.targets) {
    if (groupOf.has(target.id) && never.has(groupOf.get(target.id) ?? '')) continue; // its group is reported
    const ids = dependencies(structure, target.condition);
    const domains = domainsOf(definition, ids, structure.items, constants);
    if (!domains || canHold(domains, target.holds)) continue;
    never.add(target.id);
    const blocked = ids.filter((id) => never.has(id) || never.has(groupOf.get(id) ?? ''));
    problems.push({
      path: target.path,
      message:
        `${target.what} can never be shown: no answers make its condition hold` +
        (blocked.length > 0 ? ` (it needs an answer to ${blocked.map((id) => `"${id}"`).join(', ')}, which can never be shown)` : ''),
    });
  }
  return problems;
}

function canHold(domains: Domain[], holds: (answers: Answers) => boolean): boolean {
  const answers: Answers = {};
  const tryFrom = (index: number): boolean => {
    const domain = domains[index];
    if (!domain) return holds(answers);
    for (const value of domain.values) {
      if (value === undefined) delete answers[domain.id];
      else answers[domain.id] = { value };
      if (tryFrom(index + 1)) return true;
    }
    delete answers[domain.id];
    return false;
  };
  return tryFrom(0);
}
