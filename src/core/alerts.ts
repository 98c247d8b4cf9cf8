// Which answers of a submission the patient's unit must be told of: the definition's answer alerts
// whose condition holds, and every set flag marked `alert`. Pure: the register calls it on receipt.
import type { Answers } from './answers.js';
import type { Condition, Definition, LocalisedText } from './definition.js';
import { computeScores } from './scoring.js';
import type { ScoreResults } from './scoring-results.js';
import { evaluate, visibility } from './visibility.js';

export const AlertKind = { answer: 'answer', flag: 'flag' } as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];

export type RaisedAlert =
  | {
      kind: typeof AlertKind.answer;
      /** The alert's id in the definition's "alerts". */
      id: string;
      /** The items its condition looks at, in the condition's order. */
      items: string[];
      label: LocalisedText;
    }
  | {
      kind: typeof AlertKind.flag;
      /** `score.flag`, unique within the definition. */
      id: string;
      score: string;
      flag: string;
      label: LocalisedText;
    };

/** The items a condition looks at, each once, in the order written. */
function conditionItems(condition: Condition): string[] {
  switch (condition.op) {
    case 'all':
    case 'any':
      return [...new Set(condition.conditions.flatMap(conditionItems))];
    case 'not':
      return conditionItems(condition.condition);
    default:
      return [condition.item];
  }
}

/**
 * The alerts the answers raise, answer alerts first, in the definition's order. Conditions see only
 * the answers of items the person was shown, as notices and scores do. Pass the scores when they are
 * already computed.
 */
export function alertsOf(definition: Definition, answers: Answers, scores?: ScoreResults): RaisedAlert[] {
  const raised: RaisedAlert[] = [];
  if (definition.alerts) {
    const { effective } = visibility(definition, answers);
    for (const alert of definition.alerts)
      if (evaluate(alert.when, effective))
        raised.push({ kind: AlertKind.answer, id: alert.id, items: conditionItems(alert.when), label: alert.label });
  }
  const scored = definition.scores?.some((score) => score.flags?.some((flag) => flag.alert === true));
  if (!scored) return raised;
  const results = scores ?? computeScores(definition, answers);
  for (const score of definition.scores ?? []) {
    const result = Object.hasOwn(results, score.id) ? results[score.id] : undefined;
    if (result?.status !== 'score') continue;
    for (const flag of score.flags ?? [])
      if (flag.alert === true && result.flags?.[flag.id] === true)
        raised.push({ kind: AlertKind.flag, id: `${score.id}.${flag.id}`, score: score.id, flag: flag.id, label: flag.label });
  }
  return raised;
}
