// The codes a definition stands for in FHIR: the source's own where an import kept them (a linkId
// that is not an id, LOINC codes, a value set's system), else ours (urn:eprom:…).
import { optionsOf } from '../answers.js';
import type { AnswerableItem, AnswerOption, Definition, SourceCoding } from '../definition.js';
import { optionSetOf } from '../answers.js';
import { itemSystem, optionSetSystem } from './naming.js';
import type { Coding } from './types.js';

/** Our code system of an item's options: its option set's, or its own. */
export function codingSystem(definition: Definition, item: AnswerableItem): string {
  if ((item.kind === 'single-choice' || item.kind === 'multiple-choice') && item.optionSet && optionSetOf(definition, item.optionSet))
    return optionSetSystem(definition.id, item.optionSet);
  return itemSystem(definition.id, item.id);
}

/** An item's linkId: the source's where the definition kept one, else its id. */
export const linkIdOf = (item: { id: string; linkId?: string | undefined }) => item.linkId ?? item.id;

export const codingsOf = (codes: readonly SourceCoding[]): Coding[] =>
  codes.map((c) => ({ ...(c.system ? { system: c.system } : {}), code: c.code, ...(c.display ? { display: c.display } : {}) }));

/** The system and code an option is written with: its kept Coding (even without a system) or ours. */
export function optionSystemAndCode(definition: Definition, item: AnswerableItem, option: AnswerOption): Pick<Coding, 'system' | 'code'> {
  if (option.coding) return { ...(option.coding.system ? { system: option.coding.system } : {}), code: option.coding.code ?? option.code };
  return { system: codingSystem(definition, item), code: option.code };
}

/** The Coding of an answer of ours (an option's code, a scale's step), without its display. */
export function answerSystemAndCode(definition: Definition, item: AnswerableItem, value: string | number): Pick<Coding, 'system' | 'code'> {
  if (item.kind === 'scale') return { system: item.system ?? itemSystem(definition.id, item.id), code: String(value) };
  const option = optionsOf(definition, item).find((o) => o.code === String(value));
  return option ? optionSystemAndCode(definition, item, option) : { system: codingSystem(definition, item), code: String(value) };
}
