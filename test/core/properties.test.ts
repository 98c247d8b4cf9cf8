// Properties over generated input (fast-check): the definition checker answers every JSON value with
// a result or a list of problems and never throws; each shipped instrument's scores stay within its
// range for any answers a person could give. RELIABILITY=long runs many more cases.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  computeScores,
  isAnswerable,
  leafItems,
  offersDecline,
  optionsOf,
  validateValue,
  type Answer,
  type AnswerableItem,
  type Answers,
  type Definition,
} from '../../src/core/index.js';
import { parseDefinition, parseDefinitionText } from '../../src/core/parse-definition.js';
import { reliabilityRuns, tally } from '../reliability-tally.js';
import { projectRoot } from './fixtures.js';

const numRuns = reliabilityRuns(200, 2000);
const folder = `${projectRoot}questionnaires/`;
const shipped = readdirSync(folder)
  .filter((file) => file.endsWith('.json') && file !== 'published.json')
  .map((file) => ({ file, json: JSON.parse(readFileSync(`${folder}${file}`, 'utf8')) as unknown }));

function definitionOf(json: unknown): Definition {
  const result = parseDefinition(json);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.definition;
}

/** Checks the checker's contract: ok with a definition, or not ok with at least one problem. */
function answersWithResultOrProblems(input: unknown): boolean {
  const result = parseDefinition(input);
  return result.ok
    ? typeof result.hash === 'string' && result.definition !== undefined
    : Array.isArray(result.problems) && result.problems.length > 0;
}

/** Replaces the value at a path chosen by `steps` (each step picks a key or an index) with `replacement`. */
function mutate(value: unknown, steps: number[], replacement: unknown): unknown {
  if (steps.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [step = 0, ...rest] = steps;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const at = step % value.length;
    return value.map((item, i) => (i === at ? mutate(item, rest, replacement) : item));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[step % keys.length] ?? '';
  return { ...value, [key]: mutate((value as Record<string, unknown>)[key], rest, replacement) };
}

describe('the definition checker never throws', () => {
  test('for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), answersWithResultOrProblems), { numRuns });
    tally({ kind: 'badInput', suite: 'properties', name: 'random JSON to parseDefinition', isRefused: true });
  });

  test('for any text given as a definition file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => {
        const result = parseDefinitionText(text);
        return result.ok || result.problems.length > 0;
      }),
      { numRuns },
    );
  });

  test('for a shipped definition with one part replaced by any JSON, or one part removed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...shipped),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.constant(undefined),
          fc.constantFrom('', 'q1', '__proto__', 'constructor', -1, 1e308, '<script>alert(1)</script>'),
        ),
        ({ json }, steps, replacement) =>
          answersWithResultOrProblems(JSON.parse(JSON.stringify(mutate(json, steps, replacement)) ?? 'null')),
      ),
      { numRuns },
    );
    tally({ kind: 'badInput', suite: 'properties', name: 'mutated shipped definitions to parseDefinition', isRefused: true });
  });
});

/** A valid answer to one item, a decline where the item offers one, or none. */
function answerFor(definition: Definition, item: AnswerableItem): fc.Arbitrary<Answer | undefined> {
  const given = (value: fc.Arbitrary<Answer['value' & keyof Answer] | unknown>) => value.map((v) => ({ value: v }) as Answer);
  let value: fc.Arbitrary<unknown>;
  switch (item.kind) {
    case 'single-choice':
      value = fc.constantFrom(...optionsOf(definition, item).map((o) => o.code));
      break;
    case 'multiple-choice':
      value = fc.subarray(optionsOf(definition, item).map((o) => o.code));
      break;
    case 'scale':
    case 'integer':
      value = fc.integer({ min: item.min ?? -1000, max: item.max ?? 1000 });
      break;
    case 'decimal':
      value = fc.integer({ min: Math.ceil((item.min ?? -1000) * 10), max: Math.floor((item.max ?? 1000) * 10) }).map((n) => n / 10);
      break;
    case 'yes-no':
      value = fc.boolean();
      break;
    case 'date':
      value = fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
      break;
    case 'text':
    case 'long-text':
      value = fc.string({ maxLength: 50 });
      break;
  }
  const choices: fc.Arbitrary<Answer | undefined>[] = [fc.constant(undefined), given(value), given(value)];
  if (offersDecline(definition, item)) choices.push(fc.constant({ declined: true } as Answer));
  return fc
    .oneof(...choices)
    .filter((answer) => answer === undefined || !('value' in answer) || validateValue(definition, item, answer.value as never) === null);
}

