// Checks a definition's scores and examples for what the schema alone cannot see: that every item
// a score counts exists and gives a number, that scores use only scores before them, that bands
// ascend, and that examples name real items and scores.
import { AnswerError, offersDecline, optionsOf, validateValue, type AnswerProblem } from './answers.js';
import type {
  AnswerableItem,
  Definition,
  LeafItem,
  Expression,
  ItemScoreDefinition,
  ScoreDefinition,
  ScoreExample,
  ValueMap,
} from './definition.js';
import type { JsonPath, Problem } from './problems.js';
import { expressionReferences, rangeOf, requiredAnswers, valueMapOf } from './scoring.js';
import { didYouMean } from './suggest.js';
import { isAnswerable, leafItems } from './visibility.js';

type Report = (path: JsonPath, message: string, hint?: string) => void;

const numericKinds = new Set(['scale', 'integer', 'decimal']);

/** Every leaf item by id, display texts too, so a message can say what an id names. */
type Items = ReadonlyMap<string, LeafItem>;

/** The answerable item with this id; reports at `path` when there is none. */
function answerableItem(items: Items, id: string, path: JsonPath, report: Report): AnswerableItem | undefined {
  const item = items.get(id);
  if (item && isAnswerable(item)) return item;
  if (item) report(path, `"${id}" is a display text and has no answer`);
  else
    report(
      path,
      `there is no item "${id}"`,
      didYouMean(
        id,
        [...items.values()].filter(isAnswerable).map((i) => i.id),
      ),
    );
  return undefined;
}

function isDeclined(answer: ScoreExample['answers'][string]): answer is { declined: true } {
  return typeof answer === 'object' && !Array.isArray(answer);
}

function listedTwice(ids: readonly string[], path: JsonPath, what: string, report: Report) {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report([...path, i], `${what} "${id}" is listed twice`);
    seen.add(id);
  });
}

/** A single-choice item's option codes: the map must give each of them a number or null. */
function uncoveredCodes(definition: Definition, item: AnswerableItem, map: ValueMap): string[] {
  return optionsOf(definition, item)
    .map((option) => option.code)
    .filter((code) => !Object.hasOwn(map, code));
}

function checkItemScore(definition: Definition, score: ItemScoreDefinition, path: JsonPath, items: Items, report: Report) {
  const at = (...rest: (string | number)[]) => [...path, ...rest];
  listedTwice(score.items, at('items'), 'the item', report);
  const listed = new Set(score.items);
  const choiceItems: AnswerableItem[] = [];

  score.items.forEach((id, i) => {
    const item = answerableItem(items, id, at('items', i), report);
    if (!item) return;
    if (item.kind === 'single-choice') {
      choiceItems.push(item);
      const map = valueMapOf(score, id);
      const mapPath = score.itemValues && Object.hasOwn(score.itemValues, id) ? at('itemValues', id) : at('values');
      if (!map) report(at('items', i), `"${id}" is a single-choice item: give its options numbers in "values" or "itemValues"`);
      else {
        const missing = uncoveredCodes(definition, item, map);
        if (missing.length > 0)
          report(
            mapPath,
            `the value map gives no number for ${missing.map((c) => `"${c}"`).join(', ')} of "${id}": give each option a number, or null to leave it unscored`,
          );
      }
      return;
    }
    if (!numericKinds.has(item.kind))
      report(
        at('items', i),
        `"${id}" is a ${item.kind} item: a score counts scale, integer and decimal items, and single-choice items with a value map`,
      );
  });

  for (const [id, map] of Object.entries(score.itemValues ?? {})) {
    const item = items.get(id);
    if (!listed.has(id)) report(at('itemValues', id), `"${id}" is not among the score's items`, didYouMean(id, score.items));
    else if (item?.kind === 'single-choice') unknownCodes(definition, [item], map, at('itemValues', id), report);
    else if (item) report(at('itemValues', id), `"${id}" is a ${item.kind} item: value maps are for single-choice items`);
  }
  if (score.values) {
    const usingShared = choiceItems.filter((item) => !(score.itemValues && Object.hasOwn(score.itemValues, item.id)));
    if (usingShared.length === 0)
      report(at('values'), 'no single-choice item of the score uses "values": remove it, or list the items it is for');
    else unknownCodes(definition, usingShared, score.values, at('values'), report);
  }

  listedTwice(score.reverse ?? [], at('reverse'), 'the item', report);
  (score.reverse ?? []).forEach((id, i) => {
    const item = items.get(id);
    if (!listed.has(id)) report(at('reverse', i), `"${id}" is not among the score's items`, didYouMean(id, score.items));
    else if (item?.kind === 'single-choice')
      report(at('reverse', i), `"${id}" is a single-choice item: write the reversed numbers in its value map instead`);
    else if (item && isAnswerable(item) && numericKinds.has(item.kind) && !rangeOf(item))
      report(at('reverse', i), `reversing "${id}" needs its "min" and "max"`);
  });

  const rule = score.minAnswered;
  if (rule) {
    if ((rule.atLeast === undefined) === (rule.moreThanHalf === undefined))
      report(at('minAnswered'), 'give either "atLeast" or "moreThanHalf"');
    else if (rule.atLeast !== undefined && rule.atLeast > score.items.length)
      report(at('minAnswered', 'atLeast'), `${rule.atLeast} answers are needed, but the score has only ${score.items.length} items`);
    else if (requiredAnswers(rule, score.items.length) === score.items.length && score.kind === 'sum' && score.prorate)
      report(at('prorate'), 'every item must be answered, so there is nothing to prorate: lower "minAnswered" or remove "prorate"');
  } else if (score.kind === 'sum' && score.prorate) {
    report(at('prorate'), 'every item must be answered, so there is nothing to prorate: add "minAnswered" or remove "prorate"');
  }
}

