// A repeating group in a FHIR Questionnaire: a group with `repeats`, `required` when it must have an
// entry (FHIR's "at least one"), and how many entries it may have as minOccurs and maxOccurs.
import type { Definition, GroupItem, LeafItem } from '../definition.js';
import { Url, type Extension } from './types.js';

export function repeatsOf(group: GroupItem): { repeats?: true; required?: true; extension: Extension[] } {
  if (!group.repeats) return { extension: [] };
  const { min, max } = group.repeats;
  return {
    repeats: true,
    ...(min !== undefined && min >= 1 ? { required: true } : {}),
    extension: [...(min !== undefined ? [{ url: Url.minOccurs, valueInteger: min }] : []), { url: Url.maxOccurs, valueInteger: max }],
  };
}

/** The repeating group an item is in, if any. */
export function repeatingGroupOf(definition: Definition, item: LeafItem | GroupItem): GroupItem | undefined {
  return definition.items.find(
    (group): group is GroupItem => group.kind === 'group' && group.repeats !== undefined && group.items.some((i) => i.id === item.id),
  );
}