function answersFor(definition: Definition): fc.Arbitrary<Answers> {
  const items = leafItems(definition).filter(isAnswerable);
  return fc
    .tuple(...items.map((item) => answerFor(definition, item)))
    .map((answers) => Object.fromEntries(items.flatMap((item, i) => (answers[i] === undefined ? [] : [[item.id, answers[i]]]))));
}

/** Each instrument's published range for each score; null where only "a finite number" can be said (BMI). */
const ranges: Record<string, Record<string, [number, number] | null>> = {
  'ede-q-6.0.json': { restraint: [0, 6], eatingConcern: [0, 6], shapeConcern: [0, 6], weightConcern: [0, 6], global: [0, 6], bmi: null },
  'cia-3.0.json': { global: [0, 48], personal: [0, 18], social: [0, 15], cognitive: [0, 15] },
  'ect-madrs-s-1.json': { total: [0, 54] },
  'kvarus-avslutning-1.json': { benefit: [1, 5] },
  'kvarus-malepunkt-1.json': { benefit: [1, 5] },
  'norspis-outcome-1.json': { outcome: [1, 5] },
  'ede-q-6.0.1.json': { restraint: [0, 6], eatingConcern: [0, 6], shapeConcern: [0, 6], weightConcern: [0, 6], global: [0, 6], bmi: null },
  'cia-3.0.1.json': { global: [0, 48], personal: [0, 18], social: [0, 15], cognitive: [0, 15] },
  'ect-madrs-s-2.json': { total: [0, 54] },
  'kvarus-avslutning-2.json': { benefit: [1, 5] },
  'kvarus-malepunkt-2.json': { benefit: [1, 5] },
};

describe("scores stay within each instrument's range for any answers", () => {
  test('every shipped definition with scores has its ranges here', () => {
    const scored = shipped.filter(({ json }) => (definitionOf(json).scores ?? []).length > 0);
    expect(Object.fromEntries(scored.map(({ file, json }) => [file, (definitionOf(json).scores ?? []).map((s) => s.id).sort()]))).toEqual(
      Object.fromEntries(Object.entries(ranges).map(([file, scores]) => [file, Object.keys(scores).sort()])),
    );
  });

  test.each(Object.keys(ranges))('%s', (file) => {
    const definition = definitionOf(shipped.find((s) => s.file === file)?.json);
    fc.assert(
      fc.property(answersFor(definition), (answers) => {
        const results = computeScores(definition, answers);
        for (const [id, range] of Object.entries(ranges[file] ?? {})) {
          const result = results[id];
          if (result?.status !== 'score') continue;
          expect(Number.isFinite(result.value), `${id} is finite`).toBe(true);
          if (range) {
            expect(result.value, `${id} ≥ ${range[0]}`).toBeGreaterThanOrEqual(range[0]);
            expect(result.value, `${id} ≤ ${range[1]}`).toBeLessThanOrEqual(range[1]);
          }
        }
      }),
      { numRuns },
    );
  });

  test('a complete answer set at each extreme gives a score (the generator reaches the ends)', () => {
    const madrs = definitionOf(shipped.find((s) => s.file === 'ect-madrs-s-1.json')?.json);
    const items = leafItems(madrs).filter(isAnswerable);
    for (const end of ['min', 'max'] as const) {
      const answers = Object.fromEntries(
        items.map(
          (item) =>
            [
              item.id,
              {
                value:
                  item.kind === 'scale' ? item[end] : optionsOf(madrs, item)[end === 'min' ? 0 : optionsOf(madrs, item).length - 1]?.code,
              },
            ] as const,
        ),
      );
      const total = computeScores(madrs, answers as Answers).total;
      expect(total).toMatchObject({ status: 'score', value: end === 'min' ? 0 : 54 });
    }
  });
});
