// Every key an answer may be stored under in a definition, in the order the person meets them: what
// the register accepts (receive-checks.ts) and the CSV's answer columns (export.ts) are the same list.
// A repeating group (issue 18) has its own id, for its list of entries, and each answerable item's key
// in each entry up to the group's maximum (`meds.1.name` … `meds.8.perDay`), entry by entry.
import { instanceKey, isAnswerable, isRepeating, type Definition } from '../core/index.js';

export function answerKeys(definition: Definition): string[] {
  return definition.items.flatMap((item) => {
    if (item.kind !== 'group') return isAnswerable(item) ? [item.id] : [];
    const ids = item.items.filter(isAnswerable).map((child) => child.id);
    if (!isRepeating(item)) return ids;
    const entries = Array.from({ length: item.repeats.max }, (_v, i) => String(i + 1));
    return [item.id, ...entries.flatMap((entry) => ids.map((id) => instanceKey(item.id, entry, id)))];
  });
}

/** The ids of a definition's repeating groups, whose own answer is the list of their entries. */
export function repeatingGroupIds(definition: Definition): ReadonlySet<string> {
  return new Set(definition.items.flatMap((item) => (item.kind === 'group' && isRepeating(item) ? [item.id] : [])));
}
