// Runs a definition's example answer sets and compares the scores they give with those expected.
import type { Answers } from './answers.js';
import type { Definition, ScoreDefinition, ScoreExample } from './definition.js';
import type { Problem } from './problems.js';
import { computeScores, roundScore } from './scoring.js';
import type { ScoreResult } from './scoring-results.js';

/** How many decimals a number is written with: 22.04 → 2. */
function writtenDecimals(value: number): number {
  const match = /\.(\d+)$/.exec(String(value));
  return match?.[1]?.length ?? 0;
}

/**
 * Whether a computed value is the one expected. With `decimals`, the value is rounded (roundScore)
 * to the score's decimals, or to as many as the expected number is written with if more, so
 * 22.04 matches a BMI of 22.0385…; without, the two must agree to within 1e-9.
 */
export function matchesExpected(score: ScoreDefinition | undefined, value: number, expected: number): boolean {
  if (score?.decimals === undefined) return Math.abs(value - expected) <= 1e-9;
  return roundScore(value, Math.max(score.decimals, writtenDecimals(expected))) === expected;
}

function describeResult(score: ScoreDefinition | undefined, result: ScoreResult | undefined): string {
  if (!result) return 'not computed';
  if (result.status === 'noScore') return `no score (${result.reason})`;
  if (score?.decimals === undefined) return String(result.value);
  const rounded = roundScore(result.value, score.decimals);
  return rounded === result.value ? String(rounded) : `${rounded} (${result.value} before rounding)`;
}

/** The answers of an example as the app stores them. */
export function exampleAnswers(example: ScoreExample): Answers {
  return Object.fromEntries(
    Object.entries(example.answers).map(([id, given]) => [
      id,
      typeof given === 'object' && !Array.isArray(given) ? { declined: true as const } : { value: given },
    ]),
  );
}

/** A problem at each expected score that differs from what the example's answers give. */
export function checkExampleScores(definition: Definition): Problem[] {
  const problems: Problem[] = [];
  const scores = new Map((definition.scores ?? []).map((score) => [score.id, score]));
  (definition.examples ?? []).forEach((example, i) => {
    const results = computeScores(definition, exampleAnswers(example));
    for (const [id, expected] of Object.entries(example.expectedScores)) {
      const score = scores.get(id);
      const result = Object.hasOwn(results, id) ? results[id] : undefined;
      const isMatch =
        expected === null ? result?.status === 'noScore' : result?.status === 'score' && matchesExpected(score, result.value, expected);
      if (!isMatch)
        problems.push({
          path: ['examples', i, 'expectedScores', id],
          message: `example "${example.name}": the score "${id}" gives ${describeResult(score, result)}, but ${expected === null ? 'no score' : expected} is expected`,
        });
    }
  });
  return problems;
}
