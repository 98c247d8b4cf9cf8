// Loads a shipped instrument and scores answer sets written the short way: { q1: 3, q2: 'declined' }.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { computeScores, type Answers, type AnswerValue, type Definition, type ScoreResults } from '../../../src/core/index.js';
import { parseDefinition } from '../../../src/core/parse-definition.js';
import { projectRoot } from '../fixtures.js';

export function instrument(file: string): Definition {
  const result = parseDefinition(JSON.parse(readFileSync(`${projectRoot}questionnaires/${file}`, 'utf8')));
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) throw new Error(`${file} is not valid`);
  return result.definition;
}

export type ShortAnswers = Record<string, AnswerValue | 'declined'>;

export function answersOf(values: ShortAnswers): Answers {
  return Object.fromEntries(
    Object.entries(values).map(([id, value]) => [id, value === 'declined' ? { declined: true as const } : { value }]),
  );
}

/** `{ q1: a[0], q2: a[1], … }` */
export function numbered(values: readonly (number | 'declined' | undefined)[]): ShortAnswers {
  const answers: ShortAnswers = {};
  values.forEach((value, i) => {
    if (value !== undefined) answers[`q${i + 1}`] = value;
  });
  return answers;
}

export function scoresOf(definition: Definition, values: ShortAnswers): ScoreResults {
  return computeScores(definition, answersOf(values));
}

/** The value of a score that must have one. */
export function valueOf(results: ScoreResults, id: string): number {
  const result = results[id];
  if (result?.status !== 'score') throw new Error(`"${id}" has no score: ${JSON.stringify(result)}`);
  return result.value;
}
