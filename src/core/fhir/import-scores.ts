// Calculated items as the format's scores. What is read: a calculatedExpression (SDC's, or
// Helsenorge's) that adds up items (or earlier scores), or takes their mean, each term an item's
// answer (its options' ordinalValue or itemWeight for a choice), written directly or through
// variables as LHC-Forms writes PHQ-9; and Helsenorge's section and total scores (codes "SS", "TS").
// Anything else is reported. A calculated item never becomes a question.
import type { Expression } from '../definition.js';
import { localised, sourceIdentity, uniqueId, type Context } from './import-context.js';
import { extensionOf } from './text.js';
import { Url, type Extension, type QuestionnaireItem } from './types.js';

const calculation = (item: QuestionnaireItem) =>
  extensionOf(item, Url.calculatedExpression)?.valueExpression?.expression ??
  extensionOf(item, Url.sdfCalculatedExpression)?.valueExpression?.expression ??
  extensionOf(item, Url.sdfCalculatedExpression)?.valueString;
const scoringCode = (item: QuestionnaireItem) => item.code?.find((c) => c.system === Url.sdfScoringFormulas)?.code;

export const isCalculated = (item: QuestionnaireItem) =>
  Boolean(extensionOf(item, Url.calculatedExpression) ?? extensionOf(item, Url.sdfCalculatedExpression)) ||
  ['SS', 'TS'].includes(scoringCode(item) ?? '');

/** The top-level parts of `text` joined by `separator` (outside parentheses and quotes). */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && text[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && (c === '(' || c === '[')) depth++;
    else if (!quoted && (c === ')' || c === ']')) depth--;
    else if (!quoted && depth === 0 && c === separator) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

const unwrap = (text: string): string => {
  const t = text.trim();
  return t.startsWith('(') && t.endsWith(')') && splitTop(t.slice(1, -1), ')').length === 1 ? unwrap(t.slice(1, -1)) : t;
};

const answerOf =
  /^(?:QuestionnaireResponse|%resource|%context)\.(?:descendants\(\)|repeat\(item\)|item(?:\.item)*)\.where\(linkId\s*=\s*'([^']+)'\)\.answer\.value(?:Integer|Decimal|Quantity|\.value|\.ordinal\(\))*$/;
const weightOf =
  /^%questionnaire\.(?:item\.)+where\(linkId\s*=\s*'([^']+)'\)\.answerOption\.where\(valueCoding\.code\s*=\s*%resource\.(?:item\.)+where\(linkId\s*=\s*'\1'\)\.answer\.valueCoding\.code\)\.extension\.where\(url\s*=\s*(?:%\w+|'[^']+')\)\.value(?:Decimal|Integer)$/;
const orZero = /^iif\((%\w+)\.exists\(\)\s*,\s*\1\s*,\s*0\)$/;

type Variables = ReadonlyMap<string, string>;

/** The linkId a term reads, through variables; undefined when it is not one item's answer. */
function termLinkId(term: string, variables: Variables, seen = 0): string | undefined {
  const t = unwrap(term);
  const zeroed = orZero.exec(t)?.[1];
  if (zeroed) return termLinkId(zeroed, variables, seen + 1);
  if (/^%\w+$/.test(t)) {
    const defined = variables.get(t.slice(1));
    return defined !== undefined && seen < 5 ? termLinkId(defined, variables, seen + 1) : undefined;
  }
  return answerOf.exec(t)?.[1] ?? weightOf.exec(t)?.[1];
}

interface Reading {
  /** A sum, a mean, or a sum divided by a number that is not the count of its terms (Helsenorge's "Sum / 2"). */
  kind: 'sum' | 'mean' | 'ratio';
  divisor?: number;
  linkIds: string[];
  /** Whether a missing answer counts as 0 (iif(x.exists(), x, 0)): then one answer is enough. */
  isLenient: boolean;
}

