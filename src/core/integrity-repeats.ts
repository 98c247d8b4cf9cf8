// Checks of repeating groups: a minimum no larger than the maximum, and no reference to an item of
// a repeating group from outside it. Such an item has one answer per entry, so a score, a notice,
// an alert, a rule or a later item could not say which entry it means; a condition inside the group
// looks at its own entry (see visibility.ts).
import type { Definition } from './definition.js';
import type { JsonPath, Problem } from './problems.js';
import { isRepeating } from './repeats.js';

/** The repeating group each item of one belongs to, with the group's place in `items`. */
function repeatedItems(definition: Definition): Map<string, { group: string; index: number }> {
  const found = new Map<string, { group: string; index: number }>();
  definition.items.forEach((item, index) => {
    if (item.kind === 'group' && isRepeating(item)) for (const child of item.items) found.set(child.id, { group: item.id, index });
  });
  return found;
}

/** Every place the definition names an item, with the path of the name. */
function references(value: unknown, path: JsonPath, found: { id: string; path: JsonPath }[]): void {
  if (Array.isArray(value)) {
    value.forEach((entry, i) => references(entry, [...path, i], found));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, entry] of Object.entries(value)) {
    const at = [...path, key];
    if (typeof entry === 'string' && ['item', 'left', 'right'].includes(key)) found.push({ id: entry, path: at });
    else if (key === 'items' && Array.isArray(entry) && entry.every((id) => typeof id === 'string'))
      entry.forEach((id: string, i) => found.push({ id, path: [...at, i] }));
    else if ((key === 'itemValues' || (key === 'answers' && path[0] === 'examples')) && typeof entry === 'object' && entry !== null)
      for (const id of Object.keys(entry)) found.push({ id, path: [...at, id] });
    else references(entry, at, found);
  }
}

export function checkRepeats(definition: Definition): Problem[] {
  const problems: Problem[] = [];
  definition.items.forEach((item, i) => {
    const repeats = item.kind === 'group' ? item.repeats : undefined;
    if (repeats?.min !== undefined && repeats.min > repeats.max)
      problems.push({ path: ['items', i, 'repeats', 'min'], message: `"min" (${repeats.min}) is larger than "max" (${repeats.max})` });
  });
  const repeated = repeatedItems(definition);
  if (repeated.size === 0) return problems;
  const found: { id: string; path: JsonPath }[] = [];
  references(definition, [], found);
  for (const { id, path } of found) {
    const owner = repeated.get(id);
    const isInOwnGroup = owner !== undefined && path[0] === 'items' && path[1] === owner.index && path[2] === 'items';
    if (owner && !isInOwnGroup)
      problems.push({
        path,
        message: `"${id}" is in the repeating group "${owner.group}", which has an answer for each entry: only items of that group can refer to it`,
      });
  }
  return problems;
}
