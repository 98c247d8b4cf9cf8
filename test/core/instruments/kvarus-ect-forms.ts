// The unscored register forms (the four KVARUS patient forms and the ECT patient follow-up), loaded
// once, with their item lists and tools to look up, compare and answer their items.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import {
  isAnswerable,
  leafItems,
  optionsOf,
  visibility,
  type AnswerableItem,
  type Answers,
  type AnswerValue,
  type Definition,
  type LeafItem,
} from '../../../src/core/index.js';
import { parseDefinition } from '../../../src/core/parse-definition.js';

export function load(file: string): Definition {
  const json = JSON.parse(readFileSync(new URL(`../../../questionnaires/${file}`, import.meta.url), 'utf8')) as unknown;
  const result = parseDefinition(json);
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) throw new Error(`${file} is not a valid definition`);
  return result.definition;
}

const kvarusFiles = {
  'kvarus-basis': 'kvarus-basis-1.json',
  'kvarus-malepunkt': 'kvarus-malepunkt-1.json',
  'kvarus-avslutning': 'kvarus-avslutning-1.json',
  'kvarus-oppfolging': 'kvarus-oppfolging-1.json',
} as const;
export const allFiles = { ...kvarusFiles, 'ect-oppfolging': 'ect-oppfolging-1.json' } as const;

export const basis = load(kvarusFiles['kvarus-basis']);
export const malepunkt = load(kvarusFiles['kvarus-malepunkt']);
export const avslutning = load(kvarusFiles['kvarus-avslutning']);
export const oppfolging = load(kvarusFiles['kvarus-oppfolging']);
export const kvarus = [basis, malepunkt, avslutning, oppfolging];
export const ect = load(allFiles['ect-oppfolging']);

export const substances = ['alcohol', 'cannabis', 'opioids', 'sedatives', 'stimulants', 'other'] as const;

/** The status (outcome) items every KVARUS registration asks, in order. */
export const statusItemIds = [
  ...substances.flatMap((s) => [`use_${s}`, `days_${s}`]),
  'other_substance',
  'injected',
  'overdoses',
  'overdose_note',
  'substance_problem',
  'housing',
  'occupation',
  'occupation_check',
  'income',
  'physical_health',
  'mental_health',
  'quality_of_life',
];
export const statusPageIds = ['substances_1', 'substances_2', 'use_more', 'living', 'health'];

export const evaluationScaleIds = [
  'eval_listened',
  'eval_respect',
  'eval_trust',
  'eval_decisions',
  'eval_substance_help',
  'eval_mental_help',
  'eval_practical',
  'eval_information',
  'eval_availability',
  'eval_family',
  'eval_coordination',
  'eval_benefit',
  'eval_satisfaction',
  'eval_recommend',
];
export const evaluationPageIds = ['evaluation_meeting', 'evaluation_help', 'evaluation_cooperation', 'evaluation_overall'];

export function item(definition: Definition, id: string): LeafItem {
  const found = leafItems(definition).find((i) => i.id === id);
  if (!found) throw new Error(`${definition.id} has no item ${id}`);
  return found;
}

export function answerable(definition: Definition, id: string): AnswerableItem {
  const found = item(definition, id);
  if (!isAnswerable(found)) throw new Error(`${id} is a display item`);
  return found;
}

export function codesOf(definition: Definition, id: string): string[] {
  return optionsOf(definition, answerable(definition, id)).map((o) => o.code);
}

/** What the register stores and compares for an item: everything but its wording. */
export function shapeOf(definition: Definition, leaf: LeafItem) {
  const { text: _text, help: _help, ...rest } = leaf as LeafItem & { help?: unknown };
  const shape: Record<string, unknown> = { ...rest };
  if ('unit' in shape) delete shape.unit;
  if ('labels' in shape) shape.labels = (leaf as { labels: { value: number }[] }).labels.map((l) => l.value);
  if (isAnswerable(leaf) && (leaf.kind === 'single-choice' || leaf.kind === 'multiple-choice')) {
    delete shape.optionSet;
    delete shape.options;
    shape.codes = optionsOf(definition, leaf).map((o) => o.code);
  }
  return shape;
}

export const isVisible = (definition: Definition, answers: Answers, id: string) => visibility(definition, answers).visible.has(id);

/**
 * Answers every visible item in order with a chosen value or a valid one, so that a whole path
 * through a form can be walked. On the "yes" path yes-no items are yes, multiple choices take every
 * option and numbers their maximum; on the "no" path, no, the first option and the maximum.
 */
export function answerAll(definition: Definition, yes: boolean, chosen: Record<string, AnswerValue> = {}): Answers {
  const answers: Answers = {};
  for (const leaf of leafItems(definition)) {
    if (!isAnswerable(leaf) || !isVisible(definition, answers, leaf.id)) continue;
    if (Object.hasOwn(chosen, leaf.id)) {
      answers[leaf.id] = { value: chosen[leaf.id] as AnswerValue };
      continue;
    }
    switch (leaf.kind) {
      case 'yes-no':
        answers[leaf.id] = { value: yes };
        break;
      case 'single-choice':
        answers[leaf.id] = { value: codesOf(definition, leaf.id)[0] as string };
        break;
      case 'multiple-choice':
        answers[leaf.id] = { value: yes ? codesOf(definition, leaf.id) : [codesOf(definition, leaf.id)[0] as string] };
        break;
      case 'scale':
      case 'integer':
      case 'decimal':
        answers[leaf.id] = { value: leaf.max ?? leaf.min ?? 0 };
        break;
      case 'date':
        answers[leaf.id] = { value: '2025-01-01' };
        break;
      default:
        answers[leaf.id] = { value: 'Et svar' };
    }
  }
  return answers;
}
