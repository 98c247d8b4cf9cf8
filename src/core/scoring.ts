// Computes a definition's scores from a person's answers: the one function the app, the register
// endpoint and the command line all use, so a score is the same number wherever it is shown.
import { answerTo, validateValue, type Answers } from './answers.js';
import type {
  AnswerableItem,
  Definition,
  Expression,
  ItemScoreDefinition,
  MinAnswered,
  ScoreBand,
  ScoreDefinition,
  ValueMap,
} from './definition.js';
import { NoScoreReason, type ScoreResult, type ScoreResults, type ScoreValueResult } from './scoring-results.js';
import { isAnswerable, leafItems, visibility } from './visibility.js';

/** How many of `count` items must be answered; without a rule, all of them. */
export function requiredAnswers(rule: MinAnswered | undefined, count: number): number {
  if (rule?.atLeast !== undefined) return rule.atLeast;
  if (rule?.moreThanHalf) return Math.floor(count / 2) + 1;
  return count;
}

/** The value map that applies to an item of a sum or mean: its own, or the score's. */
export function valueMapOf(score: ItemScoreDefinition, itemId: string): ValueMap | undefined {
  const own = score.itemValues && Object.hasOwn(score.itemValues, itemId) ? score.itemValues[itemId] : undefined;
  return own ?? score.values;
}

function lookUp(map: ValueMap, code: string): number | null | undefined {
  return Object.hasOwn(map, code) ? map[code] : undefined;
}

/** A numeric item's min and max, when it has both. */
export function rangeOf(item: AnswerableItem): { min: number; max: number } | undefined {
  if (item.kind !== 'scale' && item.kind !== 'integer' && item.kind !== 'decimal') return undefined;
  return item.min !== undefined && item.max !== undefined ? { min: item.min, max: item.max } : undefined;
}

interface Context {
  definition: Definition;
  /** Answers of visible items only: a hidden item counts as unanswered. */
  effective: Answers;
  items: ReadonlyMap<string, AnswerableItem>;
  results: ScoreResults;
}

/**
 * The number an item's answer counts as, or undefined when it counts as unanswered: no answer,
 * hidden, declined, a value that does not fit the item, or an option mapped to null.
 */
function itemValue(context: Context, itemId: string, map?: ValueMap, isReversed = false): number | undefined {
  const item = context.items.get(itemId);
  const entry = answerTo(context.effective, itemId);
  if (!item || !entry || !('value' in entry)) return undefined;
  if (validateValue(context.definition, item, entry.value) !== null) return undefined;
  const { value } = entry;
  if (item.kind === 'single-choice' && typeof value === 'string') return map ? (lookUp(map, value) ?? undefined) : undefined;
  if (typeof value !== 'number') return undefined;
  if (!isReversed) return value;
  const range = rangeOf(item);
  return range ? range.min + range.max - value : undefined;
}

function overItems(context: Context, score: ItemScoreDefinition): ScoreResult | number {
  const reversed = new Set(score.reverse ?? []);
  const values = score.items
    .map((id) => itemValue(context, id, valueMapOf(score, id), reversed.has(id)))
    .filter((value): value is number => value !== undefined);
  const count = score.items.length;
  const answered = values.length;
  const required = Math.max(1, requiredAnswers(score.minAnswered, count));
  if (answered < required) return { status: 'noScore', reason: NoScoreReason.tooFewAnswered, answered, required };
  const sum = values.reduce((total, value) => total + value, 0);
  if (score.kind === 'mean') return sum / answered;
  // multiply before dividing, so a sum of whole numbers prorated to a whole number stays exact
  return score.prorate && answered < count ? (sum * count) / answered : sum;
}

function scoreValue(context: Context, id: string): number | undefined {
  const result = Object.hasOwn(context.results, id) ? context.results[id] : undefined;
  return result?.status === 'score' ? result.value : undefined;
}

function overScores(context: Context, ids: string[], kind: 'sumOfScores' | 'meanOfScores'): ScoreResult | number {
  const missing = ids.filter((id) => scoreValue(context, id) === undefined);
  if (missing.length > 0) return { status: 'noScore', reason: NoScoreReason.missingScores, missing };
  const sum = ids.reduce((total, id) => total + (scoreValue(context, id) ?? 0), 0);
  return kind === 'meanOfScores' ? sum / ids.length : sum;
}

/** Every item and score an expression uses, in the order written. */
export function expressionReferences(expression: Expression): { items: string[]; scores: string[] } {
  switch (expression.op) {
    case 'item':
      return { items: [expression.item], scores: [] };
    case 'score':
      return { items: [], scores: [expression.score] };
    case 'number':
      return { items: [], scores: [] };
    default: {
      const parts = expression.args.map(expressionReferences);
      return { items: parts.flatMap((p) => p.items), scores: parts.flatMap((p) => p.scores) };
    }
  }
}