/** Codes in a value map that none of the items it applies to has. */
function unknownCodes(definition: Definition, items: AnswerableItem[], map: ValueMap, path: JsonPath, report: Report) {
  const codes = new Set(items.flatMap((item) => optionsOf(definition, item).map((o) => o.code)));
  for (const code of Object.keys(map))
    if (!codes.has(code))
      report(
        [...path, code],
        `${items.map((i) => `"${i.id}"`).join(', ')} ${items.length === 1 ? 'has' : 'have'} no option "${code}"`,
        didYouMean(
          code,
          [...codes].filter((c) => !Object.hasOwn(map, c)),
        ),
      );
}

function checkScoreReference(
  id: string,
  ownId: string,
  earlier: ReadonlySet<string>,
  all: ReadonlySet<string>,
  path: JsonPath,
  report: Report,
) {
  if (id === ownId) report(path, `a score cannot use itself ("${id}")`);
  else if (earlier.has(id)) return;
  else if (all.has(id)) report(path, `the score "${id}" comes later: a score can only use scores listed before it`);
  else report(path, `there is no score "${id}"`, didYouMean(id, all));
}

function checkExpression(
  expression: Expression,
  path: JsonPath,
  score: ScoreDefinition,
  context: { items: Items; earlier: ReadonlySet<string>; all: ReadonlySet<string> },
  report: Report,
) {
  switch (expression.op) {
    case 'item': {
      const item = answerableItem(context.items, expression.item, [...path, 'item'], report);
      if (item && !numericKinds.has(item.kind))
        report([...path, 'item'], `"${expression.item}" is a ${item.kind} item: a formula uses scale, integer and decimal items`);
      return;
    }
    case 'score':
      checkScoreReference(expression.score, score.id, context.earlier, context.all, [...path, 'score'], report);
      return;
    case 'number':
      return;
    default:
      expression.args.forEach((arg, i) => checkExpression(arg, [...path, 'args', i], score, context, report));
  }
}

