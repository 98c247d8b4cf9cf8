// What a person's answers look like, and whether each one fits its item.
import { z } from 'zod/mini';
import type { AnswerableItem, AnswerOption, Definition } from './definition.js';

export const answerValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type AnswerValue = z.infer<typeof answerValue>;

/** An answer is a value, or an explicit "I prefer not to answer". */
export const answer = z.union([z.strictObject({ value: answerValue }), z.strictObject({ declined: z.literal(true) })]);
export type Answer = z.infer<typeof answer>;

const answerRecord = z.record(z.string(), answer);

/** The key zod leaves out of every record it parses, since writing it to a plain object replaces the object's prototype. */
const prototypeKey = '__proto__';

/**
 * Answers by item id. An answer under "__proto__" is kept as an own property, where zod's record
 * alone would drop it unseen: the checks against the definition then refuse it as an unknown item,
 * as they do "constructor" or any other id the questionnaire does not have.
 */
export const answers = z.pipe(
  z.unknown(),
  z.transform((input, ctx): Record<string, Answer> => {
    const parsed = answerRecord.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: undefined });
      return z.NEVER;
    }
    if (typeof input !== 'object' || input === null || !Object.hasOwn(input, prototypeKey)) return parsed.data;
    const entry = answer.safeParse((input as Record<string, unknown>)[prototypeKey]);
    if (!entry.success) {
      for (const issue of entry.error.issues) ctx.issues.push({ ...issue, input: undefined, path: [prototypeKey, ...issue.path] });
      return z.NEVER;
    }
    Object.defineProperty(parsed.data, prototypeKey, { value: entry.data, enumerable: true, writable: true, configurable: true });
    return parsed.data;
  }),
);
export type Answers = z.infer<typeof answers>;

export const AnswerError = {
  required: 'required',
  wrongType: 'wrongType',
  notWholeNumber: 'notWholeNumber',
  belowMin: 'belowMin',
  aboveMax: 'aboveMax',
  tooManyDecimals: 'tooManyDecimals',
  unknownOption: 'unknownOption',
  tooFewSelected: 'tooFewSelected',
  tooManySelected: 'tooManySelected',
  tooLong: 'tooLong',
  invalidDate: 'invalidDate',
  declineNotOffered: 'declineNotOffered',
} as const;
export type AnswerError = (typeof AnswerError)[keyof typeof AnswerError];

export interface AnswerProblem {
  code: AnswerError;
  /** The bound the answer broke, for the message ("at most 300"). */
  limit?: number | string;
}

/** The answer to an item; own properties only, so an item called "constructor" is not Object's. */
export function answerTo(answers: Answers, itemId: string): Answer | undefined {
  return Object.hasOwn(answers, itemId) ? answers[itemId] : undefined;
}

export function hasValue(entry: Answer | undefined): entry is { value: AnswerValue } {
  return entry !== undefined && 'value' in entry;
}

export function isRequired(item: AnswerableItem): boolean {
  return item.required ?? true;
}

export function offersDecline(definition: Definition, item: AnswerableItem): boolean {
  return item.preferNotToAnswer ?? (definition.preferNotToAnswer === true && !isRequired(item));
}

/** The options of a choice item, whether written inline or taken from a shared option set. */
export function optionsOf(definition: Definition, item: AnswerableItem): AnswerOption[] {
  if (item.kind !== 'single-choice' && item.kind !== 'multiple-choice') return [];
  if (item.options) return item.options;
  return (item.optionSet && optionSetOf(definition, item.optionSet)) || [];
}

/** The option set with this id, if the definition has one (and not, say, Object's "constructor"). */
export function optionSetOf(definition: Definition, id: string): AnswerOption[] | undefined {
  const sets = definition.optionSets;
  return sets && Object.hasOwn(sets, id) ? sets[id] : undefined;
}

function decimalsIn(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function checkRange(value: number | string, min: number | string | undefined, max: number | string | undefined) {
  if (min !== undefined && value < min) return { code: AnswerError.belowMin, limit: min };
  if (max !== undefined && value > max) return { code: AnswerError.aboveMax, limit: max };
  return null;
}

/** Whether `value` is a valid answer to `item`; null when it is. */
export function validateValue(definition: Definition, item: AnswerableItem, value: AnswerValue): AnswerProblem | null {
  const wrongType = { code: AnswerError.wrongType };
  switch (item.kind) {
    case 'single-choice': {
      if (typeof value !== 'string') return wrongType;
      return optionsOf(definition, item).some((o) => o.code === value) ? null : { code: AnswerError.unknownOption };
    }
    case 'multiple-choice': {
      if (!Array.isArray(value)) return wrongType;
      const codes = new Set(optionsOf(definition, item).map((o) => o.code));
      if (value.some((code) => !codes.has(code)) || new Set(value).size !== value.length) return { code: AnswerError.unknownOption };
      if (item.minSelected !== undefined && value.length < item.minSelected)
        return { code: AnswerError.tooFewSelected, limit: item.minSelected };
      if (item.maxSelected !== undefined && value.length > item.maxSelected)
        return { code: AnswerError.tooManySelected, limit: item.maxSelected };
      return null;
    }
    case 'scale':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType;
      if (!Number.isInteger(value)) return { code: AnswerError.notWholeNumber };
      return checkRange(value, item.min, item.max);
    }
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType;
      const decimals = item.decimals ?? 1;
      if (decimalsIn(value) > decimals) return { code: AnswerError.tooManyDecimals, limit: decimals };
      return checkRange(value, item.min, item.max);
    }
    case 'yes-no':
      return typeof value === 'boolean' ? null : wrongType;
    case 'date': {
      if (typeof value !== 'string') return wrongType;
      if (!isCalendarDate(value)) return { code: AnswerError.invalidDate };
      return checkRange(value, item.min, item.max);
    }
    case 'text':
    case 'long-text': {
      if (typeof value !== 'string') return wrongType;
      const maxLength = item.maxLength ?? (item.kind === 'text' ? 500 : 10000);
      return value.length > maxLength ? { code: AnswerError.tooLong, limit: maxLength } : null;
    }
  }
}

/** A real YYYY-MM-DD date (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a stored answer is acceptable for `item`; used for review and before completing. */
export function validateAnswer(definition: Definition, item: AnswerableItem, entry: Answer | undefined): AnswerProblem | null {
  if (entry === undefined) return isRequired(item) ? { code: AnswerError.required } : null;
  if ('declined' in entry) return offersDecline(definition, item) ? null : { code: AnswerError.declineNotOffered };
  return validateValue(definition, item, entry.value);
}
