// The reliability report's section on guessing codes: computed from the register's own constants,
// it shows that a million addresses need over a hundred years to find one valid code among 100,000.
import { expect, test } from 'vitest';
import { guessingAnalysis, guessingAssumptions, guessingMarkdown } from '../../scripts/guessing-analysis.js';
import { claimLimits } from '../../src/server/claim-admission.js';
import { proofOfWorkLimits } from '../../src/server/proof-of-work.js';

test('a million addresses need over a hundred years to find one of 100,000 open codes', () => {
  const analysis = guessingAnalysis();
  // By hand: 29^12 codes; 10^6 addresses × 40 failures a day × 365.25 days.
  const expected = (29 ** 12 + 1) / (100_000 + 1) / (1e6 * 40 * 365.25);
  expect(claimLimits.perAddressPerDay).toBe(40);
  expect(analysis.expectedYears).toBeCloseTo(expected, -1);
  expect(analysis.expectedYears).toBeGreaterThan(100);
  expect(analysis.isOverHundredYears).toBe(true);
  expect(analysis.codeBits).toBeCloseTo(58.3, 1);
  // The ten-minute limit alone would not do: the daily limit is what the hundred years rest on.
  expect(analysis.withoutDailyCapYears).toBeLessThan(10);
  expect(analysis.proofOfWork.hashesPerGuess).toBe(2 ** proofOfWorkLimits.maxBits);
  expect(analysis.chanceWithinOneYear).toBeGreaterThan(0);
  expect(analysis.chanceWithinOneYear).toBeLessThan(0.01);
});

test('the years fall in proportion to the attacker and to the open orders', () => {
  const base = guessingAnalysis();
  const tenfold = guessingAnalysis({ ...guessingAssumptions, attackerAddresses: 10_000_000 });
  const fewer = guessingAnalysis({ ...guessingAssumptions, openOrders: 10_000 });
  expect(tenfold.expectedYears / base.expectedYears).toBeCloseTo(0.1, 2);
  expect(fewer.expectedYears / base.expectedYears).toBeCloseTo(10, 0);
  expect(tenfold.isOverHundredYears).toBe(false);
});

test('the report section states the assumptions, the formula and the result', () => {
  const markdown = guessingMarkdown(guessingAnalysis());
  expect(markdown).toContain('a = 1.00 × 10^6 addresses');
  expect(markdown).toContain('n = 100,000 orders open at once');
  expect(markdown).toContain('(S + 1) / (n + 1) / g');
  expect(markdown).toMatch(/\*\*2\d\d\*\* \(over 100\)/);
});