function evaluateExpression(context: Context, expression: Expression): number {
  switch (expression.op) {
    case 'item':
      return itemValue(context, expression.item) ?? NaN;
    case 'score':
      return scoreValue(context, expression.score) ?? NaN;
    case 'number':
      return expression.value;
  }
  const [first = NaN, ...rest] = expression.args.map((arg) => evaluateExpression(context, arg));
  const second = rest[0] ?? NaN;
  switch (expression.op) {
    case 'add':
      return rest.reduce((total, value) => total + value, first);
    case 'multiply':
      return rest.reduce((total, value) => total * value, first);
    case 'subtract':
      return first - second;
    case 'divide':
      return first / second;
    case 'power':
      return first ** second;
  }
}

function formula(context: Context, expression: Expression): ScoreResult | number {
  const references = expressionReferences(expression);
  const unique = (ids: string[]) => [...new Set(ids)];
  const missingAnswers = unique(references.items.filter((id) => itemValue(context, id) === undefined));
  if (missingAnswers.length > 0) return { status: 'noScore', reason: NoScoreReason.missingAnswers, missing: missingAnswers };
  const missingScores = unique(references.scores.filter((id) => scoreValue(context, id) === undefined));
  if (missingScores.length > 0) return { status: 'noScore', reason: NoScoreReason.missingScores, missing: missingScores };
  const value = evaluateExpression(context, expression);
  return Number.isFinite(value) ? value : { status: 'noScore', reason: NoScoreReason.undefinedValue };
}

/** The last band whose "from" the value reaches; a first band without "from" takes all below. */
function bandOf(score: ScoreDefinition, value: number): ScoreBand | undefined {
  let found: ScoreBand | undefined;
  score.bands?.forEach((band, i) => {
    if (band.from === undefined ? i === 0 : value >= band.from) found = band;
  });
  return found;
}

/** A computed value with its band (the last whose "from" it reaches) and every flag. */
function withReadings(score: ScoreDefinition, value: number): ScoreValueResult {
  const result: ScoreValueResult = { status: 'score', value };
  const band = bandOf(score, value);
  if (band) result.band = { id: band.id, label: band.label };
  if (score.flags)
    result.flags = Object.fromEntries(
      score.flags.map((flag) => [
        flag.id,
        (flag.atLeast === undefined || value >= flag.atLeast) && (flag.atMost === undefined || value <= flag.atMost),
      ]),
    );
  return result;
}

function computeOne(context: Context, score: ScoreDefinition): ScoreResult {
  const computed =
    score.kind === 'sum' || score.kind === 'mean'
      ? overItems(context, score)
      : score.kind === 'formula'
        ? formula(context, score.formula)
        : overScores(context, score.scores, score.kind);
  return typeof computed === 'number' ? withReadings(score, computed) : computed;
}

/**
 * Every score of the definition, by id, in the definition's order. Only the answers of visible
 * items count; a declined item, a hidden one, an answer that does not fit its item and an option
 * mapped to null all count as unanswered. Values keep full precision (see roundScore).
 */
export function computeScores(definition: Definition, answers: Answers): ScoreResults {
  const context: Context = {
    definition,
    effective: visibility(definition, answers).effective,
    items: new Map(
      leafItems(definition)
        .filter(isAnswerable)
        .map((item) => [item.id, item]),
    ),
    results: {},
  };
  for (const score of definition.scores ?? []) context.results[score.id] = computeOne(context, score);
  return context.results;
}

/**
 * A value rounded for display to `decimals` places, half away from zero on its decimal digits
 * (2.345 → 2.35, −2.345 → −2.35), so the shown number is what a person rounding by hand gets.
 */
export function roundScore(value: number, decimals: number): number {
  const sign = value < 0 ? -1 : 1;
  const magnitude = Math.abs(value);
  // shift by the decimal exponent, not by multiplying: 2.345 * 100 is 234.49999999999997
  const text = String(magnitude);
  if (text.includes('e')) return (sign * Math.round(magnitude * 10 ** decimals)) / 10 ** decimals;
  return sign * Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`);
}

/** The scores the definition lets the patient see, with their results. */
export function patientScores(definition: Definition, results: ScoreResults): { score: ScoreDefinition; result: ScoreResult }[] {
  return (definition.scores ?? []).flatMap((score) => {
    const result = Object.hasOwn(results, score.id) ? results[score.id] : undefined;
    return score.showToPatient === true && result ? [{ score, result }] : [];
  });
}
