// How what a person does with a field becomes the answer stored: a typed number, a tap on an
// option, text that is only spaces. The form controls only call these; the rules live here.
import type { Answer, AnswerValue } from './answers.js';
import type { AnswerableItem } from './definition.js';

type ItemOf<K extends AnswerableItem['kind']> = Extract<AnswerableItem, { kind: K }>;

/** A number as a person types it: "72,5", "72.5", "-3", " 80 ". Null when it is not one. */
export function parseLocaleNumber(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

/** A stored number shown back with the decimal separator of the interface language. */
export function formatLocaleNumber(value: number, language: string): string {
  const text = String(value);
  return language === 'en' ? text : text.replace('.', ',');
}

/** What a number field stores for its text: nothing when empty; nothing, and a problem to show, when it is not a number. */
export function numberInputAnswer(text: string): { answer: Answer | null; isNotANumber: boolean } {
  if (text.trim() === '') return { answer: null, isNotANumber: false };
  const parsed = parseLocaleNumber(text);
  return parsed === null ? { answer: null, isNotANumber: true } : { answer: { value: parsed }, isNotANumber: false };
}

/** What a text field stores: nothing for text that is empty or only spaces, otherwise the text as typed. */
export function textInputAnswer(text: string): Answer | null {
  return text.trim() === '' ? null : { value: text };
}

/** What a date field stores: nothing when cleared, otherwise the date as the control gives it (yyyy-mm-dd). */
export function dateInputAnswer(value: string): Answer | null {
  return value ? { value } : null;
}

/** Ticking or unticking "I prefer not to answer": declining replaces the answer, unticking clears it. */
export function declineInputAnswer(isDeclined: boolean): Answer | null {
  return isDeclined ? { declined: true } : null;
}

/** The codes chosen in a multiple-choice answer (none when it has no list). */
export function chosenCodes(value: AnswerValue | undefined): string[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A tap on one option of a multiple choice. The codes keep the definition's order, so the stored
 * answer does not depend on the order of taps; none chosen clears the answer.
 */
export function toggleChoice(optionCodes: readonly string[], chosen: readonly string[], code: string): Answer | null {
  const next = chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code];
  const ordered = optionCodes.filter((c) => next.includes(c));
  return ordered.length > 0 ? { value: ordered } : null;
}

/** Every step of a scale, from min to max. */
export function scaleSteps(item: ItemOf<'scale'>): number[] {
  return Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
}

/** The most characters a text field takes: the item's own limit, else 500 for a line and 10 000 for long text. */
export function textMaxLength(item: ItemOf<'text' | 'long-text'>): number {
  return item.maxLength ?? (item.kind === 'text' ? 500 : 10000);
}