/** A sum or a mean of items, or undefined. */
export function readCalculation(expression: string, variables: Variables): Reading | undefined {
  let body = unwrap(expression);
  // iif(%anyAnswered, <sum>, {}): LHC-Forms' "empty until something is answered"
  const guarded = /^iif\((.*)\)$/s.exec(body);
  if (guarded?.[1]) {
    const [condition, then, otherwise] = splitTop(guarded[1], ',');
    if (condition && /^%\w+$/.test(condition) && then && otherwise === '{}') body = unwrap(then);
  }
  let kind: Reading['kind'] = 'sum';
  const divided = splitTop(body, '/');
  if (divided.length === 2) {
    kind = 'mean';
    body = unwrap(divided[0] ?? '');
  } else if (divided.length > 2) return undefined;
  const terms = splitTop(body, '+');
  const linkIds = terms.map((t) => termLinkId(t, variables));
  if (linkIds.some((l) => l === undefined)) return undefined;
  const isLenient = terms.every((t) => orZero.test(unwrap(t)));
  if (kind === 'sum') return { kind, linkIds: linkIds as string[], isLenient };
  const divisor = Number(divided[1]);
  if (!Number.isFinite(divisor) || divisor === 0) return undefined;
  return divisor === terms.length
    ? { kind, linkIds: linkIds as string[], isLenient }
    : { kind: 'ratio', divisor, linkIds: linkIds as string[], isLenient };
}

/** The scores a score uses: those it adds up, or those in its formula. */
function usedScores(score: Record<string, unknown> | undefined): string[] {
  if (!score) return [];
  const walk = (e: Expression): string[] => (e.op === 'score' ? [e.score] : 'args' in e ? e.args.flatMap(walk) : []);
  return [...((score.scores as string[] | undefined) ?? []), ...(score.formula ? walk(score.formula as Expression) : [])];
}

/** A calculated item not carried over: reported (it is not a question, so the import does not fail for it). */
const notCarried = (context: Context, item: QuestionnaireItem, reason: string) =>
  context.report.push(`"${item.linkId}" ${reason}: left out`);

const variablesOf = (extensions: readonly Extension[] | undefined): [string, string][] =>
  (extensions ?? []).flatMap((e) =>
    e.url === Url.variable && e.valueExpression?.name && e.valueExpression.expression
      ? [[e.valueExpression.name, e.valueExpression.expression]]
      : [],
  );

/** Terms over a number, as a formula: each term a number item's answer or an earlier score. */
function ratioFormula(context: Context, reading: Reading, scoreIds: ReadonlyMap<string, string>): Expression | undefined {
  const terms: Expression[] = [];
  for (const linkId of reading.linkIds) {
    const score = scoreIds.get(linkId);
    const item = context.ids.get(linkId);
    if (score) terms.push({ op: 'score', score });
    else if (item && ['integer', 'decimal', 'scale'].includes(context.kinds.get(item)?.kind ?? '')) terms.push({ op: 'item', item });
    else return undefined;
  }
  const [only] = terms;
  const dividend: Expression | undefined = terms.length === 1 ? only : { op: 'add', args: terms };
  return dividend ? { op: 'divide', args: [dividend, { op: 'number', value: reading.divisor ?? 1 }] } : undefined;
}

const descendants = (item: { item?: QuestionnaireItem[] }): QuestionnaireItem[] =>
  (item.item ?? []).flatMap((child) => [child, ...descendants(child)]);

