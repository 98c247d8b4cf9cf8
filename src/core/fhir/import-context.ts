// What the import of a FHIR Questionnaire carries from item to item: the report, the ids given,
// the kinds met; and how FHIR's names become the format's identifiers and codes.
import type { AnswerOption as OurOption, LocalisedText, SourceCoding } from '../definition.js';
import { readLocalised } from './text.js';
import type { ValueSet } from './import-value-sets.js';
import type { Coding, PrimitiveElement, QuestionnaireItem } from './types.js';

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

/** What an item keeps of its source: the linkId where the id differs from it, and its codes. */
export function sourceIdentity(id: string, item: { linkId: string; code?: Coding[] }): { linkId?: string; codes?: SourceCoding[] } {
  const codes = codesOf(item.code);
  return { ...(id !== item.linkId ? { linkId: item.linkId } : {}), ...(codes ? { codes } : {}) };
}

/** FHIR Codings as the format's codes: those with a code, with their system and display (not ours, which export writes anyway). */
export function codesOf(codings: readonly Coding[] | undefined): SourceCoding[] | undefined {
  const codes = (codings ?? []).flatMap((c) =>
    c.code && !isOurSystem(c.system)
      ? [{ ...(c.system ? { system: c.system } : {}), code: c.code, ...(c.display ? { display: c.display } : {}) }]
      : [],
  );
  return codes.length > 0 ? codes : undefined;
}

/** A code system of ours (our own export), which the definition does not need to keep. */
export const isOurSystem = (system: string | undefined) => system?.startsWith('urn:eprom:') === true;

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
  /** Each item carried over with its FHIR item and the nested groups around it (whose conditions apply to it too). */
  pendingConditions: { owner: OurItem; item: QuestionnaireItem; within?: readonly QuestionnaireItem[] }[];
  /** The Questionnaire's contained resources, and the ValueSets given with --valuesets. */
  contained: readonly unknown[];
  valueSets: readonly ValueSet[];
  /** Each choice item's options' weights (ordinalValue, itemWeight), by our item id and option code: for scores. */
  weights: Map<string, Record<string, number | null>>;
  /** Calculated items, read as scores once every item is known; with the group that holds each. */
  pendingScores: { item: QuestionnaireItem; parent?: QuestionnaireItem }[];
  /** The questions (items that take answers) left out, each with why. */
  leftOut: LeftOut[];
  /**
   * Each item of a repeating group, by our id, with the group's id: such an item has an answer for
   * each entry, so only items of its own group may refer to it (check refuses any other reference).
   */
  repeated: Map<string, string>;
}

export interface LeftOut {
  linkId: string;
  reason: string;
}

const takesNoAnswer = new Set(['group', 'display']);

/** An item that is not carried over: reported, and counted as a question left out when it takes answers. */
export function leaveOut(context: Context, item: QuestionnaireItem, reason: string): undefined {
  context.report.push(`"${item.linkId}" ${reason}: left out`);
  if (!takesNoAnswer.has(item.type)) context.leftOut.push({ linkId: item.linkId, reason });
  return undefined;
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

/** An id for a linkId: the linkId itself where it is one; "/44250-9" becomes "item-44250-9". */
function idFor(linkId: string): string {
  const direct = toIdentifier(linkId, '');
  if (direct && direct.length >= linkId.replace(/^[^A-Za-z]+/, '').length && /^[A-Za-z]/.test(linkId)) return direct;
  return toIdentifier(`item-${linkId.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')}`, 'item');
}

/** A new id for a linkId; a change is reported unless `isQuiet` (a score, which keeps its linkId anyway). */
export function uniqueId(context: Context, linkId: string, isQuiet = false): string {
  const base = idFor(linkId);
  let id = base;
  for (let n = 2; context.usedIds.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
  if (id !== linkId && !isQuiet)
    context.report.push(
      `the item "${linkId}" is called "${id}" (an id has only letters, digits, "_" and "-" and starts with a letter); its linkId is kept for FHIR`,
    );
  context.usedIds.add(id);
  context.ids.set(linkId, id);
  return id;
}
