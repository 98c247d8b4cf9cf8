// What the schema alone cannot see in a file of indicators: unique ids, texts in every language, and
// references to the plan's time points and to the questionnaires' scores, items and answer codes.
import type { Definition, LeafItem } from '../definition.js';
import type { LocalisedText } from '../definition-parts.js';
import { planLanguages, type Plan } from '../plans/plan.js';
import type { JsonPath, Problem } from '../problems.js';
import { didYouMean } from '../suggest.js';
import type { IndicatorDefinition, IndicatorFile, TimePointRef } from './indicator.js';

export interface IndicatorContext {
  /** The shipped plans, by id. */
  plans: ReadonlyMap<string, Plan>;
  /** The shipped definitions, every version, by the questionnaire's id (its key without version). */
  definitions: ReadonlyMap<string, readonly Definition[]>;
}

type Report = (path: JsonPath, message: string, hint?: string) => void;

const leafItems = (definition: Definition): LeafItem[] =>
  definition.items.flatMap((item) => (item.kind === 'group' ? item.items : item.kind === 'display' ? [] : [item]));

function optionCodes(definition: Definition, item: LeafItem): string[] | undefined {
  if (item.kind !== 'single-choice' && item.kind !== 'multiple-choice') return undefined;
  const options = item.options ?? (item.optionSet ? definition.optionSets?.[item.optionSet] : undefined) ?? [];
  return options.map((option) => option.code);
}

function checkTimePoint(plan: Plan, ref: TimePointRef, questionnaire: string, path: JsonPath, report: Report): void {
  const timePoint = plan.timePoints.find((t) => t.id === ref.timePoint);
  if (!timePoint) {
    const ids = plan.timePoints.map((t) => t.id);
    report([...path, 'timePoint'], `the plan "${plan.id}" has no time point "${ref.timePoint}"`, didYouMean(ref.timePoint, ids));
    return;
  }
  if (!timePoint.questionnaires.some((key) => key.split('@')[0] === questionnaire))
    report(path, `the time point "${ref.timePoint}" of the plan "${plan.id}" does not ask "${questionnaire}"`);
}

function checkScore(versions: readonly Definition[], score: string, path: JsonPath, report: Report): void {
  const ids = versions.flatMap((d) => (d.scores ?? []).map((s) => s.id));
  if (!ids.includes(score)) report(path, `no version of "${versions[0]!.id}" has a score "${score}"`, didYouMean(score, ids));
}

function checkAnswerIn(
  versions: readonly Definition[],
  measure: Extract<IndicatorDefinition['measure'], { kind: 'answerIn' }>,
  path: JsonPath,
  report: Report,
) {
  const found = versions.flatMap((d) => leafItems(d).flatMap((item) => (item.id === measure.item ? [{ d, item }] : [])));
  if (found.length === 0) {
    const ids = [...new Set(versions.flatMap((d) => leafItems(d).map((item) => item.id)))];
    report([...path, 'item'], `no version of "${measure.questionnaire}" has an item "${measure.item}"`, didYouMean(measure.item, ids));
    return;
  }
  for (const { d, item } of found) {
    // an item of a repeating group has an answer per entry (`meds.1.form`), none under its own id
    const repeating = d.items.find((group) => group.kind === 'group' && group.repeats !== undefined && group.items.includes(item));
    if (repeating)
      report(
        [...path, 'item'],
        `the item "${item.id}" of ${d.id}@${d.version} is asked once per entry of the repeating group "${repeating.id}", so an indicator cannot count its answer`,
      );
    const codes = optionCodes(d, item);
    const named = [...(measure.codes ?? []), ...(measure.notApplicable ?? [])];
    if (named.length > 0 && !codes) report([...path, 'codes'], `the item "${item.id}" is not a choice, so it has no answer codes`);
    for (const code of codes ? named.filter((c) => !codes.includes(c)) : [])
      report([...path, 'codes'], `the item "${item.id}" of ${d.id}@${d.version} has no answer "${code}"`, didYouMean(code, codes!));
    const isNumeric = item.kind === 'scale' || item.kind === 'integer' || item.kind === 'decimal';
    if ((measure.atLeast !== undefined || measure.atMost !== undefined) && !isNumeric)
      report(path, `"atLeast" and "atMost" need an item that takes a number; "${item.id}" is ${item.kind}`);
  }
  if (measure.codes === undefined && measure.atLeast === undefined && measure.atMost === undefined)
    report(path, 'say which answers count: "codes", or "atLeast" and/or "atMost"');
}

function checkMeasure(indicator: IndicatorDefinition, path: JsonPath, context: IndicatorContext, report: Report): void {
  const plan = context.plans.get(indicator.plan);
  if (!plan) {
    report([...path, 'plan'], `there is no plan "${indicator.plan}"`, didYouMean(indicator.plan, [...context.plans.keys()]));
    return;
  }
  const { measure } = indicator;
  const at = [...path, 'measure'];
  const versions = context.definitions.get(measure.questionnaire);
  if (!versions) {
    const ids = [...context.definitions.keys()];
    report([...at, 'questionnaire'], `there is no questionnaire "${measure.questionnaire}"`, didYouMean(measure.questionnaire, ids));
    return;
  }
  if (measure.kind === 'answerIn') {
    checkTimePoint(plan, measure.at, measure.questionnaire, [...at, 'at'], report);
    checkAnswerIn(versions, measure, at, report);
    return;
  }
  checkTimePoint(plan, measure.from, measure.questionnaire, [...at, 'from'], report);
  checkTimePoint(plan, measure.to, measure.questionnaire, [...at, 'to'], report);
  checkScore(versions, measure.score, [...at, 'score'], report);
  if (measure.kind === 'scoreChange' && (measure.fallBy === undefined) === (measure.riseBy === undefined))
    report(at, 'say which change counts: either "fallBy" or "riseBy"');
}

export function checkIndicatorIntegrity(file: IndicatorFile, context: IndicatorContext): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message, hint) => problems.push({ path, message, ...(hint ? { hint } : {}) });
  const seen = new Set<string>();
  file.indicators.forEach((indicator, index) => {
    const path = ['indicators', index];
    if (seen.has(indicator.id)) report([...path, 'id'], `there is already an indicator "${indicator.id}": ids must be unique`);
    seen.add(indicator.id);
    for (const [field, text] of [
      ['title', indicator.title],
      ['description', indicator.description],
    ] as [string, LocalisedText][])
      for (const language of planLanguages.filter((l) => text[l] === undefined))
        problems.push({ path: [...path, field, language], message: `the text in "${language}" is missing`, missingLanguage: language });
    checkMeasure(indicator, path, context, report);
  });
  return problems;
}