/** The scores of the calculated items met, in an order where each comes after those it uses. */
export function scoresOf(
  context: Context,
  questionnaire: { item?: QuestionnaireItem[]; extension?: Extension[] },
): Record<string, unknown>[] {
  const ids = new Map(context.pendingScores.map(({ item }) => [item.linkId, uniqueId(context, item.linkId, true)]));
  const made = new Map<string, Record<string, unknown>>();
  const global = variablesOf(questionnaire.extension);
  for (const { item, parent } of context.pendingScores) {
    const id = ids.get(item.linkId) ?? item.linkId;
    const base = {
      id,
      title: localised(context, item.text, item._text, `the score "${item.linkId}"`, item.linkId),
      // always kept: a score's own linkId would otherwise be "score.<id>"
      ...sourceIdentity(id, item),
      linkId: item.linkId,
      ...(item.type === 'integer' ? { decimals: 0 } : {}),
    };
    const code = scoringCode(item);
    const expression = calculation(item);
    let reading: Reading | undefined;
    if (code === 'SS' || code === 'TS') {
      const scope = code === 'SS' && parent ? descendants(parent) : descendants(questionnaire);
      const weighted = scope.filter((i) => context.weights.has(context.ids.get(i.linkId) ?? ''));
      reading = { kind: 'sum', linkIds: weighted.map((i) => i.linkId), isLenient: true };
    } else if (expression) reading = readCalculation(expression, new Map([...global, ...variablesOf(item.extension)]));
    if (!reading || reading.linkIds.length === 0) {
      notCarried(
        context,
        item,
        `is calculated by ${expression ? `"${expression.slice(0, 200)}"` : 'a rule'}, which is not a sum or mean of items the format can score: write the score in "scores"`,
      );
      continue;
    }
    const repeatedLinkId = reading.linkIds.find((l) => context.repeated.has(context.ids.get(l) ?? ''));
    if (repeatedLinkId !== undefined) {
      // an item of a repeating group has an answer for each entry: a score could not say which it means
      notCarried(
        context,
        item,
        `reads "${repeatedLinkId}", which is in the repeating group "${context.repeated.get(context.ids.get(repeatedLinkId) ?? '') ?? ''}" (an answer for each entry): a score cannot add it up`,
      );
      continue;
    }
    const scores = reading.linkIds.map((l) => ids.get(l));
    if (reading.kind === 'ratio') {
      const formula = ratioFormula(context, reading, ids);
      if (formula) made.set(id, { ...base, kind: 'formula', formula });
      else notCarried(context, item, 'divides items that were not carried over, or are not numbers');
      continue;
    }
    if (scores.every((s) => s !== undefined)) {
      made.set(id, { ...base, kind: reading.kind === 'sum' ? 'sumOfScores' : 'meanOfScores', scores });
      continue;
    }
    const items = reading.linkIds.map((l) => context.ids.get(l));
    const numeric = items.every(
      (i) => i !== undefined && ['integer', 'decimal', 'scale', 'single-choice'].includes(context.kinds.get(i)?.kind ?? ''),
    );
    const itemValues = Object.fromEntries(
      items.flatMap((i) => (i && context.kinds.get(i)?.kind === 'single-choice' ? [[i, context.weights.get(i)]] : [])),
    );
    if (!numeric || Object.values(itemValues).some((v) => v === undefined)) {
      notCarried(context, item, 'adds up items that were not carried over, or that have no numbers (ordinalValue) to add');
      continue;
    }
    made.set(id, {
      ...base,
      kind: reading.kind,
      items,
      ...(Object.keys(itemValues).length > 0 ? { itemValues } : {}),
      ...(reading.isLenient ? { minAnswered: { atLeast: 1 } } : {}),
    });
  }
  return inOrder(context, made, ids);
}

/**
 * The scores made, each after those it uses; a score of scores whose scores were not all carried
 * over is not one either.
 */
function inOrder(
  context: Context,
  made: Map<string, Record<string, unknown>>,
  ids: ReadonlyMap<string, string>,
): Record<string, unknown>[] {
  const order: string[] = [];
  for (let isStable = false; !isStable;) {
    isStable = true;
    for (const [id, score] of made)
      if (usedScores(score).some((used) => !made.has(used))) {
        made.delete(id);
        const source = context.pendingScores.find((p) => ids.get(p.item.linkId) === id);
        if (source) notCarried(context, source.item, 'adds up scores that were not carried over');
        isStable = false;
      }
  }
  // those that use other scores after them
  const visit = (id: string, path: Set<string>) => {
    if (order.includes(id) || path.has(id)) return;
    const score = made.get(id);
    for (const used of usedScores(score)) visit(used, new Set([...path, id]));
    order.push(id);
  };
  for (const id of made.keys()) visit(id, new Set());
  return order.flatMap((id) => {
    const score = made.get(id);
    return score ? [score] : [];
  });
}
