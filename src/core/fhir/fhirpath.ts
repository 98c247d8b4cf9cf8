// FHIRPath for what enableWhen cannot say: conditions with "not" or nested "all"/"any" (the SDC
// enableWhenExpression), and scores (the SDC calculatedExpression). Every expression reads the
// QuestionnaireResponse (%resource); an answer that is missing makes a comparison false and a
// score empty, as our own code does.
import { optionsOf } from '../answers.js';
import type { AnswerableItem, Condition, Definition, Expression, ItemScoreDefinition, ScoreDefinition } from '../definition.js';
import { rangeOf, requiredAnswers, valueMapOf } from '../scoring.js';
import { answerSystemAndCode, linkIdOf } from './codes.js';
import { scoreLinkId } from './naming.js';

export type ItemsById = ReadonlyMap<string, AnswerableItem>;

export function literal(value: string | number | boolean, item?: AnswerableItem): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (item?.kind === 'date') return `@${value}`;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const answersOf = (linkId: string) => `%resource.repeat(item).where(linkId = ${literal(linkId)}).answer.value`;

/** The answers to an item as FHIRPath values comparable with our constants: codes, numbers, texts. */
export function answerValues(item: AnswerableItem): string {
  const values = answersOf(linkIdOf(item));
  if (item.kind === 'single-choice' || item.kind === 'multiple-choice') return `${values}.code`;
  if (item.kind === 'scale') return `${values}.code.toInteger()`;
  return values;
}

export function conditionExpression(condition: Condition, items: ItemsById, definition?: Definition): string {
  switch (condition.op) {
    case 'all':
      return condition.conditions.map((c) => `(${conditionExpression(c, items, definition)})`).join(' and ');
    case 'any':
      return condition.conditions.map((c) => `(${conditionExpression(c, items, definition)})`).join(' or ');
    case 'not':
      return `(${conditionExpression(condition.condition, items, definition)}).not()`;
  }
  const item = items.get(condition.item);
  if (!item) return 'false';
  const values = answerValues(item);
  const where = (test: string) => `${values}.where(${test}).exists()`;
  // an option's code as the response holds it: the source's, where the definition kept it
  const constant = (value: string | number | boolean) =>
    definition && typeof value === 'string' && (item.kind === 'single-choice' || item.kind === 'multiple-choice')
      ? literal(answerSystemAndCode(definition, item, value).code ?? value)
      : literal(value, item);
  switch (condition.op) {
    case 'answered':
      return `${values}.exists()`;
    case 'equals':
      return where(`$this = ${constant(condition.value)}`);
    case 'notEquals':
      return `${values}.exists() and ${values}.where($this = ${constant(condition.value)}).empty()`;
    case 'oneOf':
      return where(condition.values.map((v) => `$this = ${constant(v)}`).join(' or '));
    case 'greaterThan':
      return where(`$this > ${condition.value}`);
    case 'lessThan':
      return where(`$this < ${condition.value}`);
  }
}

function itemValue(definition: Definition, score: ItemScoreDefinition, item: AnswerableItem): string | undefined {
  if (item.kind === 'single-choice') {
    const map = valueMapOf(score, item.id);
    if (!map) return undefined;
    const codes = optionsOf(definition, item).map((o) => o.code);
    const chain = codes.reduceRight((otherwise, code) => {
      const value = Object.hasOwn(map, code) ? map[code] : null;
      const written = answerSystemAndCode(definition, item, code).code ?? code;
      return `iif($this = ${literal(written)}, ${value === null || value === undefined ? '{}' : String(value)}, ${otherwise})`;
    }, '{}');
    return `${answerValues(item)}.select(${chain})`;
  }
  if (item.kind !== 'scale' && item.kind !== 'integer' && item.kind !== 'decimal') return undefined;
  const values = answerValues(item);
  if (!(score.reverse ?? []).includes(item.id)) return values;
  const range = rangeOf(item);
  return range ? `${values}.select(${range.min + range.max} - $this)` : undefined;
}

export interface ScoreExpression {
  /** SDC variables on the score's item, by name. */
  variables: { name: string; expression: string }[];
  expression: string;
}

const scoreValueOf = (linkId: string) => `%resource.repeat(item).where(linkId = ${literal(linkId)}).answer.value`;
/** A score's calculated item: the source's linkId where an import kept it. */
export const scoreLinkIdOf = (score: Pick<ScoreDefinition, 'id' | 'linkId'>) => score.linkId ?? scoreLinkId(score.id);

function formulaExpression(expression: Expression, items: ItemsById, scoreValue: (id: string) => string): string | undefined {
  switch (expression.op) {
    case 'item': {
      const item = items.get(expression.item);
      return item ? `${answerValues(item)}` : undefined;
    }
    case 'score':
      return scoreValue(expression.score);
    case 'number':
      return String(expression.value);
  }
  const args = expression.args.map((arg) => formulaExpression(arg, items, scoreValue));
  if (args.some((a) => a === undefined)) return undefined;
  const [a, b] = args as string[];
  switch (expression.op) {
    case 'add':
      return `(${args.join(' + ')})`;
    case 'multiply':
      return `(${args.join(' * ')})`;
    case 'subtract':
      return `(${a} - ${b})`;
    case 'divide':
      return `(${a} / ${b})`;
    case 'power':
      return `(${a}).power(${b})`;
  }
}

/** A score as FHIRPath over the response, or undefined where it cannot be written so. */
export function scoreExpression(definition: Definition, score: ScoreDefinition, items: ItemsById): ScoreExpression | undefined {
  const scoreValue = (id: string) => {
    const found = definition.scores?.find((s) => s.id === id);
    return scoreValueOf(found ? scoreLinkIdOf(found) : scoreLinkId(id));
  };
  switch (score.kind) {
    case 'sum':
    case 'mean': {
      const values: string[] = [];
      for (const id of score.items) {
        const item = items.get(id);
        const value = item && itemValue(definition, score, item);
        if (!value) return undefined;
        values.push(value);
      }
      const collected = values.reduce((all, value) => `${all}.combine(${value})`);
      const count = score.items.length;
      const required = Math.max(1, requiredAnswers(score.minAnswered, count));
      const total = '%values.aggregate($total + $this, 0)';
      const value = score.kind === 'mean' ? `${total} / %values.count()` : score.prorate ? `${total} * ${count} / %values.count()` : total;
      return { variables: [{ name: 'values', expression: collected }], expression: `iif(%values.count() >= ${required}, ${value}, {})` };
    }
    case 'sumOfScores':
    case 'meanOfScores': {
      const sum = `(${score.scores.map(scoreValue).join(' + ')})`;
      return { variables: [], expression: score.kind === 'sumOfScores' ? sum : `${sum} / ${score.scores.length}` };
    }
    case 'formula': {
      const expression = formulaExpression(score.formula, items, scoreValue);
      return expression ? { variables: [], expression } : undefined;
    }
  }
}