function checkBandsAndFlags(score: ScoreDefinition, path: JsonPath, report: Report) {
  listedTwice(
    (score.bands ?? []).map((b) => b.id),
    [...path, 'bands'],
    'the band',
    report,
  );
  let previous: number | undefined;
  (score.bands ?? []).forEach((band, i) => {
    const at = [...path, 'bands', i];
    if (band.from === undefined) {
      if (i > 0) report(at, 'every band after the first needs "from", its lowest value');
      return;
    }
    if (previous !== undefined && band.from <= previous)
      report([...at, 'from'], `the bands must ascend: ${band.from} is not above the band before it (${previous})`);
    previous = band.from;
  });
  listedTwice(
    (score.flags ?? []).map((f) => f.id),
    [...path, 'flags'],
    'the flag',
    report,
  );
  (score.flags ?? []).forEach((flag, i) => {
    const at = [...path, 'flags', i];
    if (flag.atLeast === undefined && flag.atMost === undefined) report(at, 'a flag needs "atMost", "atLeast" or both');
    else if (flag.atLeast !== undefined && flag.atMost !== undefined && flag.atLeast > flag.atMost)
      report([...at, 'atMost'], `"atMost" (${flag.atMost}) is below "atLeast" (${flag.atLeast}), so the flag is never set`);
  });
}

function checkScores(definition: Definition, items: Items, report: Report) {
  const scores = definition.scores ?? [];
  const all = new Set(scores.map((s) => s.id));
  const earlier = new Set<string>();
  const firstAt = new Map<string, number>();
  scores.forEach((score, i) => {
    const path: JsonPath = ['scores', i];
    const first = firstAt.get(score.id);
    if (first !== undefined) report([...path, 'id'], `the score id "${score.id}" is already used at $.scores[${first}]`);
    else firstAt.set(score.id, i);
    switch (score.kind) {
      case 'sum':
      case 'mean':
        checkItemScore(definition, score, path, items, report);
        break;
      case 'sumOfScores':
      case 'meanOfScores':
        listedTwice(score.scores, [...path, 'scores'], 'the score', report);
        score.scores.forEach((id, j) => checkScoreReference(id, score.id, earlier, all, [...path, 'scores', j], report));
        break;
      case 'formula':
        checkExpression(score.formula, [...path, 'formula'], score, { items, earlier, all }, report);
        if (expressionReferences(score.formula).items.length + expressionReferences(score.formula).scores.length === 0)
          report([...path, 'formula'], 'the formula uses no item and no score, so it is always the same number');
        break;
    }
    checkBandsAndFlags(score, path, report);
    earlier.add(score.id);
  });
}

const answerProblemText: Record<AnswerProblem['code'], string> = {
  required: 'an answer is required',
  wrongType: 'the value has the wrong type for this item',
  notWholeNumber: 'the item takes a whole number',
  belowMin: 'the value is below the minimum',
  aboveMax: 'the value is above the maximum',
  tooManyDecimals: 'the value has too many decimals',
  unknownOption: 'the item has no such option',
  tooFewSelected: 'too few options are chosen',
  tooManySelected: 'too many options are chosen',
  tooLong: 'the text is too long',
  invalidDate: 'the date does not exist',
  declineNotOffered: 'the item does not offer "I prefer not to answer"',
};

function checkExamples(definition: Definition, items: Items, report: Report) {
  const scoreIds = new Set((definition.scores ?? []).map((s) => s.id));
  (definition.examples ?? []).forEach((example, i) => {
    const path: JsonPath = ['examples', i];
    for (const [id, answer] of Object.entries(example.answers)) {
      const at = [...path, 'answers', id];
      const item = answerableItem(items, id, at, report);
      if (!item) continue;
      const problem = isDeclined(answer)
        ? offersDecline(definition, item)
          ? null
          : { code: AnswerError.declineNotOffered }
        : validateValue(definition, item, answer);
      if (problem)
        report(
          at,
          `${JSON.stringify(answer)} is not an answer to "${id}": ${answerProblemText[problem.code]}${problem.limit === undefined ? '' : ` (${problem.limit})`}`,
        );
    }
    for (const id of Object.keys(example.expectedScores))
      if (!scoreIds.has(id)) report([...path, 'expectedScores', id], `there is no score "${id}"`, didYouMean(id, scoreIds));
  });
}

/** The problems of the definition's scores and examples. */
export function checkScoresAndExamples(definition: Definition): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message, hint) => problems.push(hint ? { path, message, hint } : { path, message });
  // The first item of an id counts: a second one is reported as a duplicate, and only there.
  const items = new Map<string, LeafItem>();
  for (const item of leafItems(definition)) if (!items.has(item.id)) items.set(item.id, item);
  checkScores(definition, items, report);
  checkExamples(definition, items, report);
  return problems;
}
