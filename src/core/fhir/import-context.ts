// What the import of a FHIR Questionnaire carries from item to item: the report, the ids given,
// the kinds met; and how FHIR's names become the format's identifiers and codes.
import type { AnswerOption as OurOption, LocalisedText } from '../definition.js';
import { readLocalised } from './text.js';
import type { PrimitiveElement, QuestionnaireItem } from './types.js';

const identifierPattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function toIdentifier(raw: string, fallback: string): string {
  const cleaned = raw
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[^A-Za-z]+/, '')
    .slice(0, 64);
  return identifierPattern.test(cleaned) ? cleaned : fallback;
}

export function toCode(raw: string): string {
  const cleaned = raw
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return codePattern.test(cleaned) ? cleaned : 'code';
}

export type OurItem = Record<string, unknown> & { id: string; kind: string };

export interface Context {
  language: string;
  report: string[];
  /** FHIR linkId → our item id, for the items carried over. */
  ids: Map<string, string>;
  /** What each item carried over is: its kind, and a scale's range. */
  kinds: Map<string, { kind: string; min?: number; max?: number }>;
  optionSets: Record<string, OurOption[]>;
  usedIds: Set<string>;
  pendingConditions: { owner: OurItem; item: QuestionnaireItem }[];
}

export function localised(
  context: Context,
  text: string | undefined,
  twin: PrimitiveElement | undefined,
  what: string,
  fallback: string,
): LocalisedText {
  const found = readLocalised(text, twin, context.language);
  if (Object.keys(found).length > 0) return found;
  context.report.push(`${what} has no text: "${fallback}" is used instead`);
  return { [context.language]: fallback };
}

export function uniqueId(context: Context, linkId: string): string {
  let id = toIdentifier(linkId, 'item');
  for (let n = 2; context.usedIds.has(id); n++) id = `${toIdentifier(linkId, 'item').slice(0, 60)}-${n}`;
  if (id !== linkId)
    context.report.push(`the item "${linkId}" is called "${id}": an id has only letters, digits, "_" and "-" and starts with a letter`);
  context.usedIds.add(id);
  context.ids.set(linkId, id);
  return id;
}
